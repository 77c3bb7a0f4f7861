"""Claims are leases: a volunteer holds a case until they reply, release it, or the lease ends."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.accounts import Principal
from api.db.handoff_models import Case, VolunteerProfile
from api.handoff import audit
from api.handoff.audit import Action
from api.handoff.cases import detail, find_case, held_case, volunteer_profile
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict, HandoffError, NotFound
from api.handoff.policy import load_policy
from api.handoff.references import normalize_reference
from api.handoff.routing import CLAIMED, QUEUED, candidates, held_cases, requeue_values
from api.handoff.schemas import CandidateOut, CaseDetail

log = logging.getLogger(__name__)


def requeue(case_row: Case, *, now: datetime) -> None:
    """Put a claimed case back in the queue (its SLA clock restarts)."""
    for name, value in requeue_values(now).items():
        setattr(case_row, name, value)


async def expire_leases(ctx: HandoffContext) -> list[str]:
    """Return to the queue every claimed case whose volunteer did not reply in time."""
    now = ctx.now()
    expired: list[str] = []
    async with ctx.db.transaction() as session:
        due = (
            await session.execute(
                select(Case.id, Case.reference, Case.assignee_id)
                .where(Case.status == CLAIMED, Case.lease_expires_at <= now)
                .with_for_update(skip_locked=True)
            )
        ).all()
        for case_id, reference, assignee_id in due:
            # Conditional, so a reply that just cleared the lease wins over the expiry.
            result = await session.execute(
                update(Case)
                .where(Case.id == case_id, Case.status == CLAIMED, Case.lease_expires_at <= now)
                .values(**requeue_values(now))
                .execution_options(synchronize_session=False)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                expired.append(reference)
                audit.record(
                    session,
                    action=Action.LEASE_EXPIRED,
                    at=now,
                    actor_kind="system",
                    case_reference=reference,
                    subject_user_id=assignee_id,
                )
    if expired:
        log.info("returned %d case(s) to the queue after their lease expired", len(expired))
    return expired


async def _why_not_claimed(
    session: AsyncSession, profile: VolunteerProfile, reference: str
) -> HandoffError:
    found = await session.scalar(select(Case).where(Case.reference == reference))
    if found is None or found.language not in profile.languages:
        return NotFound("no such case")
    if found.status != QUEUED:
        return Conflict(f"this case is already {found.status}")
    return Conflict("you hold as many cases as your maximum; close or release one first")


async def claim(ctx: HandoffContext, *, actor: Principal, reference: str) -> CaseDetail:
    """Take a queued case under a lease; exactly one of several concurrent claims wins."""
    await expire_leases(ctx)
    now = ctx.now()
    ref = normalize_reference(reference) or ""
    async with ctx.db.transaction() as session:
        policy = await load_policy(session, ctx.settings)
        # Lock the volunteer row (PostgreSQL) so one volunteer's parallel claims cannot
        # both pass the capacity check; SQLite serialises writers anyway.
        profile = await volunteer_profile(session, actor, lock=True)
        if not profile.available:
            raise Conflict("you are marked as unavailable; change that to claim cases")
        result = await session.execute(
            update(Case)
            .where(
                Case.reference == ref,
                Case.status == QUEUED,
                Case.language.in_(profile.languages),
                held_cases(actor.id).scalar_subquery() < profile.max_open_cases,
            )
            .values(
                status=CLAIMED,
                assignee_id=actor.id,
                claimed_at=now,
                lease_expires_at=now + policy.lease,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise await _why_not_claimed(session, profile, ref)
        profile.last_claim_at = now
        case_row = await session.scalar(
            select(Case).where(Case.reference == ref).execution_options(populate_existing=True)
        )
        if case_row is None:
            raise NotFound("no such case")
        audit.record(
            session,
            action=Action.CLAIM,
            at=now,
            actor_id=actor.id,
            case_reference=ref,
            detail={"lease_minutes": policy.lease_minutes},
        )
        return await detail(session, case_row, policy=policy, now=now)


async def release(ctx: HandoffContext, *, actor: Principal, reference: str) -> CaseDetail:
    """Give a claimed case back to the queue (its volunteer, or an admin)."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        case_row = await held_case(session, actor, reference, lock=True)
        if case_row.status != CLAIMED or not (actor.is_admin or case_row.assignee_id == actor.id):
            raise Conflict("only a claimed case can be released, by its volunteer or an admin")
        previous = case_row.assignee_id
        requeue(case_row, now=now)
        audit.record(
            session,
            action=Action.RELEASE,
            at=now,
            actor_id=actor.id,
            case_reference=case_row.reference,
            subject_user_id=previous,
        )
        policy = await load_policy(session, ctx.settings)
        return await detail(session, case_row, policy=policy, now=now)


async def candidates_for(
    ctx: HandoffContext, *, actor: Principal, reference: str
) -> list[CandidateOut]:
    """Rank the volunteers eligible for a case (for an admin deciding whom to ask)."""
    async with ctx.db.transaction() as session:
        case_row = await find_case(session, actor, reference)
        return [CandidateOut(**vars(c)) for c in await candidates(session, case_row)]
