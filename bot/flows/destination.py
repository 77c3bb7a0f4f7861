"""The destination country: ask it when the answer depends on it, then answer for it."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot import render
from bot.flows.replies import MAX_CLARIFY, clarify, present, show_menu_hint
from bot.i18n import Translator
from bot.knowledge import FaqEntry
from bot.turn import Turn
from nlu import Analysis, NLUError

log = logging.getLogger(__name__)

COUNTRY_REPLY_CHARS = 40  # a reply this short that names a country answers "which country?"
# A general best entry with an entry for some destinations on the same topic scoring at least
# this share of it: the question is as much about one country's rules, so the country decides.
SAME_QUESTION_RATIO = 0.85

Scored = Sequence[tuple[FaqEntry, float]]


def applies_to(entry: FaqEntry, country: str | None) -> bool:
    """Tell whether an entry applies to a destination (general entries apply everywhere)."""
    return not entry.country_set or (country is not None and country in entry.country_set)


def destination_decides(best: FaqEntry, score: float, scored: Scored) -> bool:
    """Tell whether the answer depends on the destination (country entries are as close)."""
    if best.country_set:
        return True
    return any(
        entry.id != best.id
        and entry.topic == best.topic
        and bool(entry.country_set)
        and other >= score * SAME_QUESTION_RATIO
        for entry, other in scored
    )


async def answer_for_destination(
    turn: Turn, best: FaqEntry, score: float, scored: Scored, *, named: Sequence[str] = ()
) -> None:
    """Answer with `best`, or ask the destination first, or answer for the one we know.

    `named` are the countries the message itself names, whatever their role: "I am a US
    citizen, how do I bring my wife" names the US as the person's nationality, and the
    family-petition entry for the US is the answer, with no need to ask "which country?".
    """
    country = turn.state.country
    if (
        (country is not None and country in best.country_set)
        or (country is None and any(code in best.country_set for code in named))
        or not destination_decides(best, score, scored)
    ):
        present(turn, best)
        return
    ranked = [best, *(entry for entry, _ in scored if entry.id != best.id)]
    if country is None:
        ask_country(turn, ranked, topic=best.topic)
        return
    await answer_for_country(
        turn, country, ranked, best.topic, elsewhere=best if best.country_set else None
    )


async def answer_for_country(
    turn: Turn,
    country: str,
    entries: Sequence[FaqEntry],
    topic: str | None,
    *,
    elsewhere: FaqEntry | None = None,
) -> None:
    """Answer for `country`: its own entry, else the general one, else say what is missing.

    `elsewhere` (an entry for other destinations) is shown, said to be so, when nothing
    applies to `country`; without it the question is noted for editors.
    """
    tr = turn.tr
    name = tr.country_name(country)
    match = await _entry_for_country(turn, country, topic, entries)
    if match is not None:
        present(turn, match)
        return
    general = next((e for e in entries if not e.country_set), None)
    general = general or await _general_for(turn, country, topic)
    if general is not None:
        turn.say(
            tr._(
                "I do not have information specific to {country} yet. Here is the general "
                "information:"
            ).format(country=name)
        )
        present(turn, general)
        return
    if elsewhere is not None:
        turn.say(
            tr._(
                "I do not have this information for {country} yet. Here is what I have for "
                "{countries}:"
            ).format(
                country=name,
                countries=tr.join([tr.country_name(c) for c in sorted(elsewhere.country_set)]),
            )
        )
        present(turn, elsewhere)
        return
    turn.close_prompt()
    await turn.ports.unanswered.record(
        text=turn.last_question, lang=turn.lang, intent=topic, confidence=None
    )
    turn.say(
        tr._(
            "I do not have information about this for {country} yet. I have noted the "
            "question, without your name, so our editors can add it. A volunteer from "
            "the diaspora may be able to help you."
        ).format(country=name),
        [render.volunteer_button(tr), render.menu_button(tr)],
    )


def entries_for(turn: Turn, topic: str | None, country: str) -> list[FaqEntry]:
    """Return the topic's entries written for `country`, the most specific first."""
    found = [
        e for e in turn.knowledge.published() if e.topic == topic and country in e.country_set
    ]
    return sorted(found, key=lambda e: len(e.country_set))


