"""Handoff timings and retention: environment defaults that admins can override at run time."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from api.db.handoff_models import ServiceSetting
from api.handoff import audit
from api.handoff.context import HandoffContext
from api.handoff.errors import InvalidInput
from api.settings import Settings

POLICY_KEY = "handoff_policy"


class HandoffPolicy(BaseModel):
    """How long leases, SLAs, the reopen window and closed cases last."""

    retention_days: int = Field(ge=1, le=3650, description="purge closed cases after this")
    lease_minutes: float = Field(gt=0, le=24 * 60, description="a claim without reply expires")
    sla_minutes: float = Field(gt=0, description="an unclaimed normal case is overdue after")
    sla_urgent_minutes: float = Field(gt=0, description="an unclaimed urgent case is overdue")
    reopen_hours: float = Field(ge=0, le=24 * 90, description="the person may reopen within")

    @classmethod
    def defaults(cls, settings: Settings) -> HandoffPolicy:
        """Build the policy from the environment."""
        return cls(
            retention_days=settings.retention_days,
            lease_minutes=settings.handoff_lease_minutes,
            sla_minutes=settings.handoff_sla_minutes,
            sla_urgent_minutes=settings.handoff_sla_urgent_minutes,
            reopen_hours=settings.handoff_reopen_hours,
        )

    @property
    def lease(self) -> timedelta:
        """The lease of a claim."""
        return timedelta(minutes=self.lease_minutes)

    def sla(self, priority: str) -> timedelta:
        """The time a case of `priority` may wait unclaimed."""
        minutes = self.sla_urgent_minutes if priority == "urgent" else self.sla_minutes
        return timedelta(minutes=minutes)

    @property
    def reopen_window(self) -> timedelta:
        """How long after closing the person may reopen."""
        return timedelta(hours=self.reopen_hours)

    @property
    def retention(self) -> timedelta:
        """How long closed cases are kept."""
        return timedelta(days=self.retention_days)


async def load_policy(session: AsyncSession, settings: Settings) -> HandoffPolicy:
    """Return the policy in force: the environment's, with the admins' overrides."""
    row = await session.get(ServiceSetting, POLICY_KEY)
    base = HandoffPolicy.defaults(settings).model_dump()
    if row is not None and isinstance(row.value, dict):
        base.update({k: v for k, v in row.value.items() if k in base})
    return HandoffPolicy.model_validate(base)


async def save_policy(
    session: AsyncSession, settings: Settings, changes: dict[str, Any]
) -> HandoffPolicy:
    """Apply admin changes (validated) and return the policy in force."""
    current = await load_policy(session, settings)
    policy = HandoffPolicy.model_validate({**current.model_dump(), **changes})
    row = await session.get(ServiceSetting, POLICY_KEY)
    if row is None:
        session.add(ServiceSetting(key=POLICY_KEY, value=policy.model_dump()))
    else:
        row.value = policy.model_dump()
    return policy


async def current_policy(ctx: HandoffContext) -> HandoffPolicy:
    """Return the policy in force."""
    async with ctx.db.transaction() as session:
        return await load_policy(session, ctx.settings)


async def change_policy(
    ctx: HandoffContext, *, actor_id: int, changes: dict[str, Any]
) -> HandoffPolicy:
    """Apply an admin's changes to the policy, with an audit event."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        try:
            policy = await save_policy(session, ctx.settings, changes)
        except ValidationError as err:
            raise InvalidInput(str(err).splitlines()[0] if str(err) else "invalid") from err
        audit.record(
            session,
            action=audit.Action.SETTINGS_CHANGED,
            at=now,
            actor_id=actor_id,
            detail=changes,
        )
    return policy
