"""Who sees which case: languages, vetting, availability, capacity, and urgent-first order."""

from __future__ import annotations

import pytest

from api.handoff import cases, claims, volunteers
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict, NotFound, PermissionDenied
from api.handoff.schemas import VolunteerUpdate
from tests.handoff.factories import Clock, create_admin, create_volunteer, open_case


async def test_queue_is_urgent_first_then_oldest(ctx: HandoffContext, clock: Clock) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("en", "fr"), admin=admin)
    old, _ = await open_case(ctx, lang="en")
    clock.advance(minutes=1)
    middle, _ = await open_case(ctx, lang="fr")
    clock.advance(minutes=1)
    urgent, _ = await open_case(ctx, lang="en", topic="protection_risk")
    clock.advance(minutes=1)
    emergency, _ = await open_case(ctx, lang="fr", topic=None, urgent=True)
    clock.advance(minutes=1)
    await open_case(ctx, lang="ar")  # not in the volunteer's languages

    queue = await cases.queue(ctx, actor=volunteer)

    assert [c.reference for c in queue.items] == [urgent, emergency, old, middle]
    assert [c.priority for c in queue.items] == ["urgent", "urgent", "normal", "normal"]


async def test_only_active_volunteers_who_speak_the_language_see_a_case(
    ctx: HandoffContext,
) -> None:
    admin = await create_admin(ctx)
    speaker = await create_volunteer(ctx, languages=("ne",), admin=admin)
    other = await create_volunteer(ctx, languages=("en", "fr"), admin=admin)
    pending = await create_volunteer(ctx, languages=("ne",), status="pending")
    suspended = await create_volunteer(ctx, languages=("ne",), status="suspended", admin=admin)
    reference, _ = await open_case(ctx, lang="ne")

    assert [c.reference for c in (await cases.queue(ctx, actor=speaker)).items] == [reference]
    assert (await cases.queue(ctx, actor=other)).items == []
    with pytest.raises(NotFound):
        await cases.view(ctx, actor=other, reference=reference)
    with pytest.raises(NotFound):
        await claims.claim(ctx, actor=other, reference=reference)
    for outsider in (pending, suspended):
        with pytest.raises(PermissionDenied):
            await cases.queue(ctx, actor=outsider)
        with pytest.raises(PermissionDenied):
            await claims.claim(ctx, actor=outsider, reference=reference)


async def test_capacity_and_availability_limit_claims(ctx: HandoffContext) -> None:
    volunteer = await create_volunteer(ctx, max_open_cases=2)
    refs = [(await open_case(ctx))[0] for _ in range(3)]

    await claims.claim(ctx, actor=volunteer, reference=refs[0])
    await claims.claim(ctx, actor=volunteer, reference=refs[1])
    with pytest.raises(Conflict, match="maximum"):
        await claims.claim(ctx, actor=volunteer, reference=refs[2])
    queue = await cases.queue(ctx, actor=volunteer)
    assert queue.at_capacity and queue.items == [] and queue.open_cases == 2

    await claims.release(ctx, actor=volunteer, reference=refs[0])
    assert len((await cases.queue(ctx, actor=volunteer)).items) == 2
    await claims.claim(ctx, actor=volunteer, reference=refs[2])
    await claims.release(ctx, actor=volunteer, reference=refs[2])

    await volunteers.update(
        ctx,
        actor_id=volunteer.id,
        user_id=volunteer.id,
        changes=VolunteerUpdate(available=False),
    )
    assert (await cases.queue(ctx, actor=volunteer)).items == []
    with pytest.raises(Conflict, match="unavailable"):
        await claims.claim(ctx, actor=volunteer, reference=refs[2])


async def test_candidates_rank_country_knowledge_then_load(ctx: HandoffContext) -> None:
    admin = await create_admin(ctx)
    busy_expert = await create_volunteer(ctx, destinations=("DE",), admin=admin)
    idle = await create_volunteer(ctx, destinations=("CA",), admin=admin)
    expert = await create_volunteer(ctx, destinations=("DE", "AT"), admin=admin)
    full = await create_volunteer(ctx, destinations=("DE",), max_open_cases=1, admin=admin)
    await create_volunteer(ctx, languages=("fr",), destinations=("DE",), admin=admin)
    for holder in (busy_expert, full):
        other, _ = await open_case(ctx)
        await claims.claim(ctx, actor=holder, reference=other)
    reference, _ = await open_case(ctx, countries=("DE",))

    ranked = await claims.candidates_for(ctx, actor=admin, reference=reference)

    assert [c.user_id for c in ranked] == [expert.id, busy_expert.id, idle.id]
    assert [c.knows_country for c in ranked] == [True, True, False]
