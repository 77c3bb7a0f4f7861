"""Migrations apply cleanly and are safe to run twice, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from api.db import models  # noqa: F401  (registers every table on Base.metadata)
from api.db.base import Base
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


async def test_the_migrations_build_exactly_the_tables_of_the_models(database_url: str) -> None:
    """A column added to a model without a migration (or the reverse) fails here."""
    await asyncio.to_thread(upgrade, database_url)
    db = Database(database_url)
    try:
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(
                    MigrationContext.configure(c, opts={"compare_type": False}), Base.metadata
                )
            )
    finally:
        await db.dispose()
    # Index and constraint spellings differ between backends; columns and tables must match.
    relevant = [
        d
        for d in _flatten(diff)
        if d[0] in {"add_table", "remove_table", "add_column", "remove_column"}
    ]
    assert relevant == []


def _flatten(diff: list) -> list:  # type: ignore[type-arg]
    flat = []
    for item in diff:
        flat.extend(_flatten(item) if isinstance(item, list) else [item])
    return flat
