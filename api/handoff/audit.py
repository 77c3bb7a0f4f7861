"""The audit log: every view and action on a case or an account, with actor and time."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.db.handoff_models import AuditEvent
from api.handoff.context import HandoffContext
from api.handoff.schemas import AuditEventOut


class Action(StrEnum):
    """What happened."""

    VIEW = "view"
    QUEUE = "queue"
    CLAIM = "claim"
    RELEASE = "release"
    LEASE_EXPIRED = "lease_expired"
    REPLY = "reply"
    HOLD = "hold"
    APPROVE = "approve"
    REJECT = "reject"
    CLOSE = "close"
    REOPEN = "reopen"
    RATE = "rate"
    CASE_CREATED = "case_created"
    PERSON_MESSAGE = "person_message"
    PERSON_LEFT = "person_left"
    ESCALATE = "escalate"
    REVEAL_CONTACT = "reveal_contact"
    ERASE = "erase"
    PURGE = "purge"
    SLA_OVERDUE = "sla_overdue"
    VOLUNTEER_REGISTERED = "volunteer_registered"
    VOLUNTEER_APPROVED = "volunteer_approved"
    VOLUNTEER_REJECTED = "volunteer_rejected"
    VOLUNTEER_SUSPENDED = "volunteer_suspended"
    VOLUNTEER_REINSTATED = "volunteer_reinstated"
    VOLUNTEER_UPDATED = "volunteer_updated"
    USER_CREATED = "user_created"
    SETTINGS_CHANGED = "settings_changed"
    SAVED_REPLY_CHANGED = "saved_reply_changed"


def record(
    session: AsyncSession,
    *,
    action: Action,
    at: datetime,
    actor_id: int | None = None,
    actor_kind: str = "user",
    case_reference: str | None = None,
    subject_user_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an event to the session (written with the change it describes)."""
    session.add(
        AuditEvent(
            at=at,
            actor_id=actor_id,
            actor_kind=actor_kind if actor_id is None else "user",
            action=str(action),
            case_reference=case_reference,
            subject_user_id=subject_user_id,
            detail=detail or {},
        )
    )


async def search(
    ctx: HandoffContext,
    *,
    actor_id: int | None = None,
    action: str | None = None,
    case_reference: str | None = None,
    subject_user_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_id: int | None = None,
    limit: int = 100,
) -> list[AuditEventOut]:
    """Return matching events, newest first."""
    query = select(AuditEvent)
    for column, value in (
        (AuditEvent.actor_id, actor_id),
        (AuditEvent.action, action),
        (AuditEvent.case_reference, case_reference),
        (AuditEvent.subject_user_id, subject_user_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    if before_id is not None:
        query = query.where(AuditEvent.id < before_id)
    async with ctx.db.transaction() as session:
        events = await session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit))
        return [AuditEventOut.model_validate(e) for e in events]
