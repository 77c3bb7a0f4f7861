"""Emergencies: helplines at once, then an urgent volunteer alert if the person agrees."""

from __future__ import annotations

from bot import render
from bot.flows import handoff
from bot.turn import Turn
from nlu import EMERGENCY_INTENT, Analysis


def is_emergency(analysis: Analysis) -> bool:
    """Tell whether a message says the person is in danger now."""
    return analysis.intent == EMERGENCY_INTENT


def location(turn: Turn, analysis: Analysis | None) -> str | None:
    """Return where the person probably is: a country they just named, else the one we know."""
    if analysis is not None and analysis.country_codes:
        return analysis.country_codes[0]
    return turn.state.country or turn.state.origin_country


async def respond(turn: Turn, analysis: Analysis | None, text: str) -> None:
    """Show the helplines for the person's country and the international ones, then offer help."""
    tr = turn.tr
    country = location(turn, analysis)
    helplines = turn.knowledge.helplines
    lines = helplines.for_country(country)
    parts = [tr._("If you are in danger now, contact one of these right away:")]
    if lines:
        parts.append(render.helpline_lines(tr, lines))
    else:
        parts = [tr._("If you are in danger now, call the local emergency number right away.")]
    if country is None:
        parts.append(tr._("Tell me which country you are in, and I will add its helplines."))
    elif country not in helplines.countries:
        parts.append(
            tr._(
                "I have no helpline for {country} yet; the ones above can help from anywhere."
            ).format(country=tr.country_name(country))
        )
    if lines:
        parts.append(tr._("Helplines checked on {date}.").format(date=tr.date(helplines.reviewed)))
    turn.say("\n\n".join(parts), link=lines[0].url or lines[0].source.url if lines else None)
    if turn.state.handoff_active and await handoff.forward(turn, text, urgent=True):
        return
    turn.remember_question(text)
    handoff.offer(turn, urgent=True)
