"""The destination country: ask it when the answer depends on it, then answer for it."""

from __future__ import annotations

from collections.abc import Sequence

from bot import render
from bot.flows.replies import MAX_CLARIFY, clarify, present, show_menu_hint
from bot.knowledge import FaqEntry
from bot.turn import Turn
from nlu import Analysis

COUNTRY_REPLY_CHARS = 40  # a reply this short that names a country answers "which country?"


def applies_to(entry: FaqEntry, country: str | None) -> bool:
    """Tell whether an entry applies to a destination (general entries apply everywhere)."""
    return not entry.country_set or (country is not None and country in entry.country_set)


async def answer_for_destination(turn: Turn, best: FaqEntry, ranked: Sequence[FaqEntry]) -> None:
    """Answer with `best`, or with the entry for the person's destination when it differs."""
    country = turn.state.country
    if applies_to(best, country):
        present(turn, best)
        return
    if country is None:
        ask_country(turn, [best, *(e for e in ranked if e.id != best.id)], topic=best.topic)
        return
    alternative = next((e for e in ranked if applies_to(e, country)), None)
    alternative = alternative or _specific_entry(turn, best.topic, country)
    if alternative is not None:
        present(turn, alternative)
        return
    tr = turn.tr
    turn.say(
        tr._(
            "I do not have this information for {country} yet. Here is what I have for "
            "{countries}:"
        ).format(
            country=tr.country_name(country),
            countries=tr.join([tr.country_name(c) for c in sorted(best.country_set)]),
        )
    )
    present(turn, best)


def _specific_entry(turn: Turn, topic: str | None, country: str) -> FaqEntry | None:
    """Return the topic's entry written for `country`, if the content has one."""
    return next(
        (e for e in turn.knowledge.published() if e.topic == topic and country in e.country_set),
        None,
    )


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
    match = next((e for e in entries if country is not None and country in e.country_set), None)
    if match is None and country is not None:
        match = _specific_entry(turn, topic, country)
    if match is not None:
        present(turn, match)
        return
    general = next((e for e in entries if not e.country_set), None)
    if general is None and country is not None:
        general = await _general_for(turn, country)
    if country is None:
        if general is not None:
            present(turn, general)
        else:
            clarify(turn, entries[:MAX_CLARIFY])
        return
    if general is not None:
        turn.say(
            tr._(
                "I do not have information specific to {country} yet. Here is the general "
                "information:"
            ).format(country=tr.country_name(country))
        )
        present(turn, general)
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
        ).format(country=tr.country_name(country)),
        [render.volunteer_button(tr), render.menu_button(tr)],
    )


async def _general_for(turn: Turn, country: str) -> FaqEntry | None:
    """Ask retrieval again, naming the destination, for an entry that applies there."""
    question = turn.last_question
    if not question or turn.nlu is None:
        return None
    analysis = await turn.nlu.analyse(
        f"{question} ({turn.tr.country_name(country)})", lang=turn.state.language
    )
    best = analysis.faq
    entry = turn.knowledge.get(best.id) if best is not None else None
    return entry if entry is not None and not entry.country_set else None
