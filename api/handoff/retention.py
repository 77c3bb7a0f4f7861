"""Retention: closed cases are purged after N days; /delete erases the person's cases."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db.conversation_models import HandoffRequest
from api.db.handoff_models import Case
from api.handoff import audit
from api.handoff.audit import Action
from api.handoff.context import HandoffContext
from api.handoff.policy import load_policy
from api.handoff.routing import CLOSED
from api.stores.transcripts import purge_transcripts

log = logging.getLogger(__name__)


async def _delete_cases(session: AsyncSession, case_ids: list[int]) -> None:
    # Messages go with their case (ON DELETE CASCADE); the request the case came from too.
    requests = [
        r
        for r in await session.scalars(
            select(Case.handoff_request_id).where(Case.id.in_(case_ids))
        )
        if r is not None
    ]
    await session.execute(delete(Case).where(Case.id.in_(case_ids)))
    if requests:
        await session.execute(delete(HandoffRequest).where(HandoffRequest.id.in_(requests)))


async def purge(ctx: HandoffContext) -> tuple[int, int]:
    """Delete closed cases older than the retention period; return (deleted, retention days)."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        policy = await load_policy(session, ctx.settings)
        cutoff = now - policy.retention
        ids = list(
            await session.scalars(
                select(Case.id).where(Case.status == CLOSED, Case.closed_at < cutoff)
            )
        )
        if ids:
            await _delete_cases(session, ids)
        # What the bot said goes after the same period (kept while a case is live).
        messages = await purge_transcripts(session, before=cutoff)
        if ids or messages:
            audit.record(
                session,
                action=Action.PURGE,
                at=now,
                actor_kind="system",
                detail={
                    "cases": len(ids),
                    "retention_days": policy.retention_days,
                    **({"transcript_messages": messages} if messages else {}),
                },
            )
    if ids:
        log.info("purged %d closed case(s) older than %d days", len(ids), policy.retention_days)
    return len(ids), policy.retention_days


async def erase_conversation(session: AsyncSession, *, conversation_id: int, now: datetime) -> int:
    """Delete every case and handoff request of a conversation (the person's /delete)."""
    ids = list(
        await session.scalars(select(Case.id).where(Case.conversation_id == conversation_id))
    )
    if ids:
        await _delete_cases(session, ids)
    await session.execute(
        delete(HandoffRequest).where(HandoffRequest.conversation_id == conversation_id)
    )
    audit.record(
        session, action=Action.ERASE, at=now, actor_kind="person", detail={"cases": len(ids)}
    )
    return len(ids)
