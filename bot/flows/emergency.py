"""Emergencies: helplines at once, then an urgent volunteer alert if the person agrees."""

from __future__ import annotations

from bot import render
from bot.flows import handoff
from bot.flows.destination import COUNTRY_REPLY_CHARS
from bot.messages import Button
from bot.turn import Turn
from nlu import EMERGENCY_INTENT, Analysis

# Kept in `pending` while the emergency reply waits to learn which country the person is in.
ASKED_WHERE = "where"


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
    country = location(turn, analysis)
    _show_helplines(turn, country)
    if turn.state.handoff_active and await handoff.forward(turn, text, urgent=True):
        return
    turn.remember_question(text)
    handoff.offer(turn, urgent=True)
    if country is None and turn.state.prompt == "consent":
        turn.state.pending = {**(turn.state.pending or {}), ASKED_WHERE: True}


def is_location_reply(turn: Turn, text: str, analysis: Analysis) -> bool:
    """Tell whether a message names the country an emergency reply just asked about."""
    return (
        bool((turn.state.pending or {}).get(ASKED_WHERE))
        and bool(analysis.country_codes)
        and len(text) <= COUNTRY_REPLY_CHARS
    )


def show_country(turn: Turn, country: str) -> None:
    """Remember where the person is, show that country's helplines, then offer help again."""
    turn.state.country = country
    _show_helplines(turn, country)
    handoff.offer(turn, urgent=True)


def _show_helplines(turn: Turn, country: str | None) -> None:
    """Say the country's helplines and the international ones; ask the country when unknown."""
    tr = turn.tr
    helplines = turn.knowledge.helplines
    lines = helplines.for_country(country)
    parts = [tr._("If you are in danger now, contact one of these right away:")]
    if lines:
        parts.append(render.helpline_lines(tr, lines))
    else:
        parts = [tr._("If you are in danger now, call the local emergency number right away.")]
    buttons: list[Button] = []
    if country is None:
        parts.append(
            tr._(
                "Which country are you in? Choose it or write its name, and I will show you "
                "its emergency numbers."
            )
        )
        buttons = render.helpline_country_buttons(tr, turn.knowledge)
    elif country not in helplines.countries:
        parts.append(
            tr._(
                "I have no helpline for {country} yet; the ones above can help from anywhere."
            ).format(country=tr.country_name(country))
        )
    if lines:
        parts.append(tr._("Helplines checked on {date}.").format(date=tr.date(helplines.reviewed)))
    link = lines[0].url or lines[0].source.url if lines else None
    turn.say("\n\n".join(parts), buttons, link=link)
