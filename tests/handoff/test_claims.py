"""Claims are leases: exactly one concurrent claim wins, and a silent claim expires."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from api.handoff import audit, cases, claims, relay
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict
from api.handoff.maintenance import run_maintenance
from tests.handoff.factories import Clock, case_row, create_admin, create_volunteer, open_case


async def test_concurrent_claims_of_one_case_have_one_winner(ctx: HandoffContext) -> None:
    admin = await create_admin(ctx)
    team = [await create_volunteer(ctx, admin=admin) for _ in range(6)]
    reference, _ = await open_case(ctx)

    results = await asyncio.gather(
        *(claims.claim(ctx, actor=v, reference=reference) for v in team), return_exceptions=True
    )

    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, BaseException)]
    assert len(winners) == 1
    assert all(isinstance(e, Conflict) for e in losers), losers
    row = await case_row(ctx, reference)
    assert row.status == "claimed" and row.assignee_id in {v.id for v in team}
    claims_logged = await audit.search(ctx, action="claim", case_reference=reference)
    assert len(claims_logged) == 1


async def test_one_volunteer_claiming_in_parallel_stays_within_capacity(
    ctx: HandoffContext,
) -> None:
    volunteer = await create_volunteer(ctx, max_open_cases=2)
    refs = [(await open_case(ctx))[0] for _ in range(5)]

    results = await asyncio.gather(
        *(claims.claim(ctx, actor=volunteer, reference=r) for r in refs), return_exceptions=True
    )

    assert sum(not isinstance(r, BaseException) for r in results) == 2
    assert len(await cases.mine(ctx, actor=volunteer)) == 2


async def test_a_claim_expires_unless_the_volunteer_replies(
    ctx: HandoffContext, clock: Clock
) -> None:
    admin = await create_admin(ctx)
    first = await create_volunteer(ctx, admin=admin)
    second = await create_volunteer(ctx, admin=admin)
    reference, _ = await open_case(ctx)
    claimed = await claims.claim(ctx, actor=first, reference=reference)
    assert claimed.lease_expires_at == clock.now + timedelta(minutes=30)
    with pytest.raises(Conflict):
        await claims.claim(ctx, actor=second, reference=reference)

    clock.advance(minutes=29)
    await run_maintenance(ctx)
    assert (await case_row(ctx, reference)).assignee_id == first.id

    clock.advance(minutes=2)
    # The check at claim time does not wait for the background loop.
    taken = await claims.claim(ctx, actor=second, reference=reference)
    assert taken.assignee_id == second.id
    expired = await audit.search(ctx, action="lease_expired", case_reference=reference)
    assert [e.subject_user_id for e in expired] == [first.id]
    with pytest.raises(Conflict):
        await relay.reply(ctx, actor=first, reference=reference, text="Hello")

    # A reply ends the lease: the case stays with the volunteer who answered.
    await relay.reply(ctx, actor=second, reference=reference, text="Hello, I can help.")
    clock.advance(hours=5)
    assert await claims.expire_leases(ctx) == []
    row = await case_row(ctx, reference)
    assert (row.status, row.assignee_id, row.lease_expires_at) == ("claimed", second.id, None)
