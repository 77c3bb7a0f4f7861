"""The context of one incoming message while the engine handles it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.i18n import Translator
from bot.knowledge import KnowledgeBase
from bot.messages import Button, OutgoingMessage
from bot.ports import ConversationState, Ports
from nlu import NLUPipeline


@dataclass
class Turn:
    """State, language, knowledge and ports for one message, and the replies collected so far."""

    state: ConversationState
    tr: Translator
    knowledge: KnowledgeBase
    nlu: NLUPipeline | None
    ports: Ports
    hint: str | None = None
    replies: list[OutgoingMessage] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """Return the language replies are written in."""
        return self.tr.lang

    def use_language(self, lang: str) -> None:
        """Write the following replies in `lang`."""
        if lang != self.tr.lang:
            self.tr = Translator(lang)

    def say(self, text: str, buttons: Sequence[Button] = (), link: str | None = None) -> None:
        """Add a reply in the turn's language."""
        self.replies.append(
            OutgoingMessage(text=text, buttons=tuple(buttons), link=link, language=self.lang)
        )

    def remember_question(self, text: str) -> None:
        """Keep the last question, so it can be handed to a volunteer if the person agrees."""
        self.state.pending = {**(self.state.pending or {}), "question": text}

    @property
    def last_question(self) -> str:
        """Return the last question the person asked ("" when none)."""
        return str((self.state.pending or {}).get("question") or "")

    def ask(self, kind: str, **data: object) -> None:
        """Open a prompt the next message may answer, keeping the last question."""
        question = self.last_question
        self.state.pending = {"kind": kind, **data, **({"question": question} if question else {})}

    def close_prompt(self) -> None:
        """Forget any open prompt (the last question stays)."""
        question = self.last_question
        self.state.pending = {"question": question} if question else None
