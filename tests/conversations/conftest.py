"""One live Pathways app per module: the web chat, the handoff API, a vetted volunteer."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from api.app import create_app
from api.auth import passwords
from api.auth.accounts import create_user
from api.db.session import Database
from api.handoff.context import HandoffContext
from api.settings import Settings
from bot.knowledge import KnowledgeBase
from tests.conftest import settings_for
from tests.conversations.harness import Person, Volunteer
from tests.handoff.factories import PASSWORD
from tests.handoff.http import register
from tests.utils.server import serve_in_thread

LANGUAGES = ("en", "fr", "es", "ar", "ne")


async def _admin(url: str, settings: Settings, knowledge: KnowledgeBase) -> None:
    db = Database(url)
    try:
        ctx = HandoffContext(db=db, settings=settings, knowledge=lambda: knowledge)
        await create_user(
            ctx, email="admin@example.org", name="Admin", role="admin", password=PASSWORD
        )
    finally:
        await db.dispose()


async def _volunteer(base: str) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        await register(client, "amina@example.org", list(LANGUAGES), destinations=["QA", "GB"])


@pytest.fixture(scope="module")
def live(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory, knowledge: KnowledgeBase
) -> Iterator[tuple[httpx.Client, Volunteer]]:
    """The app on a fresh SQLite database, with one active volunteer who speaks every language."""
    target = tmp_path_factory.mktemp("conversations") / "pathways.db"
    shutil.copy(sqlite_template, target)
    url = f"sqlite+aiosqlite:///{target}"
    settings = settings_for(url, outbox_poll_seconds=0.05)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
        passwords._dummy_hash.cache_clear()
        asyncio.run(_admin(url, settings, knowledge))
        app = create_app(settings)
        with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=60) as client:
            asyncio.run(_volunteer(base))
            admin = _login(client, "admin@example.org")
            volunteers = client.get("/v1/admin/volunteers", headers=admin).json()
            (amina,) = [v for v in volunteers if v["email"] == "amina@example.org"]
            approved = client.post(
                f"/v1/admin/volunteers/{amina['id']}/approve",
                headers=admin,
                json={"notes": "interviewed"},
            )
            assert approved.status_code == 200, approved.text
            yield client, Volunteer(client, _login(client, "amina@example.org"))
        passwords._dummy_hash.cache_clear()


def _login(client: httpx.Client, email: str) -> dict[str, str]:
    response = client.post("/v1/auth/token", data={"username": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def person(live: tuple[httpx.Client, Volunteer]):  # type: ignore[no-untyped-def]
    """Start a new person in the web chat: `person("fr")`."""

    def factory(lang: str) -> Person:
        return Person(live[0], lang)

    return factory


@pytest.fixture
def volunteer(live: tuple[httpx.Client, Volunteer]) -> Volunteer:
    """The vetted volunteer."""
    return live[1]
