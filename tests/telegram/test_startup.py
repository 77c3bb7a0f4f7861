"""The web app starts even when Telegram does not answer, and connects when it does."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx

from api.app import create_app
from tests.telegram.conftest import SECRET, SECRET_HEADER, telegram_settings
from tests.telegram.fake_bot_api import FakeBotAPI
from tests.telegram.updates import message_update
from tests.utils.server import free_port, serve_in_thread


def test_unreachable_telegram_is_retried_in_the_background(
    sqlite_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "pathways.db"
    shutil.copy(sqlite_template, database)
    api_port = free_port()
    fake = FakeBotAPI()  # not started yet: its port refuses connections
    fake.port = api_port
    app_port = free_port()
    settings = telegram_settings(
        f"sqlite+aiosqlite:///{database}", fake, public_base_url=f"http://127.0.0.1:{app_port}"
    )
    app = create_app(settings)
    with serve_in_thread(app, port=app_port) as url, httpx.Client(base_url=url) as client:
        assert client.get("/healthz").status_code == 200
        update = message_update(1, 321, "/start")
        response = client.post("/telegram/webhook", json=update, headers={SECRET_HEADER: SECRET})
        assert response.status_code == 503  # Telegram will deliver it again later
        fake.start(api_port)
        try:
            fake.wait_for("getMe", timeout=30)
            deadline = time.monotonic() + 30
            while response.status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.2)
                response = client.post(
                    "/telegram/webhook", json=update, headers={SECRET_HEADER: SECRET}
                )
            assert response.status_code == 200
            fake.wait_for("sendMessage")
            fake.wait_for("setWebhook")
        finally:
            fake.stop()


def test_a_refused_token_leaves_the_rest_of_the_app_running(
    sqlite_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "pathways.db"
    shutil.copy(sqlite_template, database)
    fake = FakeBotAPI(token="999:another-bot").start()
    try:
        settings = telegram_settings(f"sqlite+aiosqlite:///{database}", fake)
        with serve_in_thread(create_app(settings)) as url, httpx.Client(base_url=url) as client:
            assert client.get("/healthz").status_code == 200
            update = message_update(1, 321, "/start")
            headers = {SECRET_HEADER: SECRET}
            assert (
                client.post("/telegram/webhook", json=update, headers=headers).status_code == 503
            )
    finally:
        fake.stop()
