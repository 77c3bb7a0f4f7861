"""Relay between volunteer and person: replies (screened, then via the outbox) and follow-ups."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.accounts import Principal
from api.db.handoff_models import Case, CaseMessage
from api.delivery.outbox import enqueue
from api.handoff import audit, notices
from api.handoff.audit import Action
from api.handoff.cases import conversation_of, held_case
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict, NotFound
from api.handoff.routing import CLAIMED, LIVE
from api.handoff.safety import official_domains, screen
from api.handoff.schemas import CaseMessageOut, HoldOut, ReplyOut


async def _deliver(
    session: AsyncSession, case_row: Case, message: CaseMessage, *, now: datetime
) -> None:
    conversation = await conversation_of(session, case_row)
    if conversation is None:
        raise Conflict("the person has erased their conversation; the reply cannot be sent")
    body = notices.volunteer_reply(case_row.language, case_row.reference, message.body)
    enqueue(session, conversation=conversation, body=body, now=now)
    message.status = "relayed"
    if case_row.first_reply_at is None:
        case_row.first_reply_at = now


async def reply(ctx: HandoffContext, *, actor: Principal, reference: str, text: str) -> ReplyOut:
    """Store the assigned volunteer's reply and relay it, or hold it for review with reasons."""
    now = ctx.now()
    screening = screen(text, official_domains(ctx.knowledge()))
    async with ctx.db.transaction() as session:
        case_row = await held_case(session, actor, reference)
        # The conditional update is the gate: the lease may have just expired and the case
        # gone to someone else. Replying also ends the lease.
        gate = await session.execute(
            update(Case)
            .where(Case.id == case_row.id, Case.status == CLAIMED, Case.assignee_id == actor.id)
            .values(lease_expires_at=None)
            .execution_options(synchronize_session=False)
        )
        if gate.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict("only the volunteer who holds the case can reply")
        await session.refresh(case_row)
        message = CaseMessage(
            case_id=case_row.id,
            sender="volunteer",
            author_id=actor.id,
            body=text,
            status="held" if screening.held else "stored",
            hold_reasons=list(screening.reasons),
            created_at=now,
        )
        session.add(message)
        if screening.held:
            action = Action.HOLD
        else:
            await _deliver(session, case_row, message, now=now)
            action = Action.REPLY
        await session.flush()
        audit.record(
            session,
            action=action,
            at=now,
            actor_id=actor.id,
            case_reference=case_row.reference,
            detail={"message_id": message.id, "reasons": list(screening.reasons)},
        )
        return ReplyOut(
            message=CaseMessageOut.model_validate(message),
            held=screening.held,
            reasons=screening.explain(),
        )


async def holds(ctx: HandoffContext) -> list[HoldOut]:
    """Return the replies waiting for review, oldest first."""
    async with ctx.db.transaction() as session:
        rows = (
            await session.execute(
                select(CaseMessage, Case)
                .join(Case, Case.id == CaseMessage.case_id)
                .where(CaseMessage.status == "held")
                .order_by(CaseMessage.created_at, CaseMessage.id)
            )
        ).all()
        return [
            HoldOut(
                message=CaseMessageOut.model_validate(m),
                case_reference=c.reference,
                language=c.language,
                volunteer_id=m.author_id,
            )
            for m, c in rows
        ]


async def _held(session: AsyncSession, message_id: int) -> tuple[CaseMessage, Case]:
    row = (
        await session.execute(
            select(CaseMessage, Case)
            .join(Case, Case.id == CaseMessage.case_id)
            .where(CaseMessage.id == message_id)
            .with_for_update(of=CaseMessage)
        )
    ).first()
    if row is None:
        raise NotFound("no such message")
    message, case_row = row
    if message.status != "held":
        raise Conflict(f"this message is not held (it is {message.status})")
    return message, case_row


async def review(
    ctx: HandoffContext, *, actor: Principal, message_id: int, approve: bool, note: str
) -> CaseMessageOut:
    """Approve a held reply (it is relayed) or reject it (the volunteer sees the note)."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        message, case_row = await _held(session, message_id)
        # The conditional update makes two admins reviewing at once act only once.
        claimed = await session.execute(
            update(CaseMessage)
            .where(CaseMessage.id == message.id, CaseMessage.status == "held")
            .values(reviewed_by=actor.id, reviewed_at=now, review_note=note or None)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict("this message has just been reviewed")
        await session.refresh(message)
        if approve:
            await _deliver(session, case_row, message, now=now)
        else:
            message.status = "rejected"
        audit.record(
            session,
            action=Action.APPROVE if approve else Action.REJECT,
            at=now,
            actor_id=actor.id,
            case_reference=case_row.reference,
            subject_user_id=message.author_id,
            detail={"message_id": message.id},
        )
        await session.flush()
        return CaseMessageOut.model_validate(message)


async def add_person_message(
    session: AsyncSession, *, conversation_id: int, text: str, now: datetime
) -> Case | None:
    """Append what the person wrote to their live case; None when they have none."""
    case_row = await session.scalar(
        select(Case)
        .where(Case.conversation_id == conversation_id, Case.status.in_(LIVE))
        .order_by(Case.id.desc())
        .limit(1)
    )
    if case_row is None:
        return None
    session.add(CaseMessage(case_id=case_row.id, sender="person", body=text, created_at=now))
    audit.record(
        session,
        action=Action.PERSON_MESSAGE,
        at=now,
        actor_kind="person",
        case_reference=case_row.reference,
    )
    return case_row
