"""The end of a case: closing with an outcome, the person's rating, and reopening in time."""

from __future__ import annotations

from sqlalchemy import select, update

from api.auth.accounts import Principal
from api.db.handoff_models import Case, CaseMessage
from api.delivery.outbox import enqueue
from api.handoff import audit, notices
from api.handoff.audit import Action
from api.handoff.cases import conversation_of, detail, held_case
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict
from api.handoff.policy import load_policy
from api.handoff.references import normalize_reference
from api.handoff.routing import CLAIMED, CLOSED, LIVE, requeue_values
from api.handoff.schemas import CaseDetail


async def close(
    ctx: HandoffContext, *, actor: Principal, reference: str, outcome: str, note: str = ""
) -> CaseDetail:
    """Resolve a case; the person is asked to rate the help and may reopen for a while."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        policy = await load_policy(session, ctx.settings)
        case_row = await held_case(session, actor, reference)
        allowed = LIVE if actor.is_admin else (CLAIMED,)
        who = [Case.assignee_id == actor.id] if not actor.is_admin else []
        gate = await session.execute(
            update(Case)
            .where(Case.id == case_row.id, Case.status.in_(allowed), *who)
            .values(
                status=CLOSED,
                closed_at=now,
                closed_by=actor.id,
                outcome=outcome,
                lease_expires_at=None,
                reopen_until=now + policy.reopen_window,
            )
            .execution_options(synchronize_session=False)
        )
        if gate.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict("only a live case can be closed, by its volunteer or an admin")
        await session.refresh(case_row)
        if note:
            session.add(
                CaseMessage(
                    case_id=case_row.id,
                    sender="system",
                    author_id=actor.id,
                    body=note,
                    created_at=now,
                )
            )
        conversation = await conversation_of(session, case_row)
        if conversation is not None:
            conversation.handoff_active = False
            body = notices.rating_request(
                case_row.language, case_row.reference, can_reopen=policy.reopen_hours > 0
            )
            enqueue(session, conversation=conversation, body=body, now=now)
        audit.record(
            session,
            action=Action.CLOSE,
            at=now,
            actor_id=actor.id,
            case_reference=case_row.reference,
            detail={"outcome": outcome},
        )
        return await detail(session, case_row, policy=policy, now=now)


async def rate(ctx: HandoffContext, *, conversation_id: int, reference: str, score: int) -> bool:
    """Record the person's 1-5 rating of their closed case; False when it cannot be rated."""
    ref = normalize_reference(reference)
    if ref is None or score not in notices.RATINGS:
        return False
    now = ctx.now()
    async with ctx.db.transaction() as session:
        result = await session.execute(
            update(Case)
            .where(
                Case.reference == ref,
                Case.conversation_id == conversation_id,
                Case.status == CLOSED,
                Case.rating.is_(None),
            )
            .values(rating=score, rated_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return False
        audit.record(
            session,
            action=Action.RATE,
            at=now,
            actor_kind="person",
            case_reference=ref,
            detail={"rating": score},
        )
    return True


async def reopen(ctx: HandoffContext, *, conversation_id: int, reference: str) -> bool:
    """Put the person's closed case back in the queue if the reopen window is still open."""
    ref = normalize_reference(reference)
    if ref is None:
        return False
    now = ctx.now()
    async with ctx.db.transaction() as session:
        live = await session.scalar(
            select(Case.id).where(Case.conversation_id == conversation_id, Case.status.in_(LIVE))
        )
        if live is not None:
            return False
        result = await session.execute(
            update(Case)
            .where(
                Case.reference == ref,
                Case.conversation_id == conversation_id,
                Case.status == CLOSED,
                Case.reopen_until >= now,
            )
            .values(
                **requeue_values(now),
                closed_at=None,
                closed_by=None,
                outcome=None,
                reopen_until=None,
                reopened=Case.reopened + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return False
        audit.record(
            session, action=Action.REOPEN, at=now, actor_kind="person", case_reference=ref
        )
    return True
