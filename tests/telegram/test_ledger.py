"""The inbound ledger: de-duplication shared by every worker, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from api.db.delivery_models import InboundUpdate
from api.db.session import Database
from api.telegram.ledger import InboundLedger


async def test_first_claim_wins_and_redeliveries_lose(db: Database) -> None:
    ledger = InboundLedger(db, "secret")
    assert await ledger.first("telegram", "1")
    assert not await ledger.first("telegram", "1")
    assert await ledger.first("telegram-press", "1")  # another kind, another key space


async def test_concurrent_claims_of_one_key_have_one_winner(db: Database) -> None:
    ledgers = [InboundLedger(db, "secret") for _ in range(3)]  # like three workers
    results = await asyncio.gather(
        *(ledger.first("telegram", key) for ledger in ledgers for key in ("7", "8", "7", "9"))
    )
    assert sum(results) == 3


async def test_two_databases_connections_agree(database_url: str) -> None:
    first, second = Database(database_url), Database(database_url)
    try:
        a, b = InboundLedger(first, "s"), InboundLedger(second, "s")
        outcomes = await asyncio.gather(a.first("telegram", "42"), b.first("telegram", "42"))
        assert sorted(outcomes) == [False, True]
    finally:
        await first.dispose()
        await second.dispose()


async def test_keys_are_not_stored_in_clear(db: Database) -> None:
    ledger = InboundLedger(db, "secret")
    await ledger.first("telegram-press", "123456789:42")
    async with db.transaction() as session:
        stored = (await session.execute(select(InboundUpdate.update_id))).scalars().all()
    assert stored and all("123456789" not in key for key in stored)


async def test_prune_forgets_old_entries_only(db: Database) -> None:
    ledger = InboundLedger(db, "secret")
    await ledger.first("telegram", "1")
    await ledger.first("telegram-group", "-100")
    assert await ledger.prune(("telegram",), older_than=timedelta(days=1)) == 0
    assert await ledger.prune(("telegram",), older_than=timedelta(seconds=-1)) == 1
    async with db.transaction() as session:
        left = (await session.execute(select(func.count()).select_from(InboundUpdate))).scalar()
    assert left == 1
    assert await ledger.first("telegram", "1")
