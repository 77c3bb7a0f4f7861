"""Closing asks the person to rate; they can reopen in time; SLAs flag cases nobody took."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.db.delivery_models import OutboxMessage
from api.handoff import audit, claims, closing, sla
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict
from api.handoff.gateway import CaseGateway
from api.handoff.maintenance import run_maintenance
from tests.handoff.factories import Clock, case_row, create_admin, create_volunteer, open_case


async def test_close_rate_and_reopen(ctx: HandoffContext, clock: Clock) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("es",), admin=admin)
    other = await create_volunteer(ctx, languages=("es",), admin=admin)
    reference, state = await open_case(ctx, lang="es")
    gateway = CaseGateway(ctx)
    await claims.claim(ctx, actor=volunteer, reference=reference)
    with pytest.raises(Conflict):
        await closing.close(ctx, actor=other, reference=reference, outcome="resolved")

    closed = await closing.close(
        ctx, actor=volunteer, reference=reference, outcome="resolved", note="Explained the visa"
    )

    assert closed.status == "closed" and closed.outcome == "resolved"
    async with ctx.db.transaction() as session:
        [prompt] = list(await session.scalars(select(OutboxMessage)))
    payloads = [b["payload"] for b in prompt.body["buttons"]]
    assert payloads[:6] == [*(f"rate:{reference}:{n}" for n in range(1, 6)), f"reopen:{reference}"]
    assert prompt.body["lang"] == "es"
    assert not await gateway.forward(state, "hello?")

    assert await gateway.handle_payload(state, f"rate:{reference}:5") is True
    assert await gateway.handle_payload(state, f"rate:{reference}:1") is False  # rated once
    assert await gateway.handle_payload(state, "rate:ZZZZZZZZ:4") is False
    assert await gateway.handle_payload(state, "lang:fr") is None
    assert (await case_row(ctx, reference)).rating == 5

    clock.advance(hours=71)
    state.handoff_active = False
    assert await gateway.handle_payload(state, f"reopen:{reference}") is True
    assert state.handoff_active
    row = await case_row(ctx, reference)
    assert (row.status, row.assignee_id, row.reopened) == ("open", None, 1)
    assert [e.action for e in await audit.search(ctx, case_reference=reference)][:3] == [
        "reopen",
        "rate",
        "close",
    ]

    # An admin closes it again; past the window the person can no longer reopen.
    await closing.close(ctx, actor=admin, reference=reference, outcome="not_appropriate")
    clock.advance(hours=73)
    assert not await gateway.reopen(state, reference)
    assert (await case_row(ctx, reference)).status == "closed"


async def test_unclaimed_cases_past_their_sla_are_flagged(
    ctx: HandoffContext, clock: Clock
) -> None:
    urgent, _ = await open_case(ctx, topic="protection_risk")
    normal, _ = await open_case(ctx)
    clock.advance(minutes=31)
    await run_maintenance(ctx)
    assert [c.reference for c in await sla.overdue(ctx)] == [urgent]

    clock.advance(hours=4)
    assert await sla.flag_overdue(ctx) == [normal]
    assert [c.reference for c in await sla.overdue(ctx)] == [urgent, normal]
    assert all(c.overdue for c in await sla.overdue(ctx))
    flagged = await audit.search(ctx, action="sla_overdue")
    assert sorted(e.case_reference or "" for e in flagged) == sorted([urgent, normal])

    volunteer = await create_volunteer(ctx)
    await claims.claim(ctx, actor=volunteer, reference=urgent)
    assert [c.reference for c in await sla.overdue(ctx)] == [normal]
