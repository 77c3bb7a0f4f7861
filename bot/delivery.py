"""The one interface every channel implements to deliver an outbox message."""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["ChannelSender", "DeliveryError"]


class DeliveryError(Exception):
    """A message could not be delivered now (`retry_after` seconds) or ever (`permanent`)."""

    def __init__(
        self, message: str, *, retry_after: float | None = None, permanent: bool = False
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class ChannelSender(Protocol):
    """Send one outgoing message body (`{"text", "buttons"?, "link"?}`) to a channel user."""

    async def send(self, recipient: str, body: dict[str, Any]) -> None:
        """Deliver `body` to `recipient`, or raise `DeliveryError`."""
        ...
