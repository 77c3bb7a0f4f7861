"""Fixtures of the console tests: the whole app served on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from api.app import create_app
from api.db.session import Database
from api.handoff.context import HandoffContext
from api.settings import Settings
from bot.knowledge import KnowledgeBase
from tests.conftest import CONTENT_DIR
from tests.utils.databases import PostgresServer, off_loop, truncate_all
from tests.utils.server import serve_in_thread


@dataclass(frozen=True)
class Served:
    """A running app and the database behind it."""

    base_url: str
    settings: Settings


def console_settings(database_url: str, **overrides: object) -> Settings:
    """Settings of a test server, isolated from the developer's .env."""
    values: dict[str, object] = {
        "database_url": database_url,
        "content_dir": CONTENT_DIR,
        "telegram_bot_token": None,
        "telegram_webhook_secret": None,
        "whatsapp_access_token": None,
        "redis_url": None,
        "outbox_poll_seconds": 0.05,
        "secret_key": "console-test-secret",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def _cheap_hashing(cheap_hashing: None) -> None:
    """Every test here creates accounts: hash cheaply."""


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def served(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The whole app on a fresh database, shared by the tests of a module."""
    if request.param == "sqlite":
        target = tmp_path_factory.mktemp("console") / "pathways.db"
        shutil.copy(sqlite_template, target)
        url = f"sqlite+aiosqlite:///{target}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        url = server.url
    settings = console_settings(url)
    try:
        with serve_in_thread(create_app(settings)) as base:
            yield Served(base, settings)
    finally:
        if request.param == "postgres":
            off_loop(lambda: asyncio.run(truncate_all(url)))


@pytest.fixture
async def ctx(served: Served, knowledge: KnowledgeBase) -> AsyncIterator[HandoffContext]:
    """The handoff service on the served database, to arrange what a test needs."""
    db = Database(served.settings.database_url)
    try:
        yield HandoffContext(db=db, settings=served.settings, knowledge=lambda: knowledge)
    finally:
        await db.dispose()
