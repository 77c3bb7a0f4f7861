"""Every intent in every language, and emergencies never missed, on hand-written phrases."""

from __future__ import annotations

import pytest

from nlu.pipeline import BuiltinPipeline
from tests.nlu.conftest import read_fixture

PHRASES = read_fixture("phrases.yml")
DANGER = read_fixture("emergency.yml")
# Phrases the current training data does not cover yet (reported to the data writers); they
# stay here so that the gap is visible and the test turns green by itself once it is filled.
KNOWN_GAPS: set[str] = set()


def _cases(table: dict[str, dict[str, list[str]]]) -> list[tuple[str, str, str]]:
    return [
        (lang, intent, text)
        for lang, intents in table.items()
        for intent, texts in intents.items()
        for text in texts
    ]


@pytest.mark.parametrize(("lang", "intent", "text"), _cases(PHRASES))
def test_every_intent_in_every_language(
    pipeline: BuiltinPipeline, lang: str, intent: str, text: str
) -> None:
    if text in KNOWN_GAPS:
        pytest.xfail("not covered by nlu/data yet")
    analysis = pipeline.analyse_sync(text)
    assert (analysis.intent, analysis.language) == (intent, "ne" if lang == "ne_latn" else lang)


def test_fixture_covers_every_intent_in_every_language() -> None:
    from nlu import INTENTS

    for lang in ("en", "fr", "es", "ar", "ne", "ne_latn"):
        assert set(PHRASES[lang]) == set(INTENTS), lang


@pytest.mark.parametrize(
    ("lang", "text"),
    [(lang, text) for lang, texts in DANGER["emergency"].items() for text in texts],
)
def test_emergency_is_never_missed(pipeline: BuiltinPipeline, lang: str, text: str) -> None:
    analysis = pipeline.analyse_sync(text)
    assert analysis.intent == "emergency", (lang, analysis.ranking[:3])
    assert analysis.ranking[0][0] == "emergency"


@pytest.mark.parametrize(
    ("lang", "text"),
    [(lang, text) for lang, texts in DANGER["protection_risk"].items() for text in texts],
)
def test_risk_questions_are_not_emergencies(
    pipeline: BuiltinPipeline, lang: str, text: str
) -> None:
    assert pipeline.analyse_sync(text).intent == "protection_risk"


def test_emergency_survives_a_given_language(pipeline: BuiltinPipeline) -> None:
    # A stored language choice changes the language, never the safety decision.
    analysis = pipeline.analyse_sync("they locked me in, help", lang="ne")
    assert analysis.language == "ne"
    assert analysis.intent == "emergency"


def test_low_confidence_falls_back_to_out_of_scope_keeping_the_ranking(
    pipeline: BuiltinPipeline,
) -> None:
    from nlu.intent import IntentSettings, decide

    spread = {name: 1 / 12 for name in ("greet", "visa_info", "sponsorship")}
    prediction = decide(spread, settings=IntentSettings(fallback_threshold=0.3))
    assert prediction.intent == "out_of_scope"
    assert prediction.reason == "fallback"
    assert len(prediction.ranking) == 12
    assert prediction.ranking[0][1] == pytest.approx(1 / 12)


def test_emergency_threshold_wins_over_a_higher_intent() -> None:
    from nlu.intent import IntentSettings, decide

    prediction = decide(
        {"visa_info": 0.6, "emergency": 0.35}, settings=IntentSettings(emergency_threshold=0.3)
    )
    assert prediction.intent == "emergency"
    assert prediction.ranking[0] == ("emergency", 0.35)


def test_danger_lexicon_alone_makes_an_emergency(pipeline: BuiltinPipeline) -> None:
    from nlu.intent import decide

    danger = pipeline.models.danger.score("ils m'ont enfermée")
    assert danger.certain
    assert decide({"greet": 0.99, "emergency": 0.0}, danger).intent == "emergency"


def test_negative_phrases_never_lower_the_model_emergency_score(
    pipeline: BuiltinPipeline,
) -> None:
    danger = pipeline.models.danger.score("what if the police report is wrong")
    assert danger.weight == 0.0