async def _entry_for_country(
    turn: Turn, country: str, topic: str | None, entries: Sequence[FaqEntry]
) -> FaqEntry | None:
    """Pick the entry for `country`; among several, the one retrieval ranks first for it."""
    pool = [e for e in entries if country in e.country_set]
    pool += [e for e in entries_for(turn, topic, country) if e not in pool]
    if len(pool) <= 1:
        return pool[0] if pool else None
    named = await _analyse_naming(turn, country)
    ranks = {m.id: i for i, m in enumerate(named.faq_candidates)} if named is not None else {}
    return min(pool, key=lambda e: (ranks.get(e.id, len(ranks)), pool.index(e)))


async def _general_for(turn: Turn, country: str, topic: str | None) -> FaqEntry | None:
    """Return the general entry retrieval ranks with the destination named, or the topic's one."""
    named = await _analyse_naming(turn, country)
    for match in named.faq_candidates if named is not None else ():
        entry = turn.knowledge.get(match.id)
        if entry is not None and not entry.country_set and topic in (None, entry.topic):
            return entry
    return _topic_general(turn, topic)


async def _ranked_general(turn: Turn, topic: str | None) -> FaqEntry | None:
    """Return the topic's general entry; with several, the one retrieval ranks first."""
    general = _general_entries(turn, topic)
    if len(general) <= 1:
        return general[0] if general else None
    question = turn.last_question
    if not question or turn.nlu is None:
        return None
    try:
        analysis = await turn.nlu.analyse(question, lang=turn.state.language)
    except NLUError as err:
        log.warning("NLU failed on a question without its destination: %s", err)
        return None
    ids = {e.id for e in general}
    best = next((m.id for m in analysis.faq_candidates if m.id in ids), None)
    return turn.knowledge.get(best) if best is not None else None


def _topic_general(turn: Turn, topic: str | None) -> FaqEntry | None:
    """Return the topic's general entry, when it has exactly one."""
    general = _general_entries(turn, topic)
    return general[0] if len(general) == 1 else None


def _general_entries(turn: Turn, topic: str | None) -> list[FaqEntry]:
    """Return the published entries on `topic` that apply everywhere."""
    return [e for e in turn.knowledge.published() if e.topic == topic and not e.country_set]


async def _analyse_naming(turn: Turn, country: str) -> Analysis | None:
    """Analyse the last question followed by the country's name (None when not possible)."""
    question = turn.last_question
    if not question or turn.nlu is None:
        return None
    language = turn.state.language
    name = Translator(language or turn.lang).country_name(country)
    try:
        return await turn.nlu.analyse(f"{question} ({name})", lang=language)
    except NLUError as err:
        log.warning("NLU failed on a question with its destination: %s", err)
        return None


def ask_country(turn: Turn, ranked: Sequence[FaqEntry], *, topic: str | None) -> None:
    """Ask for the destination, keeping the entries to choose from once it is known."""
    tr = turn.tr
    turn.say(
        tr._(
            "The answer depends on the country you want to go to. Which country is it? "
            "Choose one, or write its name."
        ),
        render.country_buttons(tr, render.common_destinations(turn.knowledge)),
    )
    turn.ask("country", entries=[entry.id for entry in ranked], topic=topic)


def is_country_reply(turn: Turn, text: str, analysis: Analysis) -> bool:
    """Tell whether a message answers the open "which country?" question."""
    return (
        turn.state.prompt == "country"
        and bool(analysis.country_codes)
        and len(text) <= COUNTRY_REPLY_CHARS
    )


async def resume_with_country(turn: Turn, country: str | None) -> None:
    """Answer the question that was waiting for a destination (None when not sure)."""
    waiting = turn.state.prompt == "country"
    pending = turn.state.pending or {}
    if country is not None:
        turn.state.country = country
    ids = pending.get("entries") if waiting else None
    topic = pending.get("topic") if waiting else None
    entries = [e for e in (turn.knowledge.get(i) for i in ids or ()) if e is not None]
    tr = turn.tr
    if not entries and topic is None:
        turn.close_prompt()
        if country is not None:
            turn.say(tr._("Noted: {country}.").format(country=tr.country_name(country)))
        show_menu_hint(turn)
        return
    if country is not None:
        await answer_for_country(turn, country, entries, topic)
        return
    general = next((e for e in entries if not e.country_set), None)
    general = general or await _ranked_general(turn, topic)
    if general is not None:
        present(turn, general)
        return
    # Several general entries on the topic and none ranked: they are the choices to offer.
    clarify(turn, (_general_entries(turn, topic) or entries)[:MAX_CLARIFY])
