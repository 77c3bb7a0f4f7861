"""The web chat API and page, over a real server: good input, bad input, never a 500."""

from __future__ import annotations

import asyncio
import json
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
from bot.messages import Button, OutgoingMessage
from tests.conftest import CONTENT_DIR
from tests.utils.server import serve_in_thread

Served = tuple[httpx.Client, str]


@pytest.fixture(scope="module")
def served(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server on a fresh SQLite database for the whole module."""
    target = tmp_path_factory.mktemp("chat-api") / "pathways.db"
    shutil.copy(sqlite_template, target)
    url = f"sqlite+aiosqlite:///{target}"
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=url,
        content_dir=CONTENT_DIR,
        telegram_bot_token=None,
        whatsapp_access_token=None,
        redis_url=None,
    )
    with (
        serve_in_thread(create_app(settings)) as base,
        httpx.Client(base_url=base, timeout=30) as client,
    ):
        yield client, url


def post(served: Served, body: Any) -> httpx.Response:
    client, _ = served
    return client.post("/v1/chat", json=body)


def raw(served: Served, content: bytes) -> httpx.Response:
    client, _ = served
    return client.post("/v1/chat", content=content, headers={"content-type": "application/json"})


def test_first_contact_and_a_button(served: Served) -> None:
    response = post(served, {"user_id": "api-1", "text": "/start", "lang": "fr-FR"})
    assert response.status_code == 200
    welcome, _menu = response.json()["messages"]
    assert set(welcome) == {"text", "buttons", "link", "lang", "dir"}
    assert welcome["lang"] == "fr" and welcome["dir"] == "ltr"
    assert {"title": "✓ Français", "payload": "lang:fr"} in welcome["buttons"]
    response = post(served, {"user_id": "api-1", "payload": "lang:ar"})
    assert response.status_code == 200
    messages = response.json()["messages"]
    assert all(m["lang"] == "ar" and m["dir"] == "rtl" for m in messages)


def test_an_answer_carries_its_source_link(served: Served) -> None:
    post(served, {"user_id": "api-2", "text": "/start", "lang": "en"})
    messages = post(served, {"user_id": "api-2", "text": "what documents should I carry"})
    answer = messages.json()["messages"][0]
    assert answer["link"].startswith("https://")
    assert answer["link"] in answer["text"]


@pytest.mark.parametrize(
    ("content", "status"),
    [
        (b"{not json", 400),
        (b"", 400),
        (b"\xff\xfe{}", 400),
        (b"[1, 2]", 400),
        (b'"just a string"', 400),
        (b"{}", 422),
        (b'{"user_id": "a b", "text": "hi"}', 422),
        (b'{"user_id": "", "text": "hi"}', 422),
        (b'{"user_id": "' + b"x" * 65 + b'", "text": "hi"}', 422),
        (b'{"user_id": "\\ud800", "text": "hi"}', 422),
        (b'{"user_id": "ok"}', 422),
        (b'{"user_id": "ok", "text": "hi", "payload": "cmd:menu"}', 422),
        (b'{"user_id": "ok", "text": ""}', 422),
        (b'{"user_id": "ok", "text": "   "}', 422),
        (b'{"user_id": "ok", "text": 42}', 422),
        (b'{"user_id": "ok", "payload": "' + b"p" * 65 + b'"}', 422),
        (b'{"user_id": "ok", "text": "hi", "admin": true}', 422),
        (b'{"user_id": "ok", "text": "hi", "lang": "' + b"x" * 100 + b'"}', 422),
    ],
)
def test_bad_requests_are_4xx_with_a_clear_message(
    served: Served, content: bytes, status: int
) -> None:
    response = raw(served, content)
    assert response.status_code == status
    detail = response.json()["detail"]
    assert detail and "Traceback" not in json.dumps(detail)


def test_a_20000_character_text_gets_a_polite_reply_and_longer_is_refused(
    served: Served,
) -> None:
    response = post(served, {"user_id": "api-long", "text": "a" * 20_000, "lang": "es"})
    assert response.status_code == 200
    (reply,) = response.json()["messages"]
    assert "2.000" in reply["text"]
    assert post(served, {"user_id": "api-long", "text": "a" * 20_001}).status_code == 422


def test_a_body_over_the_size_limit_is_413(served: Served) -> None:
    response = post(served, {"user_id": "api-big", "text": "ब" * 30_000})
    assert response.status_code == 413


@pytest.mark.parametrize(
    "body",
    [
        {"text": "\x00"},
        {"text": "\x00visa\x00"},
        {"text": "\u202e\u2066 visa"},
        {"text": "🇳🇵🙏🏽 visa?"},
        {"text": "/unknown-command"},
        {"text": "/"},
        {"payload": "faq:does-not-exist"},
        {"payload": "del:yes"},
        {"payload": "\u202e"},
        {"payload": "lang:zz"},
        {"text": "hi", "lang": "zz-ZZ"},
    ],
)
def test_odd_input_gets_a_polite_reply(served: Served, body: dict[str, str]) -> None:
    response = post(served, {"user_id": "api-odd", **body})
    assert response.status_code == 200, response.text
    assert response.json()["messages"]


def test_a_lone_surrogate_in_text_gets_a_reply(served: Served) -> None:
    response = raw(served, b'{"user_id": "api-sur", "text": "visa \\ud800 canada"}')
    assert response.status_code == 200
    assert response.json()["messages"]


def test_later_messages_are_polled_with_a_cursor(served: Served) -> None:
    client, url = served

    async def enqueue() -> None:
        db = Database(url)
        try:
            await enqueue_web_message(
                db,
                "api-poll",
                OutgoingMessage("رد المتطوع", (Button("حسنًا", "cmd:menu"),), language="ar"),
            )
        finally:
            await db.dispose()

    first = client.get("/v1/chat/api-poll/messages")
    assert first.status_code == 200
    assert first.json() == {"messages": [], "cursor": 0}
    asyncio.run(enqueue())
    body = client.get("/v1/chat/api-poll/messages", params={"after": 0}).json()
    (message,) = body["messages"]
    assert message["text"] == "رد المتطوع" and message["dir"] == "rtl"
    assert message["buttons"] == [{"title": "حسنًا", "payload": "cmd:menu"}]
    again = client.get("/v1/chat/api-poll/messages", params={"after": body["cursor"]}).json()
    assert again == {"messages": [], "cursor": body["cursor"]}


@pytest.mark.parametrize(
    "path",
    [
        "/v1/chat/a%20b/messages",
        "/v1/chat/ok/messages?after=-1",
        "/v1/chat/ok/messages?after=abc",
        f"/v1/chat/{'x' * 65}/messages",
    ],
)
def test_bad_polls_are_422(served: Served, path: str) -> None:
    client, _ = served
    assert client.get(path).status_code == 422


def test_the_page_follows_the_browser_language(served: Served) -> None:
    client, _ = served
    page = client.get("/chat", headers={"accept-language": "ar-SA,ar;q=0.9,en;q=0.5"})
    assert page.status_code == 200
    assert 'lang="ar" dir="rtl"' in page.text
    assert "إرسال" in page.text
    english = client.get("/chat")
    assert 'lang="en" dir="ltr"' in english.text and "Send" in english.text
    assert client.get("/chat/assets/chat.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/chat/assets/chat.css").status_code == 200
    assert client.get("/chat/assets/secrets.txt").status_code == 404
