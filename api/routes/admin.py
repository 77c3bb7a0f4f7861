"""Admin: accounts, volunteer vetting, settings, retention and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

from api.auth import accounts
from api.auth.deps import Context, RequireAdmin
from api.auth.schemas import UserIn, UserOut
from api.handoff import audit, policy, retention, volunteers
from api.handoff.schemas import (
    ERROR_RESPONSES,
    AuditEventOut,
    PolicyUpdate,
    PurgeOut,
    VettingIn,
    VolunteerOut,
    VolunteerRecord,
    VolunteerStatus,
    VolunteerUpdate,
)

router = APIRouter(prefix="/v1/admin", tags=["admin"], responses=ERROR_RESPONSES)
Decision = Literal["approve", "reject", "suspend", "reinstate"]


@router.get("/users", response_model=list[UserOut])
async def list_users(
    ctx: Context, admin: RequireAdmin, role: Literal["admin", "editor", "volunteer"] | None = None
) -> list[UserOut]:
    """List accounts."""
    return [UserOut.model_validate(u) for u in await accounts.list_users(ctx, role=role)]


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED)
async def create_user(ctx: Context, admin: RequireAdmin, body: UserIn) -> UserOut:
    """Create an admin or editor account."""
    user = await accounts.create_user(
        ctx,
        email=body.email,
        name=body.name,
        role=body.role,
        password=body.password,
        actor_id=admin.id,
    )
    return UserOut.model_validate(user)


@router.get("/volunteers", response_model=list[VolunteerOut])
async def list_volunteers(
    ctx: Context, admin: RequireAdmin, status: VolunteerStatus | None = None
) -> list[VolunteerOut]:
    """List volunteers, e.g. `?status=pending` for those waiting to be vetted."""
    return await volunteers.list_volunteers(ctx, status=status)


@router.get("/volunteers/{user_id}", response_model=VolunteerRecord)
async def get_volunteer(ctx: Context, admin: RequireAdmin, user_id: int) -> VolunteerRecord:
    """Show a volunteer and every decision about them."""
    volunteer = await volunteers.get(ctx, user_id)
    history = await audit.search(ctx, subject_user_id=user_id, limit=200)
    return VolunteerRecord(volunteer=volunteer, history=history)


@router.post("/volunteers/{user_id}/{decision}", response_model=VolunteerOut)
async def decide(
    ctx: Context, admin: RequireAdmin, user_id: int, decision: Decision, body: VettingIn
) -> VolunteerOut:
    """Approve or reject a pending volunteer, suspend one, or reinstate a suspended one."""
    return await volunteers.decide(
        ctx, actor_id=admin.id, user_id=user_id, decision=decision, notes=body.notes
    )


@router.patch("/volunteers/{user_id}", response_model=VolunteerOut)
async def update_volunteer(
    ctx: Context, admin: RequireAdmin, user_id: int, changes: VolunteerUpdate
) -> VolunteerOut:
    """Change a volunteer's capacity, availability, languages or countries."""
    return await volunteers.update(ctx, actor_id=admin.id, user_id=user_id, changes=changes)


@router.get("/audit", response_model=list[AuditEventOut])
async def audit_log(
    ctx: Context,
    admin: RequireAdmin,
    actor: int | None = None,
    action: audit.Action | None = None,
    case: str | None = Query(default=None, max_length=12),
    since: datetime | None = None,
    until: datetime | None = None,
    before_id: int | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditEventOut]:
    """Search the audit log, newest first (page with `before_id`)."""
    return await audit.search(
        ctx,
        actor_id=actor,
        action=action,
        case_reference=case.upper() if case else None,
        since=since,
        until=until,
        before_id=before_id,
        limit=limit,
    )


@router.get("/settings", response_model=policy.HandoffPolicy)
async def get_settings(ctx: Context, admin: RequireAdmin) -> policy.HandoffPolicy:
    """Show the handoff policy in force (lease, SLAs, reopen window, retention)."""
    return await policy.current_policy(ctx)


@router.patch("/settings", response_model=policy.HandoffPolicy)
async def change_settings(
    ctx: Context, admin: RequireAdmin, changes: PolicyUpdate
) -> policy.HandoffPolicy:
    """Change the handoff policy; absent fields keep their value."""
    return await policy.change_policy(
        ctx, actor_id=admin.id, changes=changes.model_dump(exclude_none=True)
    )


@router.post("/purge", response_model=PurgeOut)
async def purge(ctx: Context, admin: RequireAdmin) -> PurgeOut:
    """Delete closed cases older than the retention period now."""
    deleted, days = await retention.purge(ctx)
    return PurgeOut(deleted_cases=deleted, retention_days=days)
