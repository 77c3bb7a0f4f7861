"""FAQ retrieval: the right entry, country fit, and the threshold below which it says so."""

from __future__ import annotations

import pytest

from nlu import FaqDocument
from nlu.faq_index import FaqIndex, FaqSettings
from nlu.pipeline import BuiltinPipeline
from tests.nlu.conftest import faq_documents

CASES = [
    ("can I bring my kids to Germany", "family-reunification-germany"),
    ("how can my wife join me in Canada", "family-reunification-canada"),
    ("what visa do i need to work in Japan", "which-work-visa"),
    ("the agent is asking money before the job", "recruitment-fees"),
    ("what should i pack before going", "what-to-pack"),
    ("comment faire venir mes enfants en Allemagne", "family-reunification-germany"),
    ("quel visa de travail pour le Japon", "which-work-visa"),
    ("qué debo llevar en la maleta antes de viajar", "what-to-pack"),
    ("هل يمكنني إحضار أطفالي إلى ألمانيا", "family-reunification-germany"),
    ("الوكيل يريد رسوم توظيف قبل العمل", "recruitment-fees"),
    ("छोराछोरीलाई जर्मनी ल्याउन मिल्छ?", "family-reunification-germany"),
    ("क्यानडामा शरणार्थी स्पोन्सर गर्ने समूह", "private-sponsorship-canada"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_retrieval_picks_the_right_entry(
    pipeline: BuiltinPipeline, text: str, expected: str
) -> None:
    analysis = pipeline.analyse_sync(text)
    assert analysis.faq is not None, analysis.faq_candidates
    assert analysis.faq.id == expected
    assert analysis.to_rasa()["faq"] == {"id": expected, "score": round(analysis.faq.score, 4)}


@pytest.mark.parametrize("text", ["hello", "tell me a joke", "thanks a lot", "bye"])
def test_no_answer_below_the_threshold(pipeline: BuiltinPipeline, text: str) -> None:
    analysis = pipeline.analyse_sync(text)
    assert analysis.faq is None
    assert "faq" not in analysis.to_rasa()
    assert len(analysis.faq_candidates) <= FaqSettings().limit


def test_a_country_specific_entry_does_not_answer_for_another_country(
    pipeline: BuiltinPipeline,
) -> None:
    analysis = pipeline.analyse_sync("can I bring my kids to Italy")
    assert analysis.faq is None or analysis.faq.id not in {
        "family-reunification-germany",
        "family-reunification-canada",
    }


def test_candidates_are_ranked_best_first(pipeline: BuiltinPipeline) -> None:
    scores = [c.score for c in pipeline.analyse_sync("bring my wife to canada").faq_candidates]
    assert scores == sorted(scores, reverse=True)


def test_threshold_decides_whether_the_best_candidate_answers(
    pipeline: BuiltinPipeline,
) -> None:
    text = "is it normal that the recruiter wants a fee"
    best = pipeline.analyse_sync(text).faq_candidates[0]
    above = BuiltinPipeline(
        pipeline.models, faq_documents(), FaqSettings(threshold=best.score, margin_floor=1.0)
    )
    below = BuiltinPipeline(
        pipeline.models,
        faq_documents(),
        FaqSettings(threshold=best.score + 0.001, margin_floor=1.0),
    )
    assert above.analyse_sync(text).faq == best
    assert below.analyse_sync(text).faq is None
    assert below.analyse_sync(text).faq_candidates[0] == best  # still offered for a question


def test_a_clear_winner_below_the_threshold_is_served(pipeline: BuiltinPipeline) -> None:
    text = "is it normal that the recruiter wants a fee"
    first, second = pipeline.analyse_sync(text).faq_candidates[:2]
    lead = first.score - second.score
    clear = FaqSettings(threshold=first.score + 0.01, margin_floor=0.1, margin=lead - 0.01)
    close = FaqSettings(threshold=first.score + 0.01, margin_floor=0.1, margin=lead + 0.01)
    assert BuiltinPipeline(pipeline.models, faq_documents(), clear).analyse_sync(text).faq
    assert BuiltinPipeline(pipeline.models, faq_documents(), close).analyse_sync(text).faq is None


def test_documents_can_be_replaced_while_running(pipeline: BuiltinPipeline) -> None:
    from nlu.model_store import TrainedModels

    models: TrainedModels = pipeline.models
    fresh = BuiltinPipeline(models, [])
    assert fresh.analyse_sync("what should i pack").faq_candidates == ()
    fresh.set_faq_documents(faq_documents())
    assert fresh.analyse_sync("what should i pack").faq is not None


def test_missing_language_falls_back_to_english_texts() -> None:
    doc = FaqDocument(id="only-en", topic="visa_info", texts={"en": ["work visa for Japan"]})
    index = FaqIndex([doc])
    assert index.rank("work visa japan", language="fr")[0].id == "only-en"


def test_empty_index_ranks_nothing() -> None:
    assert FaqIndex([]).rank("anything", language="en") == ()


def test_leave_one_out_tuning_table(pipeline: BuiltinPipeline) -> None:
    from nlu.tuning import faq_leave_one_out, faq_threshold_table

    fresh = BuiltinPipeline(pipeline.models, [])
    results = faq_leave_one_out(fresh, faq_documents(), ["hello", "thanks"])
    phrasings = [r for r in results if r[1] is not None]
    assert len(phrasings) == sum(len(t) - 1 for d in faq_documents() for t in d.texts.values())
    assert sum(1 for _, rank in phrasings if rank == 0) / len(phrasings) > 0.6
    lines = faq_threshold_table(results, [0.3, 0.5])
    assert lines[0].startswith("top-1 ") and len(lines) == 4
