"""The web chat's history: what a reloaded page shows, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.db.session import Database
from api.settings import Settings
from api.stores import enqueue_web_message
from bot.messages import OutgoingMessage
from tests.conftest import CONTENT_DIR
from tests.utils.databases import PostgresServer, off_loop, truncate_all
from tests.utils.server import serve_in_thread

Served = tuple[httpx.Client, str]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def served(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The whole app (bot, cases) on a fresh database, shared by the module's tests."""
    if request.param == "sqlite":
        target = tmp_path_factory.mktemp("chat-history") / "pathways.db"
        shutil.copy(sqlite_template, target)
        url = f"sqlite+aiosqlite:///{target}"
    else:
        server: PostgresServer = request.getfixturevalue("postgres_server")
        url = server.url
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=url,
        content_dir=CONTENT_DIR,
        telegram_bot_token=None,
        whatsapp_access_token=None,
        redis_url=None,
    )
    try:
        with (
            serve_in_thread(create_app(settings)) as base,
            httpx.Client(base_url=base, timeout=30) as client,
        ):
            yield client, url
    finally:
        if request.param == "postgres":
            off_loop(lambda: asyncio.run(truncate_all(url)))


def chat(served: Served, user_id: str, **message: str) -> list[dict[str, Any]]:
    client, _ = served
    response = client.post("/v1/chat", json={"user_id": user_id, **message})
    assert response.status_code == 200, response.text
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages


def history(served: Served, user_id: str) -> dict[str, Any]:
    client, _ = served
    response = client.get(f"/v1/chat/{user_id}/history")
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_a_new_person_has_no_history(served: Served) -> None:
    assert history(served, "nobody-yet") == {
        "messages": [],
        "case": None,
        "case_open": False,
        "talking_to_volunteer": False,
        "cursor": 0,
    }


def test_the_history_shows_what_was_said_and_only_the_last_buttons_count(
    served: Served,
) -> None:
    first = chat(served, "hist-1", text="/start", lang="en")
    topic = chat(served, "hist-1", payload="topic:protection_risk")
    data = history(served, "hist-1")
    shown = data["messages"]
    # The page's own "/start" is not shown; the bot's replies and the pressed button are.
    assert [m["from"] for m in shown] == ["bot"] * len(first) + ["person"] + ["bot"] * len(topic)
    assert [m["text"] for m in shown if m["from"] == "bot"] == [
        m["text"] for m in [*first, *topic]
    ]
    pressed = shown[len(first)]
    assert pressed["text"] == "Risks and scams"
    assert [m["buttons"] for m in shown if m["from"] == "bot"] == [
        m["buttons"] for m in [*first, *topic]
    ]
    assert [m["answerable"] for m in shown] == [False] * (len(first) + 1) + [True] * len(topic)
    assert data["case"] is None and data["case_open"] is False


def test_after_an_urgent_consent_the_case_survives_a_reload(served: Served) -> None:
    chat(served, "hist-2", text="/start", lang="en")
    emergency = chat(served, "hist-2", text="help they locked me in, I am in London")
    assert any("999" in m["text"] for m in emergency)
    consent = chat(served, "hist-2", payload="handoff:urgent")
    reference = next(
        word.strip(".")
        for m in consent
        for word in m["text"].split()
        if word.isupper() and len(word.strip(".")) == 8
    )
    data = history(served, "hist-2")
    assert data["case"] == {"reference": reference, "status": "open"}
    assert data["case_open"] is True and data["talking_to_volunteer"] is True
    texts = [m["text"] for m in data["messages"]]
    assert "help they locked me in, I am in London" in texts
    assert any("999" in t for t in texts) and any(reference in t for t in texts)
    rtl = chat(served, "hist-2", text="I am still in the house")
    assert history(served, "hist-2")["messages"][-len(rtl) - 1]["text"] == (
        "I am still in the house"
    )


def test_a_volunteer_reply_is_in_the_history_and_the_cursor_skips_it(served: Served) -> None:
    client, url = served
    chat(served, "hist-3", text="/start", lang="ar")

    async def enqueue() -> int:
        db = Database(url)
        try:
            return await enqueue_web_message(
                db, "hist-3", OutgoingMessage("مرحبًا، أنا متطوع.", language="ar")
            )
        finally:
            await db.dispose()

    message_id = asyncio.run(enqueue())
    data = history(served, "hist-3")
    last = data["messages"][-1]
    assert (last["from"], last["text"], last["dir"]) == ("volunteer", "مرحبًا، أنا متطوع.", "rtl")
    assert data["cursor"] == message_id
    later = client.get(f"/v1/chat/hist-3/messages?after={data['cursor']}").json()
    assert later["messages"] == []


def test_a_long_text_is_stored_whole_and_the_bot_asks_to_shorten(served: Served) -> None:
    text = "word " * 520
    replies = chat(served, "hist-4", text=text.strip(), lang="en")
    assert "2,000" in replies[-1]["text"]
    assert history(served, "hist-4")["messages"][0]["text"] == text.strip()


def test_delete_empties_the_history(served: Served) -> None:
    chat(served, "hist-5", text="/start", lang="en")
    chat(served, "hist-5", text="/delete")
    chat(served, "hist-5", payload="del:yes")
    assert history(served, "hist-5")["messages"] == []


@pytest.mark.parametrize("user_id", ["bad id", "x" * 65, "%00"])
def test_a_bad_user_id_is_422(served: Served, user_id: str) -> None:
    client, _ = served
    assert client.get(f"/v1/chat/{user_id}/history").status_code in (404, 422)
