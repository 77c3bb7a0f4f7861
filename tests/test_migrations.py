"""Migrations apply cleanly and are safe to run twice, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from sqlalchemy import inspect

from api.db.migrate import upgrade
from api.db.session import Database


async def test_upgrade_twice_keeps_every_table(database_url: str) -> None:
    await asyncio.to_thread(upgrade, database_url)
    await asyncio.to_thread(upgrade, database_url)
    db = Database(database_url)
    try:
        async with db.engine.connect() as conn:
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await db.dispose()
    assert {"faq_entries", "faq_translations", "conversations", "outbox"} <= tables
    assert "alembic_version" in tables
