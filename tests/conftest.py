"""Shared fixtures: fresh SQLite and PostgreSQL databases, settings and a live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from api.db.session import Database
from api.settings import PROJECT_ROOT, Settings
from tests.utils.databases import PostgresServer, migrated_sqlite_template, truncate_all

CONTENT_DIR = PROJECT_ROOT / "content"

pytest_plugins = ["tests.utils.browser", "tests.utils.accounts"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file copied by every test that needs one."""
    return migrated_sqlite_template(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throw-away database on the real PostgreSQL server (a failure in CI if absent)."""
    server = PostgresServer.create()
    if server is None:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432 and CI=true")
        pytest.skip("PostgreSQL is not reachable (set CI=true to make this a failure)")
    try:
        yield server
    finally:
        server.drop()


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh, migrated SQLite database."""
    target = tmp_path / "pathways.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[str]:
    """A fresh, migrated database: each test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        target = tmp_path / "pathways.db"
        shutil.copy(sqlite_template, target)
        yield f"sqlite+aiosqlite:///{target}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    yield server.url
    await truncate_all(server.url)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A Database on the parametrised engine."""
    database = Database(database_url)
    try:
        yield database
    finally:
        await database.dispose()


def settings_for(database_url: str, **overrides: object) -> Settings:
    """Build Settings for a test, isolated from the developer's .env and from any channel."""
    values: dict[str, object] = {
        "database_url": database_url,
        "content_dir": CONTENT_DIR,
        "telegram_bot_token": None,
        "telegram_webhook_secret": None,
        "whatsapp_access_token": None,
        "redis_url": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def make_settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build Settings for a test, isolated from the developer's .env."""
    return settings_for
