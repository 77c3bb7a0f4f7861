"""The volunteer lifecycle: registration, vetting, suspension, and profile changes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.accounts import new_user
from api.auth.tokens import revoke_user_tokens
from api.db.handoff_models import Case, User, VolunteerProfile
from api.handoff import audit
from api.handoff.audit import Action
from api.handoff.claims import requeue
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict, NotFound
from api.handoff.routing import CLAIMED, load_of, loads
from api.handoff.schemas import VolunteerOut, VolunteerRegistration, VolunteerUpdate

# decision -> (states it applies to, resulting state, audit action)
DECISIONS: dict[str, tuple[tuple[str, ...], str, Action]] = {
    "approve": (("pending",), "active", Action.VOLUNTEER_APPROVED),
    "reject": (("pending",), "rejected", Action.VOLUNTEER_REJECTED),
    "suspend": (("pending", "active"), "suspended", Action.VOLUNTEER_SUSPENDED),
    "reinstate": (("suspended",), "active", Action.VOLUNTEER_REINSTATED),
}


def volunteer_out(profile: VolunteerProfile, user: User, open_cases: int = 0) -> VolunteerOut:
    """Describe a volunteer."""
    return VolunteerOut(
        id=user.id,
        name=user.name,
        email=user.email,
        status=profile.status,  # type: ignore[arg-type]
        languages=list(profile.languages),
        destination_countries=list(profile.destination_countries),
        origin_countries=list(profile.origin_countries),
        bio=profile.bio,
        available=profile.available,
        max_open_cases=profile.max_open_cases,
        open_cases=open_cases,
        vetted_by=profile.vetted_by,
        vetted_at=profile.vetted_at,
        vetting_notes=profile.vetting_notes,
        created_at=profile.created_at,
    )


async def register(ctx: HandoffContext, form: VolunteerRegistration) -> VolunteerOut:
    """Create a pending volunteer account from a registration."""
    now = ctx.now()
    user = await new_user(
        email=form.email, name=form.name, role="volunteer", password=form.password, now=now
    )
    profile = VolunteerProfile(
        status="pending",
        languages=list(form.languages),
        destination_countries=list(form.destination_countries),
        origin_countries=list(form.origin_countries),
        bio=form.bio,
        code_of_conduct_at=now,
        available=True,
        max_open_cases=ctx.settings.volunteer_max_open_cases,
        created_at=now,
    )
    try:
        async with ctx.db.transaction() as session:
            session.add(user)
            await session.flush()
            profile.user_id = user.id
            session.add(profile)
            audit.record(
                session,
                action=Action.VOLUNTEER_REGISTERED,
                at=now,
                actor_id=user.id,
                subject_user_id=user.id,
                detail={"languages": profile.languages},
            )
    except IntegrityError as err:
        raise Conflict("an account with this e-mail address exists") from err
    return volunteer_out(profile, user)


async def _load(session: AsyncSession, user_id: int, *, lock: bool = False) -> VolunteerProfile:
    query = select(VolunteerProfile).where(VolunteerProfile.user_id == user_id)
    profile = await session.scalar(query.with_for_update() if lock else query)
    if profile is None:
        raise NotFound("no such volunteer")
    return profile


async def _describe(session: AsyncSession, profile: VolunteerProfile) -> VolunteerOut:
    user = await session.get(User, profile.user_id)
    assert user is not None
    return volunteer_out(profile, user, await load_of(session, profile.user_id))


async def get(ctx: HandoffContext, user_id: int) -> VolunteerOut:
    """Return one volunteer's profile."""
    async with ctx.db.transaction() as session:
        return await _describe(session, await _load(session, user_id))


async def list_volunteers(ctx: HandoffContext, *, status: str | None = None) -> list[VolunteerOut]:
    """Return volunteers, optionally in one state, oldest registration first."""
    async with ctx.db.transaction() as session:
        query = (
            select(VolunteerProfile, User)
            .join(User, User.id == VolunteerProfile.user_id)
            .order_by(VolunteerProfile.created_at, VolunteerProfile.user_id)
        )
        if status:
            query = query.where(VolunteerProfile.status == status)
        rows = (await session.execute(query)).all()
        load = await loads(session)
    return [volunteer_out(p, u, load.get(u.id, 0)) for p, u in rows]


async def decide(
    ctx: HandoffContext, *, actor_id: int, user_id: int, decision: str, notes: str
) -> VolunteerOut:
    """Apply a vetting decision (approve, reject, suspend, reinstate) and record it."""
    allowed_from, target, action = DECISIONS[decision]
    now = ctx.now()
    async with ctx.db.transaction() as session:
        profile = await _load(session, user_id, lock=True)
        if profile.status not in allowed_from:
            raise Conflict(f"cannot {decision} a volunteer who is {profile.status}")
        profile.status = target
        if decision in ("approve", "reject"):
            profile.vetted_by, profile.vetted_at, profile.vetting_notes = actor_id, now, notes
        released: list[str] = []
        if target == "suspended":
            await revoke_user_tokens(session, user_id, now=now)
            held = await session.scalars(
                select(Case).where(Case.assignee_id == user_id, Case.status == CLAIMED)
            )
            for case_row in held:
                requeue(case_row, now=now)
                released.append(case_row.reference)
                audit.record(
                    session,
                    action=Action.RELEASE,
                    at=now,
                    actor_id=actor_id,
                    case_reference=case_row.reference,
                    subject_user_id=user_id,
                    detail={"reason": "volunteer suspended"},
                )
        audit.record(
            session,
            action=action,
            at=now,
            actor_id=actor_id,
            subject_user_id=user_id,
            detail={"notes": notes, "released_cases": released} if released else {"notes": notes},
        )
        return await _describe(session, profile)


async def update(
    ctx: HandoffContext, *, actor_id: int, user_id: int, changes: VolunteerUpdate
) -> VolunteerOut:
    """Change availability, capacity, languages, countries or bio."""
    values: dict[str, Any] = changes.model_dump(exclude_none=True)
    async with ctx.db.transaction() as session:
        profile = await _load(session, user_id, lock=True)
        for name, value in values.items():
            setattr(profile, name, value)
        if values:
            audit.record(
                session,
                action=Action.VOLUNTEER_UPDATED,
                at=ctx.now(),
                actor_id=actor_id,
                subject_user_id=user_id,
                detail={"fields": sorted(values)},
            )
        return await _describe(session, profile)
