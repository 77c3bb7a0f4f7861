"""NLU_BACKEND=rasa against a stand-in Rasa server on 127.0.0.1 (real HTTP)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse

from nlu import RasaPipeline
from nlu.pipeline import BuiltinPipeline
from tests.utils.server import free_port, serve_in_thread

ANSWERS: dict[str, Any] = {
    "visa for Canada": {
        "intent": {"name": "visa_info", "confidence": 0.91},
        "intent_ranking": [
            {"name": "visa_info", "confidence": 0.91},
            {"name": "pre_departure", "confidence": 0.06},
            {"name": "greet", "confidence": 0.03},
        ],
        "entities": [],
    },
    "hmm": {
        "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.3},
            {"name": "greet", "confidence": 0.2},
        ],
    },
    # Rasa gets this one wrong; the danger lexicon must still catch it.
    "they locked me in the room": {
        "intent": {"name": "greet", "confidence": 0.8},
        "intent_ranking": [{"name": "greet", "confidence": 0.8}],
    },
}


def fake_rasa() -> FastAPI:
    app = FastAPI()

    @app.post("/model/parse", response_model=None)
    async def parse(request: Request) -> Any:
        text = (await request.json())["text"]
        if text == "boom":
            return PlainTextResponse("error", status_code=500)
        if text == "garbage":
            return PlainTextResponse("<html>not json</html>")
        return {"text": text, **ANSWERS[text]}

    return app


@pytest.fixture(scope="module")
def rasa_url() -> Iterator[str]:
    with serve_in_thread(fake_rasa()) as base:
        yield base


async def test_intent_from_rasa_the_rest_local(pipeline: BuiltinPipeline, rasa_url: str) -> None:
    rasa = RasaPipeline(rasa_url + "/", pipeline)
    try:
        analysis = await rasa.analyse("visa for Canada")
        fallback = await rasa.analyse("hmm")
        danger = await rasa.analyse("they locked me in the room")
    finally:
        await rasa.aclose()
    result = analysis.to_rasa()
    assert result["intent"] == {"name": "visa_info", "confidence": 0.91}
    assert len(result["intent_ranking"]) == 12
    assert result["language"] == "en"
    assert [e["value"] for e in result["entities"]] == ["CA"]
    assert fallback.intent == "out_of_scope"
    assert danger.intent == "emergency"


async def test_server_errors_fall_back_to_the_builtin_model(
    pipeline: BuiltinPipeline, rasa_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    rasa = RasaPipeline(rasa_url, pipeline)
    try:
        with caplog.at_level(logging.WARNING, logger="nlu.rasa_backend"):
            boom = await rasa.analyse("boom")
            garbage = await rasa.analyse("garbage")
    finally:
        await rasa.aclose()
    assert boom == await pipeline.analyse("boom")
    assert garbage == await pipeline.analyse("garbage")
    warnings = " ".join(r.getMessage() for r in caplog.records)
    assert "500" in warnings
    assert "not JSON" in warnings


async def test_unreachable_server_still_understands_a_person_in_danger(
    pipeline: BuiltinPipeline, caplog: pytest.LogCaptureFixture
) -> None:
    rasa = RasaPipeline(f"http://127.0.0.1:{free_port()}", pipeline, timeout=2.0)
    try:
        with caplog.at_level(logging.WARNING, logger="nlu.rasa_backend"):
            visa = await rasa.analyse("visa for Canada")
            danger = await rasa.analyse("they locked me in the room")
    finally:
        await rasa.aclose()
    assert visa.intent == "visa_info"
    assert danger.intent == "emergency"
    assert "unreachable" in " ".join(r.getMessage() for r in caplog.records)
