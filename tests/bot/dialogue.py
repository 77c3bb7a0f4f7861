"""A whole bot in a test: say things or press buttons, read what it answered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from babel.messages.pofile import read_po

from bot.channels.base import CollectingOutputChannel
from bot.engine import Engine
from bot.i18n import LOCALES_DIR, Translator
from bot.messages import Button, IncomingMessage, OutgoingMessage


@lru_cache(maxsize=1)
def _known_messages() -> frozenset[str]:
    with (LOCALES_DIR / "messages.pot").open("rb") as fp:
        return frozenset(m.id for m in read_po(fp) if isinstance(m.id, str))


@dataclass
class Chat:
    """One person talking to the engine through a recording channel."""

    engine: Engine
    user_id: str = "person-1"
    hint: str | None = None
    channel_name: str = "test"
    output: CollectingOutputChannel = field(default_factory=CollectingOutputChannel)
    replies: list[OutgoingMessage] = field(default_factory=list)

    async def say(self, text: str) -> list[OutgoingMessage]:
        """Send free text and return the replies."""
        return await self._send(
            IncomingMessage(self.channel_name, self.user_id, text=text, language_hint=self.hint)
        )

    async def press(self, payload: str, *, offered: bool = True) -> list[OutgoingMessage]:
        """Press a button of the last replies (or any payload with `offered=False`)."""
        if offered:
            assert payload in self.payloads(), f"{payload!r} not offered: {self.payloads()}"
        return await self._send(
            IncomingMessage(
                self.channel_name, self.user_id, payload=payload, language_hint=self.hint
            )
        )

    async def _send(self, message: IncomingMessage) -> list[OutgoingMessage]:
        await self.engine.deliver(message, self.output)
        self.replies = self.output.pop()
        assert self.replies, "the bot must always answer"
        return self.replies

    def payloads(self) -> list[str]:
        """Return the payloads of every button in the last replies."""
        return [b.payload for m in self.replies for b in m.buttons]

    def buttons(self) -> list[Button]:
        """Return every button of the last replies."""
        return [b for m in self.replies for b in m.buttons]

    def first(self, prefix: str) -> str:
        """Return the first offered payload starting with `prefix`."""
        return next(p for p in self.payloads() if p.startswith(prefix))

    @property
    def text(self) -> str:
        """Return the texts of the last replies, joined."""
        return "\n".join(m.text for m in self.replies)

    def expect(self, lang: str, message_id: str) -> None:
        """Assert the last replies contain a message in `lang` (placeholders may vary)."""
        assert message_id in _known_messages(), f"not a message id: {message_id!r}"
        translated = Translator(lang)._(message_id)
        literal = max(re.split(r"\{[^{}]*\}", translated), key=len).strip()
        assert literal and literal in self.text, f"{literal!r} not in {self.text!r}"
