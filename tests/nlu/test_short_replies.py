"""Short everyday replies are never emergencies; short cries for help always are."""

from __future__ import annotations

import pytest

from nlu.danger import DangerScore
from nlu.intent import IntentSettings, decide
from nlu.model_store import TrainedModels
from nlu.pipeline import BuiltinPipeline
from nlu.schema import EMERGENCY_INTENT, FALLBACK_INTENT
from nlu.training_data import load_training_data
from tests.nlu.conftest import read_fixture

REPLIES = read_fixture("short_replies.yml")


def _cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(lang, text) for lang, texts in table.items() for text in texts]


@pytest.mark.parametrize(("lang", "text"), _cases(REPLIES["benign"]))
def test_short_replies_are_not_emergencies(
    pipeline: BuiltinPipeline, lang: str, text: str
) -> None:
    analysis = pipeline.analyse_sync(text)
    assert analysis.intent != EMERGENCY_INTENT, (lang, analysis.ranking[:3])


@pytest.mark.parametrize(("lang", "text"), _cases(REPLIES["acknowledgements"]))
def test_bare_answers_are_out_of_scope(pipeline: BuiltinPipeline, lang: str, text: str) -> None:
    analysis = pipeline.analyse_sync(text)
    assert analysis.intent == FALLBACK_INTENT, (lang, analysis.ranking[:3])


def test_no_danger_phrase_fires_on_a_benign_reply(models: TrainedModels) -> None:
    fired = {
        text: models.danger.score(text).matches
        for _, text in _cases(REPLIES["benign"])
        if models.danger.score(text).weight > 0
    }
    assert fired == {}


def test_every_short_emergency_of_the_training_data_has_a_danger_phrase(
    models: TrainedModels,
) -> None:
    # Short messages need the lexicon (or a sure model) to be emergencies: a short cry the
    # data teaches must be in the lexicon too, so that no model retraining can lose it.
    limit = models.intent.settings.short_message_words
    missing = [
        example.text
        for example in load_training_data()
        if example.intent == EMERGENCY_INTENT
        and (danger := models.danger.score(example.text)).words is not None
        and danger.words <= limit
        and danger.weight <= 0
    ]
    assert missing == []


SETTINGS = IntentSettings(
    fallback_threshold=0.3,
    emergency_threshold=0.3,
    short_message_words=2,
    short_emergency_threshold=0.9,
)


def test_a_short_message_without_a_danger_phrase_is_not_an_alarm_on_a_weak_model() -> None:
    one_word = DangerScore(0.0, (), words=1)
    prediction = decide({"emergency": 0.6, "out_of_scope": 0.25}, one_word, SETTINGS)
    assert (prediction.intent, prediction.reason) == (FALLBACK_INTENT, "short")
    assert prediction.ranking[0] == ("emergency", 0.6)  # the scores are kept as they are
    runner_up = decide({"emergency": 0.5, "greet": 0.45}, one_word, SETTINGS)
    assert runner_up.intent == "greet"


def test_a_short_message_is_an_emergency_with_a_danger_phrase_or_a_sure_model() -> None:
    cue = DangerScore(0.1, ("help",), words=1)
    assert decide({"emergency": 0.6, "out_of_scope": 0.3}, cue, SETTINGS).intent == "emergency"
    sure = DangerScore(0.0, (), words=2)
    assert decide({"emergency": 0.95}, sure, SETTINGS).intent == "emergency"
    strong = DangerScore(1.0, ("sos",), words=1)
    assert decide({"greet": 0.99}, strong, SETTINGS).intent == "emergency"


def test_longer_or_unmeasured_messages_keep_the_emergency_bias() -> None:
    probabilities = {"visa_info": 0.6, "emergency": 0.35}
    three_words = DangerScore(0.0, (), words=3)
    assert decide(probabilities, three_words, SETTINGS).intent == "emergency"
    assert decide(probabilities, DangerScore(0.0, ()), SETTINGS).intent == "emergency"
