"""Button payloads: short strings (<= 64 bytes) naming an action and its arguments."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from bot.knowledge import KnowledgeBase

_PAYLOAD = re.compile(r"^[a-z]{1,12}(?::[A-Za-z0-9_~-]{1,56}){0,2}$")
_MAX_ID_CHARS = 48  # leaves room for "fb:" and ":1" inside Telegram's 64 bytes


@dataclass(frozen=True)
class Payload:
    """A parsed payload: its kind ("faq", "lang", ...) and its arguments."""

    kind: str
    args: tuple[str, ...] = ()

    def arg(self, index: int = 0) -> str:
        """Return an argument, or "" when absent."""
        return self.args[index] if index < len(self.args) else ""


def parse_payload(raw: str) -> Payload | None:
    """Parse a payload; None when it is not one of ours."""
    raw = raw.strip()
    if not _PAYLOAD.match(raw):
        return None
    kind, *args = raw.split(":")
    return Payload(kind, tuple(args))


def entry_ref(entry_id: str) -> str:
    """Return a payload-safe reference to an FAQ entry (a short hash for long ids)."""
    if len(entry_id) <= _MAX_ID_CHARS:
        return entry_id
    return "~" + hashlib.sha1(entry_id.encode("utf-8")).hexdigest()[:16]


def resolve_ref(knowledge: KnowledgeBase, ref: str) -> str | None:
    """Return the id of the published entry a reference points to."""
    if not ref.startswith("~"):
        return ref if knowledge.get(ref) is not None else None
    for entry in knowledge.published():
        if entry_ref(entry.id) == ref:
            return entry.id
    return None


def faq(entry_id: str) -> str:
    """Payload that opens an FAQ entry."""
    return f"faq:{entry_ref(entry_id)}"


def feedback(entry_id: str, helpful: bool) -> str:
    """Payload of a "was this helpful?" answer."""
    return f"fb:{entry_ref(entry_id)}:{int(helpful)}"


def topic(name: str) -> str:
    """Payload that opens a topic."""
    return f"topic:{name}"


def language(code: str) -> str:
    """Payload that chooses a language."""
    return f"lang:{code}"


def country(code: str) -> str:
    """Payload that chooses a destination country ("none" to skip)."""
    return f"country:{code}"


def location(code: str) -> str:
    """Payload that says which country a person in danger is in (shows its helplines)."""
    return f"sos:{code}"


def command(name: str) -> str:
    """Payload of a command offered as a menu entry."""
    return f"cmd:{name}"


HANDOFF_OFFER = "handoff:offer"
HANDOFF_YES = "handoff:yes"
HANDOFF_URGENT = "handoff:urgent"
HANDOFF_NO = "handoff:no"
HANDOFF_LEAVE = "handoff:leave"
DELETE_YES = "del:yes"
DELETE_NO = "del:no"
NONE_OF_THESE = "none"
