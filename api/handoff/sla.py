"""Cases nobody claimed within their SLA (shorter for urgent ones) are flagged to admins."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select, update

from api.db.handoff_models import Case
from api.handoff import audit
from api.handoff.audit import Action
from api.handoff.cases import summary
from api.handoff.context import HandoffContext
from api.handoff.policy import HandoffPolicy, load_policy
from api.handoff.routing import QUEUED, urgent_first
from api.handoff.schemas import CaseSummary

log = logging.getLogger(__name__)


def _overdue_condition(policy: HandoffPolicy, now: datetime) -> ColumnElement[bool]:
    return and_(
        Case.status == QUEUED,
        or_(
            and_(Case.priority == "urgent", Case.queued_at < now - policy.sla("urgent")),
            and_(Case.priority != "urgent", Case.queued_at < now - policy.sla("normal")),
        ),
    )


async def flag_overdue(ctx: HandoffContext) -> list[str]:
    """Mark newly overdue cases and write one audit event each; return their references."""
    now = ctx.now()
    flagged: list[str] = []
    async with ctx.db.transaction() as session:
        policy = await load_policy(session, ctx.settings)
        due = (
            await session.execute(
                select(Case.id, Case.reference, Case.priority).where(
                    _overdue_condition(policy, now), Case.overdue_flagged_at.is_(None)
                )
            )
        ).all()
        for case_id, reference, priority in due:
            result = await session.execute(
                update(Case)
                .where(Case.id == case_id, Case.overdue_flagged_at.is_(None))
                .values(overdue_flagged_at=now)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                flagged.append(reference)
                audit.record(
                    session,
                    action=Action.SLA_OVERDUE,
                    at=now,
                    actor_kind="system",
                    case_reference=reference,
                    detail={"priority": priority},
                )
    if flagged:
        log.warning("%d case(s) waited longer than their SLA without a volunteer", len(flagged))
    return flagged


async def overdue(ctx: HandoffContext) -> list[CaseSummary]:
    """Return the queued cases past their SLA, urgent first, then oldest."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        policy = await load_policy(session, ctx.settings)
        rows = await session.scalars(
            select(Case)
            .where(_overdue_condition(policy, now))
            .order_by(urgent_first(), Case.queued_at, Case.id)
        )
        return [summary(c, policy=policy, now=now) for c in rows]
