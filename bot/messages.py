"""The neutral message model every channel translates to and from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_PAYLOAD_BYTES = 64  # Telegram's callback_data limit; the strictest of our channels
RTL_LANGUAGES = frozenset({"ar"})


@dataclass(frozen=True)
class Button:
    """A choice offered to the person: a short title and the payload sent back when chosen."""

    title: str
    payload: str

    def __post_init__(self) -> None:
        if len(self.payload.encode("utf-8")) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"button payload longer than {MAX_PAYLOAD_BYTES} bytes")


@dataclass(frozen=True)
class IncomingMessage:
    """What a person sent on a channel: free text or the payload of a pressed button."""

    channel: str
    user_id: str
    text: str | None = None
    payload: str | None = None
    language_hint: str | None = None


@dataclass(frozen=True)
class OutgoingMessage:
    """One reply: text, optional buttons, an optional link, and the language it is written in."""

    text: str
    buttons: tuple[Button, ...] = ()
    link: str | None = None
    language: str | None = field(default=None, compare=False)

    @property
    def direction(self) -> str:
        """Return the text direction of the message ("rtl" for Arabic, else "ltr")."""
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape used by the web chat and the outbox."""
        return {
            "text": self.text,
            "buttons": [{"title": b.title, "payload": b.payload} for b in self.buttons],
            "link": self.link,
            "lang": self.language,
            "dir": self.direction,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OutgoingMessage:
        """Rebuild a message from `to_dict`'s shape (unknown keys are ignored)."""
        buttons = tuple(
            Button(title=str(b["title"]), payload=str(b["payload"]))
            for b in data.get("buttons") or ()
        )
        lang = data.get("lang")
        link = data.get("link")
        return cls(
            text=str(data.get("text") or ""),
            buttons=buttons,
            link=str(link) if link else None,
            language=str(lang) if lang else None,
        )
