"""`POST /v1/nlu/parse` over real HTTP and the `pathways nlu` commands."""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from api.commands import nlu as nlu_command
from api.routes import nlu as nlu_route
from nlu.pipeline import BuiltinPipeline
from tests.utils.server import serve_in_thread


@pytest.fixture(scope="module")
def base_url(pipeline: BuiltinPipeline) -> Iterator[str]:
    app = FastAPI()
    app.include_router(nlu_route.router)
    app.state.nlu = pipeline
    with serve_in_thread(app) as base:
        yield base


async def test_parse_over_http(base_url: str, pipeline: BuiltinPipeline) -> None:
    async with httpx.AsyncClient(base_url=base_url) as client:
        response = await client.post("/v1/nlu/parse", json={"text": "visa pour le Canada"})
        given = await client.post("/v1/nlu/parse", json={"text": "hello", "lang": "ne"})
    assert response.status_code == 200
    assert response.json() == pipeline.parse("visa pour le Canada")
    assert given.json()["language"] == "ne"


@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": "x" * 2001},
        {"text": "hello", "lang": "de"},
        {"lang": "en"},
        {"text": 42},
        {"text": None},
        {"text": "x" * 2001 + "\ud800"},
        {"text": "hi", "lang": "\ud800"},
        [],
        "\ud800",
    ],
)
async def test_bad_input_is_422(base_url: str, body: object) -> None:
    async with httpx.AsyncClient(base_url=base_url) as client:
        response = await client.post(
            "/v1/nlu/parse",
            content=json.dumps(body).encode(),  # ASCII escapes, so lone surrogates get through
            headers={"content-type": "application/json"},
        )
    assert response.status_code == 422
    assert response.json()["detail"]


async def test_not_json_is_422_and_lone_surrogates_are_replaced(base_url: str) -> None:
    async with httpx.AsyncClient(base_url=base_url) as client:
        broken = await client.post(
            "/v1/nlu/parse", content=b"{not json", headers={"content-type": "application/json"}
        )
        surrogate = await client.post(
            "/v1/nlu/parse",
            content=b'{"text": "hi \\ud800"}',
            headers={"content-type": "application/json"},
        )
    assert broken.status_code == 422
    assert surrogate.status_code == 200
    assert surrogate.json()["text"] == "hi \ufffd"


async def test_no_pipeline_yet_is_503() -> None:
    app = FastAPI()
    app.include_router(nlu_route.router)
    with serve_in_thread(app) as base:
        async with httpx.AsyncClient(base_url=base) as client:
            response = await client.post("/v1/nlu/parse", json={"text": "hi"})
    assert response.status_code == 503


def _run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    parser = argparse.ArgumentParser()
    nlu_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return int(args.func(args))


def test_cli_parse_lines_and_jsonl(
    model_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = ["--cache-dir", str(model_cache)]
    assert _run(["nlu", "parse", *cache], "hello\nvisa for Qatar\n", monkeypatch) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["intent"]["name"] for line in lines] == ["greet", "visa_info"]
    assert lines[1]["entities"][0]["value"] == "QA"

    jsonl = '{"text": "bonjour", "lang": "es"}\nnot json\n{"text": "merci"}\n'
    assert _run(["nlu", "parse", "--jsonl", *cache], jsonl, monkeypatch) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["language"] == "es"
    assert "error" in lines[1]
    assert lines[2]["intent"]["name"] == "thanks"


def test_cli_eval(
    tmp_path: Path,
    model_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(
        '{"text": "hello", "lang": "en", "intent": "greet"}\n'
        '{"text": "gracias", "lang": "es", "intent": "thanks"}\n',
        encoding="utf-8",
    )
    cache = ["--cache-dir", str(model_cache)]
    assert _run(["nlu", "eval", str(rows), *cache], "", monkeypatch) == 0
    assert "intent accuracy          1.000 (2/2)" in capsys.readouterr().out
    assert _run(["nlu", "eval", str(rows), "--json", *cache], "", monkeypatch) == 0
    assert json.loads(capsys.readouterr().out)["intent"]["value"] == 1.0
    rows.write_text('{"text": "hello", "lang": "en", "intent": "thanks"}\n', encoding="utf-8")
    assert _run(["nlu", "eval", str(rows), "--min-accuracy", "0.9", *cache], "", monkeypatch) == 1
