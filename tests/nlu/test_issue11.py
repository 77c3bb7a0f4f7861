"""Issue 11 by concept: danger without danger words, risk questions that look like danger,
dialects and registers, and FAQ retrieval across scripts, in every language."""

from __future__ import annotations

import pytest

from nlu import FaqDocument
from nlu.model_store import TrainedModels
from nlu.pipeline import BuiltinPipeline
from tests.nlu.conftest import read_fixture

CONCEPTS = read_fixture("issue11.yml")


def _cases() -> list[tuple[str, str, str, str]]:
    return [
        (concept, table["intent"], lang, text)
        for concept, table in CONCEPTS.items()
        for lang, texts in table["texts"].items()
        for text in texts
    ]


@pytest.mark.parametrize(("concept", "intent", "lang", "text"), _cases())
def test_concept(
    pipeline: BuiltinPipeline, concept: str, intent: str, lang: str, text: str
) -> None:
    analysis = pipeline.analyse_sync(text)
    assert analysis.intent == intent, (concept, lang, analysis.ranking[:3])


@pytest.mark.parametrize(
    "text",
    [
        "i am in manchester, in a house, i still have my phone",
        "je suis a lyon, chez moi, j'ai toujours mon telephone",
        "estoy en mi casa en madrid, todavia tengo mi telefono",
    ],
)
def test_being_somewhere_safe_is_not_an_emergency(pipeline: BuiltinPipeline, text: str) -> None:
    assert pipeline.analyse_sync(text).intent != "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "they keep my passport and lock me in, i still have my phone",
        "ils gardent mon passeport et m'enferment, j'ai toujours mon telephone",
        "the boss pays me but he locked us in the room and took our phones",
    ],
)
def test_strong_danger_outweighs_a_freedom_cue(pipeline: BuiltinPipeline, text: str) -> None:
    assert pipeline.analyse_sync(text).intent == "emergency"


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("i can go out and they pay me", True),
        ("i can't go out", False),
        ("no puedo salir", False),
        ("puedo salir cuando quiero", True),
        ("ما بطلع من البيت", False),
        ("بطلع براحتي", True),
    ],
)
def test_freedom_cues_respect_negation(models: TrainedModels, text: str, free: bool) -> None:
    assert (models.danger.score(text).freedom > 0) is free


def _docs() -> list[FaqDocument]:
    """Two look-alike knowledge-base entries, written in their own scripts only."""
    return [
        FaqDocument(
            id="fees",
            topic="protection_risk",
            texts={
                "en": ("should i pay a recruitment fee", "agent asks money for a job abroad"),
                "ne": ("एजेन्टले कामको लागि पैसा माग्यो", "भर्ती शुल्क तिर्नुपर्छ?"),
                "ar": ("هل ادفع رسوم توظيف", "الوكيل يطلب مال مقابل العمل"),
            },
        ),
        FaqDocument(
            id="germany-visa",
            topic="visa_info",
            countries=frozenset({"DE"}),
            texts={
                "en": ("how do i get a work visa for germany", "germany skilled worker visa"),
                "ne": ("जर्मनीको भिसा कसरी पाउने", "जर्मनीमा काम गर्न भिसा"),
                "ar": ("كيف احصل على تأشيرة عمل في المانيا", "فيزا المانيا"),
            },
        ),
        FaqDocument(
            id="send-money",
            topic="pre_departure",
            texts={
                "en": ("how do i send money home safely", "cheapest way to send money to family"),
                "ne": ("घरमा पैसा कसरी पठाउने", "रेमिट्यान्स पठाउने तरिका"),
                "ar": ("كيف ارسل المال الى عائلتي", "تحويل المال للاهل"),
            },
        ),
    ]


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("the agency wants a fee for a job in germany, should i pay", "fees"),
        ("agent le germany ko kaam ko lagi paisa magyo", "fees"),
        ("ghar ma paisa kasari pathaune", "send-money"),
        ("كيفاش نصيفط الفلوس لعائلتي", "send-money"),
    ],
)
def test_faq_across_scripts_and_country_names(
    models: TrainedModels, text: str, entry: str
) -> None:
    pipeline = BuiltinPipeline(models, _docs())
    assert pipeline.analyse_sync(text).faq_candidates[0].id == entry


def _family_docs() -> list[FaqDocument]:
    """A refugees' follow-to-join entry and a citizens' family petition, as content has them."""
    return [
        FaqDocument(
            id="refugees-follow-to-join",
            topic="family_reunification",
            countries=frozenset({"US"}),
            texts={
                "en": ("i got asylum how do i bring my wife", "refugee in usa bring my children"),
                "es": (
                    "tengo asilo como traigo a mi esposa",
                    "soy refugiado quiero traer a mis hijos",
                ),
                "ne": ("अमेरिकामा शरण पाएँ श्रीमती कसरी बोलाउने", "शरणार्थीले छोराछोरी ल्याउन मिल्छ"),
            },
        ),
        FaqDocument(
            id="family-petition",
            topic="sponsorship",
            countries=frozenset({"US"}),
            texts={
                "en": ("which relatives in the usa can sponsor me", "my brother is a citizen"),
                "es": ("que familiares en usa pueden pedirme", "mi hermano es ciudadano"),
                "ne": ("अमेरिकाका कुन आफन्तले स्पोन्सर गर्न सक्छन्", "दाइ अमेरिकी नागरिक हो"),
            },
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "i am a us citizen and want to bring my wife",
        "soy ciudadano de estados unidos y quiero traer a mi esposa",
        "म अमेरिकी नागरिक हुँ, श्रीमतीलाई ल्याउन चाहन्छु",
    ],
)
def test_a_citizen_is_not_sent_to_the_refugees_entry(models: TrainedModels, text: str) -> None:
    pipeline = BuiltinPipeline(models, _family_docs())
    assert pipeline.analyse_sync(text).faq_candidates[0].id == "family-petition"


@pytest.mark.parametrize(
    "text",
    [
        "how do i get a student visa for the usa",
        "visa etudiant pour les etats-unis",
        "visa de estudiante para estados unidos",
    ],
)
def test_a_status_no_entry_covers_is_not_answered(models: TrainedModels, text: str) -> None:
    assert BuiltinPipeline(models, _family_docs()).analyse_sync(text).faq is None
