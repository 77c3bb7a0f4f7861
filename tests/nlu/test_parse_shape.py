"""The parse result has exactly the DESIGN.md (Rasa) shape."""

from __future__ import annotations

import json

import pytest

from nlu import INTENTS, LANGUAGES, InvalidInputError
from nlu.pipeline import BuiltinPipeline


def test_parse_shape(pipeline: BuiltinPipeline) -> None:
    text = "quel visa pour travailler au Canada"
    result = pipeline.parse(text)
    assert set(result) == {"text", "language", "intent", "intent_ranking", "entities", "faq"}
    assert result["text"] == text
    assert result["language"] == "fr"
    assert set(result["intent"]) == {"name", "confidence"}
    assert result["intent"]["name"] == "visa_info"
    ranking = result["intent_ranking"]
    assert [r["name"] for r in ranking] and sorted(r["name"] for r in ranking) == sorted(INTENTS)
    assert [r["confidence"] for r in ranking] == sorted(
        (r["confidence"] for r in ranking), reverse=True
    )
    assert ranking[0] == result["intent"]
    assert result["entities"] == [
        {
            "entity": "country",
            "value": "CA",
            "start": 29,
            "end": 35,
            "extractor": "PathwaysCountryExtractor",
        }
    ]
    assert text[29:35] == "Canada"
    json.dumps(result)  # plain JSON all the way down


async def test_async_analyse_matches_parse(pipeline: BuiltinPipeline) -> None:
    analysis = await pipeline.analyse("hola")
    assert analysis.to_rasa() == pipeline.parse("hola")
    assert analysis.language in LANGUAGES


def test_given_language_overrides_detection(pipeline: BuiltinPipeline) -> None:
    assert pipeline.parse("hello", lang="ar")["language"] == "ar"


def test_empty_text_is_out_of_scope(pipeline: BuiltinPipeline) -> None:
    result = pipeline.parse("   ")
    assert result["intent"]["name"] == "out_of_scope"
    assert result["entities"] == []


def test_bad_input_is_rejected(pipeline: BuiltinPipeline) -> None:
    with pytest.raises(InvalidInputError):
        pipeline.parse("hello", lang="de")
    with pytest.raises(InvalidInputError):
        pipeline.parse(None)  # type: ignore[arg-type]


def test_offsets_survive_odd_unicode(pipeline: BuiltinPipeline) -> None:
    text = "ﬁne, İ want Straße jobs in Düsseldorf, Deutschland 🇩🇪 and Qatar"
    entities = pipeline.parse(text)["entities"]
    assert [(e["value"], text[e["start"] : e["end"]]) for e in entities] == [
        ("DE", "Deutschland"),
        ("QA", "Qatar"),
    ]
