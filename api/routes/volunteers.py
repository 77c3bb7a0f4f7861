"""Volunteers: self-registration and their own profile."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.auth.deps import Context, RequireVolunteer
from api.handoff import volunteers
from api.handoff.schemas import (
    ERROR_RESPONSES,
    VolunteerOut,
    VolunteerRegistration,
    VolunteerUpdate,
)

router = APIRouter(prefix="/v1/volunteers", tags=["volunteers"], responses=ERROR_RESPONSES)


@router.post("/register", response_model=VolunteerOut, status_code=status.HTTP_201_CREATED)
async def register(ctx: Context, form: VolunteerRegistration) -> VolunteerOut:
    """Apply as a volunteer; the account stays `pending` until an admin vets it."""
    return await volunteers.register(ctx, form)


@router.get("/me", response_model=VolunteerOut)
async def my_profile(ctx: Context, user: RequireVolunteer) -> VolunteerOut:
    """Return the signed-in volunteer's profile and vetting status."""
    return await volunteers.get(ctx, user.id)


@router.patch("/me", response_model=VolunteerOut)
async def update_my_profile(
    ctx: Context, user: RequireVolunteer, changes: VolunteerUpdate
) -> VolunteerOut:
    """Change availability, capacity, languages, countries or bio."""
    return await volunteers.update(ctx, actor_id=user.id, user_id=user.id, changes=changes)
