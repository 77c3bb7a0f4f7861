"""The interface every output channel implements, and a recording one for tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.messages import OutgoingMessage


class OutputChannel(Protocol):
    """Something that can send the bot's replies to a person on one platform."""

    name: str

    async def send(self, recipient: str, messages: Sequence[OutgoingMessage]) -> None:
        """Send replies, in order, to a person (the channel's own user id)."""
        ...


class CollectingOutputChannel:
    """Record every reply instead of sending it (whole conversations become testable)."""

    name = "collector"

    def __init__(self) -> None:
        self.sent: list[tuple[str, OutgoingMessage]] = []

    async def send(self, recipient: str, messages: Sequence[OutgoingMessage]) -> None:
        """Record the replies."""
        self.sent.extend((recipient, message) for message in messages)

    def pop(self) -> list[OutgoingMessage]:
        """Return and forget the replies recorded so far."""
        messages = [message for _, message in self.sent]
        self.sent.clear()
        return messages
