"""Which sender delivers each channel's outbox rows."""

from __future__ import annotations

from bot.delivery import ChannelSender

# The web chat fetches its rows itself (GET /v1/chat/{user_id}/messages): nothing to push.
PULL_CHANNELS = frozenset({"web"})


class SenderRegistry:
    """Channel name -> sender; channels register theirs when they start."""

    def __init__(self) -> None:
        self._senders: dict[str, ChannelSender] = {}

    def register(self, channel: str, sender: ChannelSender) -> None:
        """Deliver `channel`'s rows through `sender` from now on."""
        if channel in PULL_CHANNELS:
            raise ValueError(f"the {channel!r} channel is read by its clients, not pushed")
        self._senders[channel] = sender

    def unregister(self, channel: str) -> None:
        """Stop delivering `channel` (its rows wait in the outbox)."""
        self._senders.pop(channel, None)

    def get(self, channel: str) -> ChannelSender | None:
        """Return the sender of `channel`, if any."""
        return self._senders.get(channel)

    @property
    def channels(self) -> tuple[str, ...]:
        """Return the channels with a sender."""
        return tuple(sorted(self._senders))
