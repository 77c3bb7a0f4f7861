"""Closed cases are purged after the retention period; /delete erases a person's cases."""

from __future__ import annotations

from sqlalchemy import func, select

from api.db.conversation_models import HandoffRequest
from api.db.handoff_models import Case, CaseMessage
from api.handoff import audit, claims, closing, policy, relay, retention
from api.handoff.context import HandoffContext
from api.handoff.gateway import CaseGateway
from tests.handoff.factories import Clock, create_admin, create_volunteer, open_case


async def counts(ctx: HandoffContext) -> tuple[int, int, int]:
    async with ctx.db.transaction() as session:
        return (
            int(await session.scalar(select(func.count()).select_from(Case)) or 0),
            int(await session.scalar(select(func.count()).select_from(CaseMessage)) or 0),
            int(await session.scalar(select(func.count()).select_from(HandoffRequest)) or 0),
        )


async def test_purge_deletes_closed_cases_past_retention(
    ctx: HandoffContext, clock: Clock
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, admin=admin)
    await policy.change_policy(ctx, actor_id=admin.id, changes={"retention_days": 30})
    old, state = await open_case(ctx)
    await claims.claim(ctx, actor=volunteer, reference=old)
    await CaseGateway(ctx).forward(state, "thank you")
    await relay.reply(ctx, actor=volunteer, reference=old, text="You are welcome.")
    await closing.close(ctx, actor=volunteer, reference=old, outcome="resolved")
    clock.advance(days=20)
    recent, _ = await open_case(ctx)
    await closing.close(ctx, actor=admin, reference=recent, outcome="no_response")
    live, _ = await open_case(ctx)
    assert await counts(ctx) == (3, 2, 3)

    clock.advance(days=11)
    deleted, days = await retention.purge(ctx)

    assert (deleted, days) == (1, 30)
    assert await counts(ctx) == (2, 0, 2)
    async with ctx.db.transaction() as session:
        left = set(await session.scalars(select(Case.reference)))
    assert left == {recent, live}
    [event] = await audit.search(ctx, action="purge")
    assert event.detail == {"cases": 1, "retention_days": 30}


async def test_delete_in_the_chat_erases_the_persons_cases(ctx: HandoffContext) -> None:
    _, state = await open_case(ctx)
    other, _ = await open_case(ctx)
    await CaseGateway(ctx).forward(state, "my details")

    await CaseGateway(ctx).erase(state)

    async with ctx.db.transaction() as session:
        left = set(await session.scalars(select(Case.reference)))
    assert left == {other}
    assert await counts(ctx) == (1, 0, 1)
    assert not await CaseGateway(ctx).forward(state, "still there?")
