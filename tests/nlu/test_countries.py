"""Country extraction across scripts, with offsets into the original text."""

from __future__ import annotations

import unicodedata

import pytest

from nlu.model_store import TrainedModels

CASES = [
    # Latin: CLDR names in several languages, cities, short forms, no accents
    ("I want to work in Dubai or Doha", [("AE", "Dubai"), ("QA", "Doha")]),
    ("visa for the UK and the US?", [("GB", "the UK"), ("US", "US")]),
    ("jobs in KSA, Riyadh or Jeddah", [("SA", "KSA"), ("SA", "Riyadh"), ("SA", "Jeddah")]),
    ("moving to the States next year", [("US", "the States")]),
    ("quel visa pour l'Allemagne ou les Etats Unis", [("DE", "Allemagne"), ("US", "Etats Unis")]),
    ("trabajar en EE. UU. o en Arabia Saudita", [("US", "EE. UU"), ("SA", "Arabia Saudita")]),
    ("je vais à Montréal", [("CA", "Montréal")]),
    ("mi familia está en Quito", [("EC", "Quito")]),
    ("from Nepal to South Korea", [("NP", "Nepal"), ("KR", "South Korea")]),
    ("Türkiye or Turkey", [("TR", "Türkiye"), ("TR", "Turkey")]),
    # Romanized Nepali: spellings and case suffixes
    ("malai qatarma kaam garna jana man cha", [("QA", "qatar")]),
    ("saudi jane ki malaysia", [("SA", "saudi"), ("MY", "malaysia")]),
    ("japan ko visa kasari", [("JP", "japan")]),
    # Arabic: with and without ال, with clitics in front
    ("أريد العمل في السعودية", [("SA", "السعودية")]),
    ("تأشيرة لقطر وللإمارات", [("QA", "قطر"), ("AE", "إمارات")]),
    ("بدي روح عاليابان", [("JP", "اليابان")]),
    ("واليابان", [("JP", "اليابان")]),
    ("الوكيل في دبي", [("AE", "دبي")]),
    ("المملكة العربية السعودية", [("SA", "المملكة العربية السعودية")]),
    ("مسافر إلى عمّان", [("JO", "عمّان")]),
    # Devanagari: nukta, case suffixes, spelling variants
    ("क़तारमा जान", [("QA", "क़तार")]),
    ("कतार जाने भिसा", [("QA", "कतार")]),
    ("अष्ट्रेलियामा काम", [("AU", "अष्ट्रेलिया")]),
    ("साउदी अरबमा", [("SA", "साउदी अरब")]),
    ("बेलायत र अमेरिका", [("GB", "बेलायत"), ("US", "अमेरिका")]),
    ("नेदरल्याण्डमा", [("NL", "नेदरल्याण्ड")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_countries_and_offsets(
    models: TrainedModels, text: str, expected: list[tuple[str, str]]
) -> None:
    mentions = models.countries.extract(text)
    assert [(m.code, m.text) for m in mentions] == expected
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "help us please",  # "us" the pronoun
        "on n'a plus d'eau",  # "eau" is water, not EAU (UAE)
        "el patrón me quitó el pasaporte",  # "quitó", not Quito
        "Quitó mi pasaporte ayer",  # capitalised at the start of a sentence
        "ME QUITÓ EL PASAPORTE",
        unicodedata.normalize("NFD", "Quitó el pasaporte"),  # accent as a combining mark
        "me quito el pasaporte",  # typed without the accent
        "ممكن تكلمني بالنيبالي",  # the Nepali language, not Nepal
        "family reunion visa",  # not Réunion
        "ضمان مالي",  # "financial", not Mali
        "latin america jobs",
        "",
    ],
)
def test_no_false_friends(models: TrainedModels, text: str) -> None:
    assert models.countries.extract(text) == ()


def test_every_annotated_country_in_the_training_data_is_found(models: TrainedModels) -> None:
    from nlu.training_data import load_training_data

    missed = []
    for example in load_training_data():
        found = {m.code for m in models.countries.extract(example.text)}
        missed += [
            (example.text, e.value)
            for e in example.entities
            if e.entity == "country" and e.value not in found
        ]
    assert len(missed) <= 3, missed[:10]
