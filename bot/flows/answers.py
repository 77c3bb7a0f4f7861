"""Answer free text from the curated FAQ: the best entry, a choice, or an honest gap."""

from __future__ import annotations

from bot.flows.destination import answer_for_country, answer_for_destination, ask_country
from bot.flows.replies import MAX_CLARIFY, TOPIC_CONFIDENCE, clarify, no_answer, present
from bot.knowledge import FaqEntry
from bot.turn import Turn
from nlu import TOPIC_INTENTS, Analysis

# Candidates scoring at least this share of the answer threshold are offered as a choice; a
# message the NLU finds off-topic needs closer ones, or "the weather" gets visa suggestions.
# 0.5 since retrieval scores against each entry's mean phrasing (lower scores): on the content's
# own phrasings (leave-one-out) it turns a third of the "no answer" replies into a choice that
# holds the right entry, and offers no more wrong choices than 0.6.
CLARIFY_RATIO = 0.5
OFF_TOPIC_CLARIFY_RATIO = 0.85


def scored_candidates(turn: Turn, analysis: Analysis) -> list[tuple[FaqEntry, float]]:
    """Return the published entries retrieval ranked high enough to offer, with their scores."""
    ratio = OFF_TOPIC_CLARIFY_RATIO if analysis.intent == "out_of_scope" else CLARIFY_RATIO
    floor = analysis.faq_threshold * ratio
    found = [
        (turn.knowledge.get(match.id), match.score)
        for match in analysis.faq_candidates
        if match.score >= floor
    ]
    return [(entry, score) for entry, score in found if entry is not None]


def candidates(turn: Turn, analysis: Analysis) -> list[FaqEntry]:
    """Return the published entries retrieval ranked high enough to offer, best first."""
    return [entry for entry, _ in scored_candidates(turn, analysis)]


async def answer_question(turn: Turn, analysis: Analysis) -> None:
    """Answer free text: the best entry, a question about the country, a choice, or no answer."""
    scored = scored_candidates(turn, analysis)
    ranked = [entry for entry, _ in scored]
    best = analysis.faq
    entry = turn.knowledge.get(best.id) if best is not None else None
    if best is not None and entry is not None:
        await answer_for_destination(turn, entry, best.score, scored, named=analysis.country_codes)
        return
    if await _answer_weak_topical(turn, analysis, scored):
        return
    if ranked:
        clarify(turn, ranked[:MAX_CLARIFY])
    else:
        await no_answer(turn, analysis.intent, analysis.confidence)


async def _answer_weak_topical(
    turn: Turn, analysis: Analysis, scored: list[tuple[FaqEntry, float]]
) -> bool:
    """Use the topic when retrieval is unsure: the entry for the known destination, or ask it."""
    if analysis.intent not in TOPIC_INTENTS or analysis.confidence < TOPIC_CONFIDENCE:
        return False
    topical = [e for e, _ in scored if e.topic == analysis.intent]
    country = turn.state.country
    fit = next((e for e in topical if country is not None and country in e.country_set), None)
    if fit is not None:
        if country in analysis.country_codes:
            # The message names the country itself: retrieval weighed it and was still unsure,
            # so offer the entry as a choice rather than answer what may be another question.
            clarify(turn, [fit, *(e for e in topical if e.id != fit.id)][:MAX_CLARIFY])
        else:
            present(turn, fit)  # the destination said earlier decides between close entries
        return True
    # Close scores for the same question in several countries: the destination decides.
    if sum(1 for e in topical[:MAX_CLARIFY] if e.country_set) < 2:
        return False
    if country is None:
        ask_country(turn, topical, topic=analysis.intent)
    else:
        await answer_for_country(turn, country, topical, analysis.intent)
    return True
