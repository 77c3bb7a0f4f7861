"""`pathways telegram ...` and the choice of mode, run as an operator would."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from api.settings import Settings
from api.telegram import telegram_mode
from tests.telegram.conftest import SECRET
from tests.telegram.fake_bot_api import TOKEN, FakeBotAPI
from tests.telegram.updates import message_update

PATHWAYS = str(Path(sys.executable).parent / "pathways")


def command_env(fake: FakeBotAPI, database: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "DATABASE_", "PUBLIC_BASE"))
    }
    env.update(
        DATABASE_URL=f"sqlite+aiosqlite:///{database}",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=fake.base_url,
        **extra,
    )
    return env


def test_mode_follows_the_settings() -> None:
    def mode(**values: object) -> str | None:
        return telegram_mode(Settings(_env_file=None, **values))  # type: ignore[call-arg]

    assert mode() is None
    assert mode(telegram_bot_token=TOKEN) == "polling"
    assert mode(telegram_bot_token=TOKEN, telegram_webhook_secret=SECRET) == "webhook"


def test_poll_command_answers_and_stops_cleanly(
    fake_api: FakeBotAPI, sqlite_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "poll.db"
    shutil.copy(sqlite_template, database)
    # A webhook secret in the environment is ignored: `poll` always polls.
    env = command_env(fake_api, database, TELEGRAM_WEBHOOK_SECRET=SECRET)
    process = subprocess.Popen([PATHWAYS, "telegram", "poll"], env=env, cwd=tmp_path)
    try:
        fake_api.wait_for("getUpdates", timeout=60)
        fake_api.push_update(message_update(1, 555, "/start", language_code="es"))
        fake_api.wait_for("sendMessage", 2, timeout=30)
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(30)
    assert code == 0
    assert fake_api.calls_of("deleteWebhook")
    assert all(int(c.params["chat_id"]) == 555 for c in fake_api.calls_of("sendMessage"))


def test_poll_command_needs_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    result = subprocess.run(
        [PATHWAYS, "telegram", "poll"], env=env, cwd=tmp_path, capture_output=True, timeout=60
    )
    assert result.returncode == 2
    assert b"BotFather" in result.stderr


def test_set_and_delete_webhook_commands(fake_api: FakeBotAPI, tmp_path: Path) -> None:
    env = command_env(
        fake_api,
        tmp_path / "unused.db",
        TELEGRAM_WEBHOOK_SECRET=SECRET,
        PUBLIC_BASE_URL="https://pathways.example.org/",
    )
    subprocess.run([PATHWAYS, "telegram", "set-webhook"], env=env, check=True, timeout=60)
    hook = fake_api.calls_of("setWebhook")[-1].params
    assert hook["url"] == "https://pathways.example.org/telegram/webhook"
    assert hook["secret_token"] == SECRET
    assert len(fake_api.calls_of("setMyCommands")) == 6
    subprocess.run([PATHWAYS, "telegram", "delete-webhook"], env=env, check=True, timeout=60)
    assert fake_api.calls_of("deleteWebhook")


def test_set_webhook_refuses_without_a_secret_or_url(fake_api: FakeBotAPI, tmp_path: Path) -> None:
    for extra in ({"PUBLIC_BASE_URL": "https://x.org"}, {"TELEGRAM_WEBHOOK_SECRET": SECRET}):
        env = command_env(fake_api, tmp_path / "unused.db", **extra)
        result = subprocess.run([PATHWAYS, "telegram", "set-webhook"], env=env, timeout=60)
        assert result.returncode == 2
    assert not fake_api.calls_of("setWebhook")
