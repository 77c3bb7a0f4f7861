"""A lone surrogate anywhere in a JSON body gets a clear 4xx on every route, never a 500."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from tests.conftest import CONTENT_DIR
from tests.utils.server import serve_in_thread

# Raw bodies: "\ud800" is valid JSON (an escape) but not Unicode, so it cannot be written back.
BODIES = [
    rb'{"user_id": "u1", "text": "\ud800"}',
    rb'{"user_id": "\ud800", "text": "hello"}',
    rb'{"user_id": "u1", "text": "hello", "\ud800": 1}',
    rb'{"user_id": "u1", "text": "hello", "lang": "\ud800"}',
    rb'{"\ud800": "\udfff"}',
    rb'"\ud800"',
    rb'["\ud800", {"\udc00": null}]',
]
ROUTES = ["/v1/chat", "/v1/nlu/parse", "/v1/volunteers/register", "/v1/auth/session"]


@pytest.fixture(scope="module")
def client(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """One server on a fresh SQLite database for the whole module."""
    target = tmp_path_factory.mktemp("surrogates") / "pathways.db"
    shutil.copy(sqlite_template, target)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{target}",
        content_dir=CONTENT_DIR,
        telegram_bot_token=None,
        whatsapp_access_token=None,
        redis_url=None,
    )
    with (
        serve_in_thread(create_app(settings)) as base,
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        yield http


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("body", BODIES)
def test_a_lone_surrogate_never_makes_a_500(client: httpx.Client, route: str, body: bytes) -> None:
    response = client.post(route, content=body, headers={"content-type": "application/json"})
    assert response.status_code < 500, response.text
    assert "detail" in response.json() or response.status_code == 200


def test_the_error_shows_the_input_with_a_replacement_character(client: httpx.Client) -> None:
    response = client.post(
        "/v1/nlu/parse", content=rb'{"\ud800": "x"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert any(p.get("input") == {"\ufffd": "x"} for p in problems), problems


@pytest.mark.parametrize("route", ["/v1/volunteers/register", "/v1/auth/session"])
def test_a_handoff_route_rejects_it_with_a_422(client: httpx.Client, route: str) -> None:
    response = client.post(
        route,
        content=rb'{"name": "\ud800", "\udfff": 1}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422, response.text
