"""Fixtures: a fake Bot API, and the real app talking to it in webhook or polling mode."""

from __future__ import annotations

import asyncio
import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from tests.conftest import CONTENT_DIR
from tests.telegram.fake_bot_api import TOKEN, Call, FakeBotAPI
from tests.utils.databases import off_loop, truncate_all
from tests.utils.server import free_port, serve_in_thread

SECRET = "test-webhook-secret_0123456789"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_ids = itertools.count(1)


def next_id() -> int:
    """Return an id no other test of the session uses (update ids, chat ids)."""
    return next(_ids) * 1000


@dataclass
class Stack:
    """The running app, the fake Bot API it talks to, and how updates reach it."""

    url: str
    fake: FakeBotAPI
    mode: str
    client: httpx.Client
    database_url: str

    def deliver(self, update: dict[str, Any]) -> None:
        """Hand an update to the bot the way Telegram would in this mode."""
        if self.mode == "polling":
            self.fake.push_update(update)
            return
        response = self.post(update)
        assert response.status_code == 200, response.text

    def post(self, update: Any, *, secret: str | None = SECRET, raw: bytes | None = None) -> Any:
        """POST to the webhook (with the secret header unless `secret` is None)."""
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        if raw is not None:
            headers["Content-Type"] = "application/json"
            return self.client.post("/telegram/webhook", content=raw, headers=headers)
        return self.client.post("/telegram/webhook", json=update, headers=headers)

    def sent(self, chat_id: int) -> list[Call]:
        """Return the messages sent to `chat_id` so far."""
        return [
            c for c in self.fake.calls_of("sendMessage") if int(c.params["chat_id"]) == chat_id
        ]

    def wait_sent(self, chat_id: int, count: int = 1, timeout: float = 20.0) -> list[Call]:
        """Wait until `count` messages were sent to `chat_id`; return them."""
        self.fake.wait_for(
            "sendMessage",
            count,
            timeout=timeout,
            where=lambda c: int(c.params["chat_id"]) == chat_id,
        )
        return self.sent(chat_id)


def telegram_settings(database_url: str, fake: FakeBotAPI, **overrides: Any) -> Settings:
    """Settings of an app whose Telegram channel talks to `fake`."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "content_dir": CONTENT_DIR,
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": fake.base_url,
        "telegram_webhook_secret": SECRET,
        "whatsapp_access_token": None,
        "redis_url": None,
        "outbox_poll_seconds": 0.2,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    """A fresh fake Bot API."""
    fake = FakeBotAPI().start()
    try:
        yield fake
    finally:
        fake.stop()


def _database(request: pytest.FixtureRequest, directory: Path, template: Path) -> str:
    if request.param == "sqlite":
        target = directory / "pathways.db"
        shutil.copy(template, target)
        return f"sqlite+aiosqlite:///{target}"
    server = request.getfixturevalue("postgres_server")
    return str(server.url)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def webhook_stack(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
) -> Iterator[Stack]:
    """The app in webhook mode on SQLite and on PostgreSQL, shared by a module's tests."""
    database_url = _database(request, tmp_path_factory.mktemp("webhook"), sqlite_template)
    fake = FakeBotAPI().start()
    port = free_port()
    settings = telegram_settings(database_url, fake, public_base_url=f"http://127.0.0.1:{port}")
    try:
        with serve_in_thread(create_app(settings), port=port) as url:
            # The webhook and the command menus are set in the background after start-up.
            fake.wait_for("setMyCommands", 6)
            with httpx.Client(base_url=url, timeout=20) as client:
                yield Stack(url, fake, "webhook", client, database_url)
    finally:
        fake.stop()
        if request.param == "postgres":
            off_loop(lambda: asyncio.run(truncate_all(database_url)))


@pytest.fixture(scope="module")
def polling_stack(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Stack]:
    """The app polling the fake Bot API (no webhook secret), as `pathways serve` runs it."""
    target = tmp_path_factory.mktemp("polling") / "pathways.db"
    shutil.copy(sqlite_template, target)
    fake = FakeBotAPI().start()
    database_url = f"sqlite+aiosqlite:///{target}"
    settings = telegram_settings(database_url, fake, telegram_webhook_secret=None)
    try:
        with serve_in_thread(create_app(settings, telegram_polling=True)) as url:
            fake.wait_for("getUpdates")
            with httpx.Client(base_url=url, timeout=20) as client:
                yield Stack(url, fake, "polling", client, database_url)
    finally:
        fake.stop()
