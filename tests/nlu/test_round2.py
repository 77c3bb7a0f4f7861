"""Issue 11, second round: topic-first fee questions, status matches, Arabizi detection."""

from __future__ import annotations

import pytest

from nlu.faq_index import FaqIndex, Glossary
from nlu.model_store import TrainedModels
from nlu.schema import FaqDocument

FEE = FaqDocument(
    id="fees",
    topic="protection_risk",
    countries=(),
    texts={
        "en": (
            "Should I pay a recruitment fee to get a job abroad?",
            "do i have to pay the agent to get a job",
            "agency took money for job abroad",
            "recruitment fee allowed?",
        )
    },
)
GERMAN_JOB = FaqDocument(
    id="germany-job",
    topic="sponsorship",
    countries=("DE",),
    texts={
        "en": (
            "A German employer wants to hire me, what is the approval?",
            "german company wants to hire me for a job",
            "do i need a job offer for germany",
        )
    },
)


def test_a_payment_and_an_agent_or_a_job_name_the_fee_topic() -> None:
    glossary = Glossary.load()
    assert glossary.topics("the agency wants 3000 dollars for a job in Germany") == {
        "recruitment_fee"
    }
    assert glossary.topics("el reclutador quiere que pague 2000 dólares") == {"recruitment_fee"}
    assert glossary.topics("what documents do I need for a work visa") == frozenset()


def test_a_fee_question_naming_a_country_reaches_the_fee_entry() -> None:
    index = FaqIndex([FEE, GERMAN_JOB])
    matches = index.rank(
        "the agency wants 3000 dollars for a job in Germany",
        language="en",
        intent="protection_risk",
        countries=["DE"],
        spans=[(44, 51)],
    )
    assert matches[0].id == "fees"
    assert index.accepts(matches)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rajli 3ando lwra9 f fransa kifach nmchi 3ando", "ar"),
        ("ana 3ayez a3raf el visa ezay", "ar"),
        ("what is the h2a visa and the i-130 form", "en"),
        ("je suis à paris depuis 2 ans, quel titre de séjour", "fr"),
        ("agent le 3 lakh magyo, tirnu parcha?", "ne"),
    ],
)
def test_arabizi_is_arabic_and_forms_or_amounts_are_not(
    models: TrainedModels, text: str, expected: str
) -> None:
    assert models.language.detect(text).language == expected
