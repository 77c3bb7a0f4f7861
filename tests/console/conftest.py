"""Fixtures of the console tests: the whole app served on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from api.app import create_app
from api.auth import passwords
from api.db.session import Database
from api.handoff.context import HandoffContext
from api.settings import Settings
from bot.knowledge import KnowledgeBase, load_knowledge
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
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hash with argon2's cheapest parameters (the server runs in this process)."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
    passwords._dummy_hash.cache_clear()
    yield
    passwords._dummy_hash.cache_clear()


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    """The curated content, loaded once."""
    return load_knowledge(CONTENT_DIR)


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
