"""Plain factories for handoff tests: accounts, conversations and cases."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from api.auth.accounts import Principal, create_user
from api.db.conversation_models import Conversation
from api.db.handoff_models import Case
from api.handoff import volunteers
from api.handoff.context import HandoffContext
from api.handoff.gateway import CaseGateway
from api.handoff.schemas import VolunteerRegistration, VolunteerUpdate
from api.stores import SqlTranscriptSink
from bot import render
from bot.delivery import DeliveryError
from bot.i18n import Translator
from bot.knowledge import KnowledgeBase
from bot.messages import Button, IncomingMessage, OutgoingMessage
from bot.ports import ConversationState, HandoffRequest

PASSWORD = "correct horse battery"
_serial = itertools.count(1)


class Clock:
    """A settable clock for the service context."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        self.now += timedelta(**delta)


def principal(
    user_id: int, role: str, volunteer_status: str | None = None, *, email: str = ""
) -> Principal:
    """Build the principal a signed-in request would carry."""
    return Principal(
        id=user_id,
        email=email or f"user{user_id}@example.org",
        name=f"User {user_id}",
        role=role,
        volunteer_status=volunteer_status,
        token_id=0,
        via="bearer",
    )


async def create_admin(ctx: HandoffContext) -> Principal:
    """Create an admin account."""
    user = await create_user(
        ctx,
        email=f"admin{next(_serial)}@example.org",
        name="Admin",
        role="admin",
        password=PASSWORD,
    )
    return principal(user.id, "admin", email=user.email)


async def create_volunteer(
    ctx: HandoffContext,
    *,
    languages: tuple[str, ...] = ("en",),
    destinations: tuple[str, ...] = (),
    status: str = "active",
    max_open_cases: int | None = None,
    admin: Principal | None = None,
) -> Principal:
    """Register a volunteer and bring them to `status` through the admin's decisions."""
    form = VolunteerRegistration(
        name=f"Volunteer {next(_serial)}",
        email=f"volunteer{next(_serial)}@example.org",
        password=PASSWORD,
        languages=list(languages),  # type: ignore[arg-type]
        destination_countries=list(destinations),
        accepts_code_of_conduct=True,
    )
    out = await volunteers.register(ctx, form)
    steps = {
        "pending": (),
        "active": ("approve",),
        "rejected": ("reject",),
        "suspended": ("approve", "suspend"),
    }[status]
    if admin is None and (steps or max_open_cases is not None):
        admin = await create_admin(ctx)
    admin_id = admin.id if admin is not None else out.id
    for decision in steps:
        await volunteers.decide(
            ctx, actor_id=admin_id, user_id=out.id, decision=decision, notes=""
        )
    if max_open_cases is not None:
        await volunteers.update(
            ctx,
            actor_id=admin_id,
            user_id=out.id,
            changes=VolunteerUpdate(max_open_cases=max_open_cases),
        )
    return principal(out.id, "volunteer", status, email=out.email)


async def conversation(
    ctx: HandoffContext, *, channel: str = "web", user_id: str | None = None, lang: str = "en"
) -> ConversationState:
    """Store a conversation and return its state (as the engine would hold it)."""
    user_id = user_id or f"person-{next(_serial)}-secret-id"
    async with ctx.db.transaction() as session:
        row = Conversation(channel=channel, channel_user_id=user_id, language=lang)
        session.add(row)
        await session.flush()
        return ConversationState(channel=channel, user_id=user_id, id=row.id, language=lang)


async def open_case(
    ctx: HandoffContext,
    *,
    lang: str = "en",
    topic: str | None = "visa_info",
    countries: tuple[str, ...] = ("DE",),
    urgent: bool = False,
    question: str = "How do I get a work visa?",
    channel: str = "web",
) -> tuple[str, ConversationState]:
    """Open a case through the gateway as the dialogue would; return its reference and state."""
    state = await conversation(ctx, channel=channel, lang=lang)
    request = HandoffRequest(
        language=lang,
        countries=countries,
        topic=topic,
        question=question,
        bot_answer="visa-germany-skilled-workers",
        urgent=urgent,
    )
    reference = await CaseGateway(ctx).request_handoff(state, request)
    return reference, state


async def case_row(ctx: HandoffContext, reference: str) -> Case:
    """Read a case straight from the database."""
    async with ctx.db.transaction() as session:
        found = await session.scalar(select(Case).where(Case.reference == reference))
        assert found is not None
        return found


class FakeChannel:
    """A sender whose next failures are scripted; it records what got through."""

    def __init__(self, failures: list[DeliveryError] | None = None) -> None:
        self.failures = list(failures or [])
        self.delivered: list[tuple[str, str]] = []
        self.calls = 0

    async def send(self, recipient: str, body: dict[str, Any]) -> None:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        self.delivered.append((recipient, body["text"]))


# A danger message with the person's own contact details, as people write them.
DANGER = "help they locked me in, call me on +977 98-1234-5678 or ram at gmail dot com"


async def record_emergency(
    ctx: HandoffContext, state: ConversationState, knowledge: KnowledgeBase
) -> None:
    """What the engine records: an emergency with the UK's helplines, then the urgent consent."""
    sink = SqlTranscriptSink(ctx.db)
    tr = Translator("en")
    helplines = OutgoingMessage(
        text="If you are in danger now, contact one of these right away:\n\n"
        + render.helpline_lines(tr, knowledge.helplines.for_country("GB")),
        language="en",
    )
    offer = OutgoingMessage(
        text="Shall I alert a volunteer now?",
        buttons=(Button("Yes, alert a volunteer", "handoff:urgent"), Button("No", "handoff:no")),
        language="en",
    )
    said = IncomingMessage("web", state.user_id, text=DANGER)
    await sink.record(state, said, [helplines, offer])
    await sink.record(state, IncomingMessage("web", state.user_id, payload="handoff:urgent"), [])


async def emergency_case(
    ctx: HandoffContext, knowledge: KnowledgeBase
) -> tuple[str, ConversationState]:
    """Open an urgent case after `record_emergency`: in London, wanting to go to Germany."""
    state = await conversation(ctx, lang="en")
    await record_emergency(ctx, state, knowledge)
    reference = await CaseGateway(ctx).request_handoff(
        state,
        HandoffRequest(
            language="en",
            countries=("DE",),
            topic="protection_risk",
            question=DANGER,
            bot_answer=None,
            urgent=True,
            location="GB",
            reason=DANGER,
        ),
    )
    return reference, state
