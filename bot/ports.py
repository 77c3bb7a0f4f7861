"""The small interfaces the dialogue depends on; `api` provides the implementations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from bot.messages import IncomingMessage, OutgoingMessage

# The fields of ConversationState that are stored (the columns of `conversations`).
STORED_FIELDS: tuple[str, ...] = (
    "language",
    "country",
    "origin_country",
    "location",
    "danger",
    "memo",
    "last_topic",
    "last_faq_id",
    "pending",
    "disclaimer_shown",
    "handoff_active",
)


@dataclass
class ConversationState:
    """One person's conversation on one channel, as stored between messages."""

    channel: str
    user_id: str
    id: int | None = None
    language: str | None = None
    # Three different facts: where the person wants to go (`country`, the destination), where
    # they come from, and where they are now (`location`: only what they said or confirmed).
    country: str | None = None
    origin_country: str | None = None
    location: str | None = None
    # The message that showed present danger, kept so any later handoff is urgent and says why.
    danger: str | None = None
    # Things said once per conversation (notices shown, contact-details warning, ...).
    memo: dict[str, Any] | None = None
    last_topic: str | None = None
    last_faq_id: str | None = None
    pending: dict[str, Any] | None = None
    disclaimer_shown: bool = False
    handoff_active: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None
    erased: bool = False
    _saved: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.mark_saved()

    def mark_saved(self) -> None:
        """Remember the stored values, so a save writes only what this message changed."""
        self._saved = {name: _copy(getattr(self, name)) for name in STORED_FIELDS}

    def changes(self) -> dict[str, Any]:
        """Return the stored fields changed since load or the last save."""
        return {
            name: getattr(self, name)
            for name in STORED_FIELDS
            if getattr(self, name) != self._saved.get(name)
        }

    @property
    def prompt(self) -> str | None:
        """Return the kind of question the bot is waiting an answer to, if any."""
        return (self.pending or {}).get("kind")


def _copy(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else value


@dataclass(frozen=True)
class HandoffRequest:
    """What a volunteer may see about a person who agreed to be handed over."""

    language: str
    countries: tuple[str, ...]
    topic: str | None
    question: str
    bot_answer: str | None
    urgent: bool = False
    # Where the person is now, when they said so (not the destination), and why it is urgent.
    location: str | None = None
    reason: str | None = None


class ConversationStore(Protocol):
    """Where conversation states live between messages (shared by every worker)."""

    async def load(self, channel: str, user_id: str) -> ConversationState:
        """Return the person's state, creating an empty one on first contact."""
        ...

    async def save(self, state: ConversationState) -> None:
        """Write the fields this message changed."""
        ...

    async def erase(self, state: ConversationState) -> None:
        """Delete the person's conversation and everything attached to it."""
        ...


class FeedbackSink(Protocol):
    """Where "was this helpful?" answers go (never with a user id)."""

    async def record(self, *, faq_id: str, lang: str, helpful: bool) -> None:
        """Store one feedback."""
        ...


class UnansweredSink(Protocol):
    """Where questions the bot could not answer go, for editors (never with a user id)."""

    async def record(
        self, *, text: str, lang: str, intent: str | None, confidence: float | None
    ) -> None:
        """Store one unanswered question."""
        ...


class TranscriptSink(Protocol):
    """Where what the person sent and what the bot showed them is kept (web chat, volunteers)."""

    async def record(
        self,
        state: ConversationState,
        incoming: IncomingMessage,
        replies: Sequence[OutgoingMessage],
    ) -> None:
        """Store one incoming message and the replies to it."""
        ...


class HandoffGateway(Protocol):
    """The boundary to the volunteers' side (the handoff service)."""

    async def request_handoff(self, state: ConversationState, request: HandoffRequest) -> str:
        """Open a request for a volunteer and return the reference shown to the person."""
        ...

    async def forward(self, state: ConversationState, text: str) -> bool:
        """Pass a message to the person's open case; False when no case is open any more."""
        ...

    async def escalate(self, state: ConversationState) -> bool:
        """Raise the person's open case to urgent (an emergency); False when none is open."""
        ...

    async def leave(self, state: ConversationState) -> None:
        """Note that the person went back to the bot."""
        ...

    async def erase(self, state: ConversationState) -> None:
        """Erase the person's handoff requests and cases (/delete)."""
        ...

    async def handle_payload(self, state: ConversationState, raw: str) -> bool | None:
        """Act on a button of the handoff side (`rate:`, `reopen:`); None when not one of them."""
        ...


@dataclass(frozen=True)
class Ports:
    """Everything the engine needs from outside the dialogue."""

    conversations: ConversationStore
    feedback: FeedbackSink
    unanswered: UnansweredSink
    handoff: HandoffGateway
    transcript: TranscriptSink | None = None
