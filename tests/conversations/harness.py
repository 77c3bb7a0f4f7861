"""A person in the web chat and a volunteer in the handoff API, over real HTTP."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

import httpx

from bot.knowledge import FaqEntry, KnowledgeBase

_serial = itertools.count(1)
_REFERENCE = re.compile(r"(?<![A-Za-z0-9])[0-9A-HJKMNP-TV-Z]{8}(?![A-Za-z0-9])")
_WORDS = frozenset({"PATHWAYS"})


@dataclass
class Person:
    """Someone chatting in the web chat, reading what the bot answers."""

    client: httpx.Client
    lang: str
    user_id: str = field(default_factory=lambda: f"person-{next(_serial)}-{id(object())}")
    replies: list[dict[str, Any]] = field(default_factory=list)

    def say(self, text: str) -> list[dict[str, Any]]:
        """Type a message; return the bot's replies."""
        return self._send(text=text)

    def press(self, payload: str) -> list[dict[str, Any]]:
        """Press a button the bot offered in its last replies."""
        assert payload in self.payloads(), f"{payload!r} not offered: {self.payloads()}"
        return self._send(payload=payload)

    def _send(self, **message: str) -> list[dict[str, Any]]:
        body = {"user_id": self.user_id, "lang": self.lang, **message}
        response = self.client.post("/v1/chat", json=body)
        assert response.status_code == 200, response.text
        self.replies = response.json()["messages"]
        assert self.replies, "the bot must always answer"
        return self.replies

    @property
    def text(self) -> str:
        """Everything the bot said in its last replies."""
        return "\n".join(m["text"] for m in self.replies)

    def payloads(self) -> list[str]:
        """The payloads of the buttons of the last replies."""
        return [b["payload"] for m in self.replies for b in m.get("buttons", [])]

    def served(self, knowledge: KnowledgeBase) -> FaqEntry | None:
        """The entry the bot answered with (its question opens the answer), if any."""
        for message in self.replies:
            first = message["text"].split("\n", 1)[0]
            if first.startswith("❓ "):
                question = first.removeprefix("❓ ").strip()
                for entry in knowledge.published():
                    if entry.translation(self.lang).question.strip() == question:
                        return entry
        return None

    def reference(self) -> str:
        """The case reference the bot gave (8 Crockford base32 characters)."""
        found = [m for m in _REFERENCE.findall(self.text) if m not in _WORDS]
        assert found, f"no case reference in {self.text!r}"
        return found[-1]


@dataclass
class Volunteer:
    """A vetted volunteer reading the queue through the JSON API."""

    client: httpx.Client
    auth: dict[str, str]

    def case(self, reference: str) -> dict[str, Any]:
        """The case as the volunteer sees it in the queue, then opened."""
        queue = self.client.get("/v1/cases/queue", headers=self.auth)
        assert queue.status_code == 200, queue.text
        listed = [c for c in queue.json()["items"] if c["reference"] == reference]
        assert listed, f"{reference} is not in the volunteer's queue"
        detail = self.client.get(f"/v1/cases/{reference}", headers=self.auth)
        assert detail.status_code == 200, detail.text
        return {**listed[0], **detail.json()}

    def everything_seen(self, reference: str) -> str:
        """Every text of the case a volunteer can read."""
        queue = self.client.get("/v1/cases/queue", headers=self.auth).text
        detail = self.client.get(f"/v1/cases/{reference}", headers=self.auth).text
        return queue + detail
