"""Cases: creating them from consented requests, and what volunteers and admins may see."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.accounts import Principal
from api.db.conversation_models import Conversation
from api.db.handoff_models import Case, CaseMessage, VolunteerProfile
from api.handoff import audit
from api.handoff.audit import Action
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict, NotFound, PermissionDenied
from api.handoff.policy import HandoffPolicy, load_policy
from api.handoff.references import new_reference, normalize_reference
from api.handoff.routing import (
    CLAIMED,
    LIVE,
    QUEUED,
    knows_country,
    load_of,
    queue_for,
    urgent_first,
)
from api.handoff.schemas import CaseDetail, CaseMessageOut, CaseSummary, QueueOut
from bot.knowledge import KnowledgeBase
from bot.privacy import mask, mask_text

URGENT_TOPICS = frozenset({"emergency", "protection_risk"})


def bot_answer_snapshot(
    knowledge: KnowledgeBase, faq_id: str | None, lang: str
) -> dict[str, Any] | None:
    """Describe the FAQ entry the bot answered with, as it read when the case was opened."""
    entry = knowledge.get(faq_id) if faq_id else None
    if entry is None:
        return None
    return {
        "faq_id": entry.id,
        "title": entry.translation(lang).question,
        "sources": [{"title": s.title, "url": s.url} for s in entry.sources],
    }


async def open_case(
    session: AsyncSession,
    *,
    conversation: Conversation,
    language: str,
    countries: list[str],
    topic: str | None,
    question: str,
    bot_answer: dict[str, Any] | None,
    urgent: bool,
    now: datetime,
    handoff_request_id: int | None = None,
    location: str | None = None,
    urgent_reason: str | None = None,
) -> Case:
    """Add a queued case for a conversation (the caller's transaction commits it)."""
    for _ in range(5):
        reference = new_reference()
        exists = await session.scalar(select(Case.id).where(Case.reference == reference))
        if exists is None:
            break
    else:  # pragma: no cover - 40 random bits do not collide five times in a row
        raise IntegrityError("case reference", {}, Exception("no free reference"))
    case_row = Case(
        reference=reference,
        conversation_id=conversation.id,
        handoff_request_id=handoff_request_id,
        channel=conversation.channel,
        language=language,
        countries=list(countries),
        origin_country=conversation.origin_country,
        location=location,
        urgent_reason=urgent_reason,
        topic=topic,
        priority="urgent" if urgent or topic in URGENT_TOPICS else "normal",
        question=question,
        bot_answer=bot_answer,
        status=QUEUED,
        created_at=now,
        queued_at=now,
    )
    session.add(case_row)
    await session.flush()
    audit.record(
        session,
        action=Action.CASE_CREATED,
        at=now,
        actor_kind="person",
        case_reference=reference,
        detail={"language": language, "priority": case_row.priority, "topic": topic},
    )
    return case_row


def message_out(message: CaseMessage, *, reveal: bool = False) -> CaseMessageOut:
    """Describe a message for a volunteer: the person's contact details hidden."""
    out = CaseMessageOut.model_validate(message)
    if message.sender != "person" or reveal:
        return out
    masked = mask(message.body)
    return out.model_copy(update={"body": masked.text, "masked": masked.changed})


async def conversation_of(session: AsyncSession, case_row: Case) -> Conversation | None:
    """Return the conversation a case came from (None once the person erased it)."""
    if case_row.conversation_id is None:
        return None
    return await session.get(Conversation, case_row.conversation_id)


def is_overdue(case_row: Case, policy: HandoffPolicy, now: datetime) -> bool:
    """Tell whether a queued case has waited longer than its SLA."""
    return case_row.status == QUEUED and case_row.queued_at + policy.sla(case_row.priority) < now


def summary(
    case_row: Case,
    *,
    policy: HandoffPolicy,
    now: datetime,
    viewer: VolunteerProfile | None = None,
) -> CaseSummary:
    """Describe a case for a list (never the conversation or channel user id)."""
    return CaseSummary(
        reference=case_row.reference,
        status=case_row.status,  # type: ignore[arg-type]
        channel=case_row.channel,
        language=case_row.language,
        countries=list(case_row.countries),
        origin_country=case_row.origin_country,
        destinations=[c for c in case_row.countries if c != case_row.origin_country],
        location=case_row.location,
        topic=case_row.topic,
        priority=case_row.priority,  # type: ignore[arg-type]
        urgent_reason=mask_text(case_row.urgent_reason),
        question=mask(case_row.question).text,
        created_at=case_row.created_at,
        queued_at=case_row.queued_at,
        assignee_id=case_row.assignee_id,
        lease_expires_at=case_row.lease_expires_at,
        knows_country=knows_country(case_row, viewer) if viewer is not None else None,
        overdue=is_overdue(case_row, policy, now),
    )


async def detail(
    session: AsyncSession, case_row: Case, *, policy: HandoffPolicy, now: datetime
) -> CaseDetail:
    """Describe a case with its messages."""
    messages = await session.scalars(
        select(CaseMessage)
        .where(CaseMessage.case_id == case_row.id)
        .order_by(CaseMessage.created_at, CaseMessage.id)
    )
    return CaseDetail(
        **summary(case_row, policy=policy, now=now).model_dump(),
        bot_answer=case_row.bot_answer,  # type: ignore[arg-type]
        messages=[message_out(m) for m in messages],
        claimed_at=case_row.claimed_at,
        first_reply_at=case_row.first_reply_at,
        closed_at=case_row.closed_at,
        outcome=case_row.outcome,
        rating=case_row.rating,
        reopen_until=case_row.reopen_until,
    )


async def volunteer_profile(
    session: AsyncSession, actor: Principal, *, lock: bool = False
) -> VolunteerProfile:
    """Return the active volunteer's profile (re-read: vetting may have changed)."""
    profile = await session.get(
        VolunteerProfile, actor.id, populate_existing=True, with_for_update=lock
    )
    if profile is None or profile.status != "active":
        raise PermissionDenied("only active, vetted volunteers can work on cases")
    return profile


async def find_case(
    session: AsyncSession, actor: Principal, reference: str, *, lock: bool = False
) -> Case:
    """Return a case the actor may see (admins: any; volunteers: theirs or claimable)."""
    ref = normalize_reference(reference)
    query = select(Case).where(Case.reference == (ref or ""))
    case_row = await session.scalar(query.with_for_update() if lock else query)
    if case_row is None:
        raise NotFound("no such case")
    if actor.is_admin:
        return case_row
    profile = await volunteer_profile(session, actor)
    if case_row.assignee_id == actor.id and case_row.status == CLAIMED:
        return case_row
    if case_row.status == QUEUED and case_row.language in profile.languages:
        return case_row
    raise NotFound("no such case")


async def held_case(
    session: AsyncSession, actor: Principal, reference: str, *, lock: bool = False
) -> Case:
    """Return a case to act on: any for admins, for volunteers only one they hold now."""
    try:
        return await find_case(session, actor, reference, lock=lock)
    except NotFound:
        if actor.is_admin:
            raise
    query = select(Case).where(Case.reference == (normalize_reference(reference) or ""))
    case_row = await session.scalar(query)
    profile = await volunteer_profile(session, actor)
    if case_row is not None and case_row.language in profile.languages:
        raise Conflict(f"you do not hold this case (it is {case_row.status})")
    raise NotFound("no such case")


async def view(ctx: HandoffContext, *, actor: Principal, reference: str) -> CaseDetail:
    """Return a case with its messages, and log the view."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        case_row = await find_case(session, actor, reference)
        audit.record(
            session,
            action=Action.VIEW,
            at=now,
            actor_id=actor.id,
            case_reference=case_row.reference,
        )
        policy = await load_policy(session, ctx.settings)
        return await detail(session, case_row, policy=policy, now=now)


async def queue(ctx: HandoffContext, *, actor: Principal) -> QueueOut:
    """Return the cases the volunteer may claim, urgent first then oldest, and log the view."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        profile = await volunteer_profile(session, actor)
        policy = await load_policy(session, ctx.settings)
        held = await load_of(session, actor.id)
        at_capacity = held >= profile.max_open_cases
        items: list[CaseSummary] = []
        if profile.available and not at_capacity:
            rows = await session.scalars(queue_for(profile))
            items = [summary(c, policy=policy, now=now, viewer=profile) for c in rows]
        audit.record(
            session,
            action=Action.QUEUE,
            at=now,
            actor_id=actor.id,
            detail={"shown": [c.reference for c in items]},
        )
        return QueueOut(
            available=profile.available,
            open_cases=held,
            max_open_cases=profile.max_open_cases,
            at_capacity=at_capacity,
            items=items,
        )


async def mine(ctx: HandoffContext, *, actor: Principal) -> list[CaseSummary]:
    """Return the cases the volunteer holds."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        profile = await volunteer_profile(session, actor)
        policy = await load_policy(session, ctx.settings)
        rows = await session.scalars(
            select(Case)
            .where(Case.assignee_id == actor.id, Case.status == CLAIMED)
            .order_by(Case.claimed_at)
        )
        return [summary(c, policy=policy, now=now, viewer=profile) for c in rows]


async def list_all(
    ctx: HandoffContext, *, status: str | None = None, limit: int = 200
) -> list[CaseSummary]:
    """Return cases for admins, live ones by default, urgent first then oldest."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        policy = await load_policy(session, ctx.settings)
        wanted = (status,) if status else LIVE
        rows = await session.scalars(
            select(Case)
            .where(Case.status.in_(wanted))
            .order_by(urgent_first(), Case.created_at, Case.id)
            .limit(limit)
        )
        return [summary(c, policy=policy, now=now) for c in rows]


async def reveal_message(
    ctx: HandoffContext, *, actor: Principal, reference: str, message_id: int
) -> CaseMessageOut:
    """Show an admin one message of the person as written (contact details too), audited."""
    if not actor.is_admin:
        raise PermissionDenied("only an admin can reveal contact details")
    now = ctx.now()
    async with ctx.db.transaction() as session:
        case_row = await find_case(session, actor, reference)
        message = await session.get(CaseMessage, message_id)
        if message is None or message.case_id != case_row.id or message.sender != "person":
            raise NotFound("no such message of the person on this case")
        audit.record(
            session,
            action=Action.REVEAL_CONTACT,
            at=now,
            actor_id=actor.id,
            case_reference=case_row.reference,
            detail={"message_id": message.id},
        )
        return message_out(message, reveal=True)
