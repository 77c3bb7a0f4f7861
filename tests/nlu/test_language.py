"""Language detection on short messages, scripts and romanized Nepali."""

from __future__ import annotations

import pytest

from nlu.model_store import TrainedModels

SHORT = [
    ("hi", "en"),
    ("thanks", "en"),
    ("visa for canada?", "en"),
    ("merci", "fr"),
    ("bonjour", "fr"),
    ("je veux partir", "fr"),
    ("gracias", "es"),
    ("hola", "es"),
    ("quiero trabajar", "es"),
    ("شكرا", "ar"),
    ("مرحبا", "ar"),
    ("نعم", "ar"),
    ("धन्यवाद", "ne"),
    ("नमस्ते", "ne"),
    ("हो", "ne"),
    ("dhanyabad", "ne"),
    ("k garne", "ne"),
    ("malai visa chahiyo", "ne"),
    ("sahayog garnus", "ne"),
    ("namaste dai", "ne"),
]


@pytest.mark.parametrize(("text", "expected"), SHORT)
def test_short_messages(models: TrainedModels, text: str, expected: str) -> None:
    assert models.language.detect(text).language == expected


def test_script_decides_arabic_and_devanagari_even_with_latin_words(
    models: TrainedModels,
) -> None:
    assert models.language.detect("ابغى visa لقطر").language == "ar"
    assert models.language.detect("मलाई Qatar को visa चाहियो").language == "ne"


def test_nothing_to_go_on_gives_english_with_no_confidence(models: TrainedModels) -> None:
    prediction = models.language.detect("123 ?? 👍")
    assert (prediction.language, prediction.confidence) == ("en", 0.0)


def test_confidence_is_a_probability(models: TrainedModels) -> None:
    for text, _ in SHORT:
        assert 0.0 <= models.language.detect(text).confidence <= 1.0
