"""Test databases: a migrated SQLite template and a throw-away PostgreSQL database."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import asyncpg
from sqlalchemy import text

from api.db.base import Base
from api.db.migrate import upgrade
from api.db.session import create_engine

PG_HOST = os.environ.get("PATHWAYS_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PATHWAYS_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("PATHWAYS_TEST_PG_USER", "postgres")

T = TypeVar("T")


def off_loop(func: Callable[[], T]) -> T:
    """Run blocking set-up that starts its own event loop, even when called inside one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func).result()


def migrated_sqlite_template(directory: Path) -> Path:
    """Create an empty SQLite database with every migration applied."""
    path = directory / "template.db"
    off_loop(lambda: upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@dataclass
class PostgresServer:
    """A database created for this test session on the real server."""

    name: str

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the database."""
        return f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{self.name}"

    @classmethod
    def create(cls) -> PostgresServer | None:
        """Create and migrate a fresh database; None when the server is unreachable."""
        name = f"pathways_test_{uuid.uuid4().hex[:10]}"
        try:
            off_loop(lambda: asyncio.run(_admin(f'CREATE DATABASE "{name}"')))
        except (OSError, asyncpg.PostgresError):
            return None
        server = cls(name)
        off_loop(lambda: upgrade(server.url))
        return server

    def drop(self) -> None:
        """Drop the database."""
        off_loop(
            lambda: asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        )


async def truncate_all(url: str) -> None:
    """Empty every table of a PostgreSQL test database."""
    from api.db import models  # noqa: F401

    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()
