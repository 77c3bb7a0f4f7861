"""The shapes the handoff API reads and returns (volunteer-facing ones hold no channel id)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bot.knowledge.model import LANGUAGES, is_country_code

Language = Literal["en", "fr", "es", "ar", "ne"]
Role = Literal["admin", "editor", "volunteer"]
Outcome = Literal["resolved", "referred", "no_response", "not_appropriate"]
VolunteerStatus = Literal["pending", "active", "rejected", "suspended"]
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def _email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value) or len(value) > 254:
        raise ValueError("not an e-mail address")
    return value


def _countries(value: list[str]) -> list[str]:
    codes = [code.strip().upper() for code in value]
    bad = [code for code in codes if not is_country_code(code)]
    if bad:
        raise ValueError(f"unknown ISO 3166-1 country codes: {', '.join(bad)}")
    return sorted(set(codes))


def _languages(value: list[str]) -> list[str]:
    return [lang for lang in LANGUAGES if lang in set(value)]


Email = Annotated[str, AfterValidator(_email)]
Countries = Annotated[list[str], Field(max_length=60), AfterValidator(_countries)]
Languages = Annotated[list[Language], Field(min_length=1), AfterValidator(_languages)]
Password = Annotated[str, Field(min_length=10, max_length=256)]
Name = Annotated[str, Field(min_length=1, max_length=120)]
Notes = Annotated[str, Field(max_length=2000)]


class InputModel(BaseModel):
    """A request body: unknown fields refused, strings trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RowModel(BaseModel):
    """A response read from a database row."""

    model_config = ConfigDict(from_attributes=True)


class ErrorOut(BaseModel):
    """Why a request was refused."""

    detail: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "not signed in, or the token has expired"},
    403: {"model": ErrorOut, "description": "the signed-in user may not do this"},
    404: {"model": ErrorOut, "description": "no such case, account or message"},
    409: {"model": ErrorOut, "description": "the current state does not allow it"},
}


# --- volunteers -----------------------------------------------------------------------------


class VolunteerRegistration(InputModel):
    """What a prospective volunteer tells about themselves."""

    name: Name
    email: Email
    password: Password
    languages: Languages
    destination_countries: Countries = Field(default_factory=list)
    origin_countries: Countries = Field(default_factory=list)
    bio: Annotated[str, Field(max_length=1000)] = ""
    accepts_code_of_conduct: Literal[True] = Field(
        description="must be true: the volunteer accepts the code of conduct"
    )


class VolunteerUpdate(InputModel):
    """What a volunteer (or an admin) may change on a profile; absent fields stay."""

    available: bool | None = None
    max_open_cases: Annotated[int, Field(ge=0, le=20)] | None = None
    languages: Languages | None = None
    destination_countries: Countries | None = None
    origin_countries: Countries | None = None
    bio: Annotated[str, Field(max_length=1000)] | None = None


class VettingIn(InputModel):
    """An admin's note on a vetting decision."""

    notes: Notes = ""


class VolunteerOut(BaseModel):
    """A volunteer's profile and vetting record."""

    id: int
    name: str
    email: str
    status: VolunteerStatus
    languages: list[str]
    destination_countries: list[str]
    origin_countries: list[str]
    bio: str
    available: bool
    max_open_cases: int
    open_cases: int = 0
    vetted_by: int | None
    vetted_at: datetime | None
    vetting_notes: str | None
    created_at: datetime


# --- cases ----------------------------------------------------------------------------------


class SourceOut(BaseModel):
    """An official source of the bot's answer."""

    title: str
    url: str


class HelplineShownOut(BaseModel):
    """A helpline the bot showed the person before the handoff."""

    id: str
    name: str
    number: str | None = None
    country: str | None = None
    url: str | None = None


class BotAnswerOut(BaseModel):
    """What the bot already answered before the person asked for a human."""

    faq_id: str | None = None
    title: str | None = None
    sources: list[SourceOut] = []
    helplines: list[HelplineShownOut] = Field(
        default=[], description="helplines the bot showed (emergency replies)"
    )


