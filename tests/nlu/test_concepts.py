"""Danger now against questions about a risk, concept by concept, in every language."""

from __future__ import annotations

import pytest

from nlu.model_store import TrainedModels
from nlu.pipeline import BuiltinPipeline
from tests.nlu.conftest import read_fixture

CONCEPTS = read_fixture("concepts.yml")
LANGS = ("en", "fr", "es", "ar", "ne", "ne_latn")


def _cases() -> list[tuple[str, str, str]]:
    return [
        (intent, lang, text)
        for intent, table in CONCEPTS.items()
        for lang, texts in table.items()
        for text in texts
    ]


@pytest.mark.parametrize(("intent", "lang", "text"), _cases())
def test_concept_is_understood(
    pipeline: BuiltinPipeline, intent: str, lang: str, text: str
) -> None:
    analysis = pipeline.analyse_sync(text)
    assert analysis.intent == intent, (lang, analysis.ranking[:3])


def test_every_concept_is_covered_in_every_language() -> None:
    for intent, table in CONCEPTS.items():
        assert set(table) == set(LANGS), intent


@pytest.mark.parametrize(
    "text",
    [
        "رفيقتي هون عم تنزف، المعلم ضربها",
        "صاحبتي بتنزف والمدير ضربها",
        "صاحبي كينزف دابا، الباطرون ضربو",
        "زميلي مغمى عليه",
        "ضربوني وحبسوني في الغرفة",
        "ما اكلنا من يومين",
        "on a pas mange depuis 2 jours, pas de travail pas de manger",
        "nou pa manje depi 3 jou",
        "llevamos 3 dias sin comer",
        "my friend is with me and he is bleeding, they beat him",
        "दुई दिनदेखि भोकै छौं",
        "3 din dekhi bhokai chau",
    ],
)
def test_the_lexicon_alone_flags_danger_now(models: TrainedModels, text: str) -> None:
    assert models.danger.score(text).certain, models.danger.score(text)


@pytest.mark.parametrize(
    "text",
    [
        "is it dangerous to cross the sea from libya",
        "what happens if my employer keeps my passport",
        "est ce dangereux de traverser la mer",
        "c est sur de travailler pour l armee en russie ?",
        "es peligroso cruzar por el mar",
        "es seguro el trabajo en el ejercito ruso",
        "هل طريق البحر خطير",
        "रुसको सेनामा जान सुरक्षित छ?",
        "russia ko sena ma jana safe cha?",
        "ابني عمره ٢٠ سنة هل يقدر يلحقني",
    ],
)
def test_the_lexicon_does_not_fire_on_risk_questions(models: TrainedModels, text: str) -> None:
    assert models.danger.score(text).weight < 0.3, models.danger.score(text)
