"""Probes tell the orchestrator the truth, and the server seeds itself on first start."""

from __future__ import annotations

import httpx

from api.app import create_app
from tests.utils.server import serve_in_thread


async def test_healthz_and_readyz_on_first_start(database_url: str, make_settings) -> None:  # type: ignore[no-untyped-def]
    app = create_app(make_settings(database_url))
    with serve_in_thread(app) as base:
        async with httpx.AsyncClient(base_url=base) as client:
            assert (await client.get("/healthz")).json() == {"status": "ok"}
            ready = await client.get("/readyz")
            assert ready.status_code == 200
            body = ready.json()
            assert body["database"] is True and body["content"] is True
            assert body["entries"] >= 40


async def test_readyz_is_503_without_content(sqlite_url: str, make_settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty-content"
    (empty / "faq").mkdir(parents=True)
    app = create_app(make_settings(sqlite_url, content_dir=empty))
    with serve_in_thread(app) as base:
        async with httpx.AsyncClient(base_url=base) as client:
            ready = await client.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["content"] is False


async def test_oversized_body_is_413(sqlite_url: str, make_settings) -> None:  # type: ignore[no-untyped-def]
    app = create_app(make_settings(sqlite_url, max_body_bytes=1000))
    with serve_in_thread(app) as base:
        async with httpx.AsyncClient(base_url=base) as client:
            response = await client.post("/v1/nlu/parse", content=b"{" + b" " * 5000 + b"}")
            assert response.status_code == 413