class CaseMessageOut(RowModel):
    """A message on a case."""

    id: int
    sender: Literal["person", "bot", "volunteer", "system"]
    body: str
    masked: bool = Field(
        default=False, description="contact details the person typed are hidden in `body`"
    )
    status: Literal["stored", "relayed", "held", "rejected"]
    hold_reasons: list[str] = []
    review_note: str | None = None
    author_id: int | None = None
    created_at: datetime


class CaseSummary(BaseModel):
    """A case as listed in a queue (no channel id, no conversation id)."""

    reference: str
    status: Literal["open", "claimed", "closed"]
    channel: str
    language: str
    countries: list[str]
    origin_country: str | None
    destinations: list[str] = Field(
        default=[], description="where the person wants to go (countries minus origin)"
    )
    location: str | None = Field(default=None, description="where the person said they are now")
    topic: str | None
    priority: Literal["normal", "urgent"]
    urgent_reason: str | None = Field(
        default=None, description="the message that showed present danger (masked)"
    )
    question: str
    created_at: datetime
    queued_at: datetime
    assignee_id: int | None = None
    lease_expires_at: datetime | None = None
    knows_country: bool | None = Field(
        default=None, description="the viewing volunteer knows a country of the case"
    )
    overdue: bool = False


class CaseDetail(CaseSummary):
    """A case with the bot's answer and its messages."""

    bot_answer: BotAnswerOut | None = None
    messages: list[CaseMessageOut] = []
    claimed_at: datetime | None = None
    first_reply_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str | None = None
    rating: int | None = None
    reopen_until: datetime | None = None


class QueueOut(BaseModel):
    """The cases a volunteer may claim now."""

    available: bool
    open_cases: int
    max_open_cases: int
    at_capacity: bool
    items: list[CaseSummary]


class ReplyIn(InputModel):
    """A volunteer's reply to the person."""

    body: Annotated[str, Field(min_length=1, max_length=3500)]


class ReplyOut(BaseModel):
    """The stored reply, and whether it was held for review (with the reasons)."""

    message: CaseMessageOut
    held: bool
    reasons: list[str] = Field(default=[], description="why the reply waits for an admin")


class CloseIn(InputModel):
    """How the case ended."""

    outcome: Outcome
    note: Notes = ""


class CandidateOut(BaseModel):
    """An eligible volunteer for a case, best first."""

    user_id: int
    name: str
    knows_country: bool
    open_cases: int
    max_open_cases: int
    last_claim_at: datetime | None


class HoldOut(BaseModel):
    """A volunteer reply waiting for an admin's review."""

    message: CaseMessageOut
    case_reference: str
    language: str
    volunteer_id: int | None


class ReviewIn(InputModel):
    """An admin's note on a held reply (shown to the volunteer on rejection)."""

    note: Notes = ""


# --- saved replies, audit, settings ---------------------------------------------------------


class SavedReplyIn(InputModel):
    """A saved reply."""

    language: Language
    title: Annotated[str, Field(min_length=1, max_length=120)]
    body: Annotated[str, Field(min_length=1, max_length=3500)]


class SavedReplyOut(RowModel):
    """A saved reply."""

    id: int
    language: str
    title: str
    body: str
    updated_at: datetime


class AuditEventOut(RowModel):
    """An audit log entry."""

    id: int
    at: datetime
    actor_id: int | None
    actor_kind: str
    action: str
    case_reference: str | None
    subject_user_id: int | None
    detail: dict[str, Any]


class VolunteerRecord(BaseModel):
    """A volunteer with the history of decisions about them."""

    volunteer: VolunteerOut
    history: list[AuditEventOut]


class PolicyUpdate(InputModel):
    """Changes to the handoff policy (absent fields stay)."""

    retention_days: int | None = None
    lease_minutes: float | None = None
    sla_minutes: float | None = None
    sla_urgent_minutes: float | None = None
    reopen_hours: float | None = None


class PurgeOut(BaseModel):
    """What a retention run deleted."""

    deleted_cases: int
    retention_days: int
