"""NLU_BACKEND=rasa against a real Rasa 3.6 server (`bash scripts/rasa_server.sh start`)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import PROJECT_ROOT
from bot.knowledge import load_knowledge
from nlu import LANGUAGES, FaqDocument, RasaPipeline
from nlu.model_store import TrainedModels
from nlu.pipeline import BuiltinPipeline
from tests.utils.server import free_port, serve_in_thread

pytestmark = pytest.mark.rasa

# Clear messages (not copied from nlu/data) that any sane model gets right.
CLEAR: dict[str, dict[str, str]] = {
    "en": {
        "emergency": "help me please, my boss locked me in the room and he is beating me",
        "visa_info": "how do I apply for a work visa for Canada?",
        "greet": "hello",
    },
    "fr": {
        "emergency": "au secours, mon patron m'enferme dans la maison et il me frappe",
        "visa_info": "comment demander un visa de travail pour le Canada ?",
        "greet": "bonjour",
    },
    "es": {
        "emergency": "ayuda por favor, mi jefe me tiene encerrada en la casa y me golpea",
        "visa_info": "¿cómo solicito una visa de trabajo para Canadá?",
        "greet": "hola",
    },
    "ar": {
        "emergency": "ساعدوني، صاحب العمل يحبسني في الغرفة ويضربني",
        "visa_info": "كيف أقدم على تأشيرة عمل إلى كندا؟",
        "greet": "مرحبا",
    },
    "ne": {
        "emergency": "मलाई बचाउनुहोस्, साहुले मलाई कोठामा थुनेर कुटिरहेको छ",
        "visa_info": "क्यानडाको कामको भिसाको लागि कसरी आवेदन दिने?",
        "greet": "नमस्ते",
    },
}
FAQ_ID = "family-reunification-canada"


def configured_url() -> str:
    """Return RASA_URL, else the URL scripts/rasa_server.sh serves on."""
    return os.environ.get("RASA_URL") or f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"


@pytest.fixture(scope="module")
def rasa_url() -> str:
    """The live Rasa server: a failure under CI=true when it does not answer, else a skip."""
    url = configured_url().rstrip("/")
    try:
        status = httpx.get(f"{url}/status", timeout=10).json()
        ready = isinstance(status, dict) and bool(status.get("model_file"))
    except (httpx.HTTPError, ValueError):
        ready = False
    if not ready:
        reason = f"no Rasa server with a model answers at {url}/status"
        hint = "start one with `bash scripts/rasa_server.sh start` (or set RASA_URL)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} and CI=true: {hint}")
        pytest.skip(f"{reason}: {hint}")
    return url


@pytest.fixture(scope="module")
def content_docs() -> list[FaqDocument]:
    """The published FAQ entries of content/, as the app indexes them."""
    return load_knowledge(PROJECT_ROOT / "content").faq_documents()


@pytest.fixture
async def rasa_pipeline(
    rasa_url: str, models: TrainedModels, content_docs: list[FaqDocument]
) -> AsyncIterator[RasaPipeline]:
    """The Rasa backend over the real content (its HTTP client lives in this test's loop)."""
    pipeline = RasaPipeline(rasa_url, BuiltinPipeline(models, content_docs), timeout=30.0)
    try:
        yield pipeline
    finally:
        await pipeline.aclose()


def faq_question(docs: list[FaqDocument], lang: str) -> str:
    """Return the first question of the FAQ entry used in these tests, in `lang`."""
    entry = next(doc for doc in docs if doc.id == FAQ_ID)
    return str(entry.texts[lang][0])


def assert_parse_shape(result: dict[str, Any], text: str) -> None:
    """Check the DESIGN.md parse shape (Rasa's /model/parse plus language)."""
    assert result["text"] == text
    assert result["language"] in LANGUAGES
    assert set(result["intent"]) == {"name", "confidence"}
    assert 0.0 <= result["intent"]["confidence"] <= 1.0
    ranking = result["intent_ranking"]
    assert len(ranking) == 12
    assert ranking[0] == result["intent"]
    for entity in result["entities"]:
        assert entity["entity"] == "country"
        assert text[entity["start"] : entity["end"]]
        assert {"value", "start", "end", "extractor"} <= set(entity)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_trained_model_itself_knows_clear_intents(rasa_url: str, lang: str) -> None:
    # Straight to Rasa, so that the local danger lexicon cannot help.
    async with httpx.AsyncClient(timeout=30) as client:
        for intent, text in CLEAR[lang].items():
            response = await client.post(f"{rasa_url}/model/parse", json={"text": text})
            assert response.status_code == 200
            answer = response.json()
            assert answer["intent"]["name"] == intent, (text, answer["intent"])
            names = {item["name"] for item in answer["intent_ranking"]}
            assert "emergency" in names, "the backend needs every intent's score"


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_backend_parses_each_language(rasa_pipeline: RasaPipeline, lang: str) -> None:
    emergency = (await rasa_pipeline.analyse(CLEAR[lang]["emergency"])).to_rasa()
    visa = (await rasa_pipeline.analyse(CLEAR[lang]["visa_info"])).to_rasa()
    greet = (await rasa_pipeline.analyse(CLEAR[lang]["greet"], lang=lang)).to_rasa()
    assert_parse_shape(emergency, CLEAR[lang]["emergency"])
    assert_parse_shape(visa, CLEAR[lang]["visa_info"])
    assert (emergency["language"], visa["language"], greet["language"]) == (lang, lang, lang)
    assert emergency["intent"]["name"] == "emergency"
    assert visa["intent"]["name"] == "visa_info"
    assert greet["intent"]["name"] == "greet"
    assert [e["value"] for e in visa["entities"]] == ["CA"]
    assert emergency["entities"] == []


async def test_confidence_comes_from_rasa(rasa_url: str, rasa_pipeline: RasaPipeline) -> None:
    text = CLEAR["fr"]["visa_info"]
    async with httpx.AsyncClient(timeout=30) as client:
        raw = (await client.post(f"{rasa_url}/model/parse", json={"text": text})).json()
    parsed = (await rasa_pipeline.analyse(text)).to_rasa()
    assert parsed["intent"] == {
        "name": raw["intent"]["name"],
        "confidence": round(raw["intent"]["confidence"], 4),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_backend_finds_the_faq(
    rasa_pipeline: RasaPipeline, content_docs: list[FaqDocument], lang: str
) -> None:
    question = faq_question(content_docs, lang)
    result = (await rasa_pipeline.analyse(question)).to_rasa()
    assert_parse_shape(result, question)
    assert result["language"] == lang
    assert result["intent"]["name"] == "family_reunification"
    assert "CA" in [e["value"] for e in result["entities"]]
    assert result["faq"]["id"] == FAQ_ID


async def test_http_parse_on_the_app_with_nlu_backend_rasa(
    rasa_url: str, sqlite_url: str, content_docs: list[FaqDocument], make_settings: Any
) -> None:
    app = create_app(make_settings(sqlite_url, nlu_backend="rasa", rasa_url=rasa_url))
    with serve_in_thread(app) as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            for lang in LANGUAGES:
                text = CLEAR[lang]["emergency"]
                response = await client.post("/v1/nlu/parse", json={"text": text})
                assert response.status_code == 200, response.text
                emergency = response.json()
                assert_parse_shape(emergency, text)
                assert (emergency["language"], emergency["intent"]["name"]) == (lang, "emergency")

                question = faq_question(content_docs, lang)
                body = {"text": question, "lang": lang}
                response = await client.post("/v1/nlu/parse", json=body)
                assert response.status_code == 200, response.text
                faq = response.json()
                assert faq["language"] == lang
                assert faq["intent"]["name"] == "family_reunification"
                assert faq["faq"]["id"] == FAQ_ID


async def test_a_dead_rasa_server_falls_back_to_the_builtin_model(
    sqlite_url: str, make_settings: Any
) -> None:
    # Runs without a Rasa server on purpose: nothing listens on this port.
    dead = f"http://127.0.0.1:{free_port()}"
    app = create_app(make_settings(sqlite_url, nlu_backend="rasa", rasa_url=dead))
    danger = "help, my boss locked me in the room and is beating me"
    with serve_in_thread(app) as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            parse = await client.post("/v1/nlu/parse", json={"text": "visa for Canada"})
            emergency = await client.post("/v1/nlu/parse", json={"text": danger})
            await client.post("/v1/chat", json={"user_id": "rasa-down", "text": "/start"})
            await client.post("/v1/chat", json={"user_id": "rasa-down", "payload": "lang:en"})
            chat = await client.post("/v1/chat", json={"user_id": "rasa-down", "text": danger})
            health = await client.get("/healthz")
    assert parse.status_code == 200, parse.text
    assert_parse_shape(parse.json(), "visa for Canada")
    assert parse.json()["intent"]["name"] == "visa_info"
    # A person in danger is understood even when Rasa is down.
    assert emergency.json()["intent"]["name"] == "emergency"
    assert chat.status_code == 200, chat.text
    first = chat.json()["messages"][0]["text"]
    assert "112" in first or "911" in first or "IOM" in first, first
    assert health.status_code == 200
