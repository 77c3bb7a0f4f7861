"""Channel adapters: each translates one platform to and from the neutral message model."""

from bot.channels.base import CollectingOutputChannel, OutputChannel

__all__ = ["CollectingOutputChannel", "OutputChannel"]
