"""Who may take which case: eligibility, the volunteer's queue, and ranking of volunteers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.db.handoff_models import Case, User, VolunteerProfile

QUEUED = "open"
CLAIMED = "claimed"
CLOSED = "closed"
LIVE = (QUEUED, CLAIMED)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def urgent_first() -> ColumnElement[int]:
    """Sort key putting urgent cases before the others."""
    return case((Case.priority == "urgent", 0), else_=1)


def held_cases(user_id: int) -> Select[int]:
    """Count the cases a volunteer holds now (what capacity limits)."""
    held = aliased(Case)
    return (
        select(func.count())
        .select_from(held)
        .where(held.assignee_id == user_id, held.status == CLAIMED)
    )


async def load_of(session: AsyncSession, user_id: int) -> int:
    """Return how many cases the volunteer holds."""
    return int(await session.scalar(held_cases(user_id)) or 0)


async def loads(session: AsyncSession) -> dict[int, int]:
    """Return how many cases each volunteer holds (those holding none are absent)."""
    rows = await session.execute(
        select(Case.assignee_id, func.count())
        .where(Case.status == CLAIMED, Case.assignee_id.is_not(None))
        .group_by(Case.assignee_id)
    )
    return {user_id: int(count) for user_id, count in rows.all() if user_id is not None}


def requeue_values(now: datetime) -> dict[str, Any]:
    """The column values that put a case back in the queue (its SLA clock restarts)."""
    return {
        "status": QUEUED,
        "assignee_id": None,
        "lease_expires_at": None,
        "claimed_at": None,
        "queued_at": now,
        "overdue_flagged_at": None,
    }


def knows_country(case_row: Case, profile: VolunteerProfile) -> bool:
    """Tell whether the volunteer knows the case's destination or origin country."""
    if set(case_row.countries or ()) & set(profile.destination_countries or ()):
        return True
    return case_row.origin_country is not None and case_row.origin_country in (
        profile.origin_countries or ()
    )


def queue_for(profile: VolunteerProfile, *, limit: int = 100) -> Select[Case]:
    """Select the unclaimed cases in the volunteer's languages, urgent first, then oldest."""
    return (
        select(Case)
        .where(Case.status == QUEUED, Case.language.in_(profile.languages or ()))
        .order_by(urgent_first(), Case.created_at, Case.id)
        .limit(limit)
    )


@dataclass(frozen=True)
class Candidate:
    """An eligible volunteer for a case, with what ranked them."""

    user_id: int
    name: str
    knows_country: bool
    open_cases: int
    max_open_cases: int
    last_claim_at: datetime | None


async def candidates(session: AsyncSession, case_row: Case) -> list[Candidate]:
    """Rank the eligible volunteers: country knowledge, then load, then longest without a case."""
    rows = (
        await session.execute(
            select(VolunteerProfile, User.name)
            .join(User, User.id == VolunteerProfile.user_id)
            .where(VolunteerProfile.status == "active", VolunteerProfile.available.is_(True))
        )
    ).all()
    load = await loads(session)
    found = [
        Candidate(
            user_id=profile.user_id,
            name=name,
            knows_country=knows_country(case_row, profile),
            open_cases=load.get(profile.user_id, 0),
            max_open_cases=profile.max_open_cases,
            last_claim_at=profile.last_claim_at,
        )
        for profile, name in rows
        if case_row.language in (profile.languages or ())
    ]
    eligible = [c for c in found if c.open_cases < c.max_open_cases]
    eligible.sort(key=lambda c: (not c.knows_country, c.open_cases, c.last_claim_at or _EPOCH))
    return eligible
