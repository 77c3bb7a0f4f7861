"""Emergencies: something to dial at once, for the country the person is in now, then help.

Where the person is now is only ever what they said: the country named in the danger message,
one they told or confirmed earlier (`state.location`), or the answer to "Which country are you
in now?". A destination they asked about is never taken for it (DESIGN.md, safety rule 2).
Once danger was seen, the conversation stays urgent: every later route into a handoff raises an
urgent case that says why.
"""

from __future__ import annotations

from bot import places, render
from bot.flows import handoff
from bot.flows.danger import dial_advice, emergency_number, note_danger
from bot.flows.destination import COUNTRY_REPLY_CHARS
from bot.flows.referrals import referrals_for_emergency
from bot.knowledge import FaqEntry, Helpline
from bot.messages import Button
from bot.turn import Turn
from nlu import EMERGENCY_INTENT, Analysis

# Kept in `pending` while the emergency reply waits to learn which country the person is in.
ASKED_WHERE = "where"
# Where many of the people Pathways serves work: first in the "where are you?" choice.
LIKELY_COUNTRIES = (
    "SA",
    "AE",
    "QA",
    "KW",
    "OM",
    "BH",
    "MY",
    "JO",
    "LB",
    "IL",
    "KR",
    "JP",
    "NP",
    "IN",
    "GB",
    "US",
    "DE",
    "FR",
    "ES",
    "IT",
    "CA",
    "AU",
)


def is_emergency(analysis: Analysis) -> bool:
    """Tell whether a message says the person is in danger now."""
    return analysis.intent == EMERGENCY_INTENT


async def respond(turn: Turn, analysis: Analysis | None, text: str) -> None:
    """Show what to dial where the person is, then offer (or raise) an urgent case."""
    state = turn.state
    note_danger(turn, text)
    named = places.where_now(analysis, origin=state.origin_country) if analysis else None
    if named is not None:
        state.location = named
    country = state.location
    if state.handoff_active:
        escalated = bool((state.memo or {}).get("escalated"))
        if escalated:
            _remind(turn)
        else:
            _show_helplines(turn, country, said_now=named is not None)
        if await handoff.forward(turn, text, urgent=not escalated):
            state.memo = {**(state.memo or {}), "escalated": True}
            return
        if escalated:  # the case was closed meanwhile: the whole list, then a new offer
            _show_helplines(turn, country, said_now=named is not None)
    else:
        _show_helplines(turn, country, said_now=named is not None)
    turn.remember_question(text)
    handoff.offer(turn, urgent=True)
    if country is None and state.prompt == "consent":
        state.pending = {**(state.pending or {}), ASKED_WHERE: True}


# Below this confidence an "emergency" may be a question that sounds urgent ("my employer has not
# paid me for three months"): the numbers come first all the same, then the answer, one tap away.
UNSURE_EMERGENCY = 0.7
_ANSWER_TOPICS = ("protection_risk", "pre_departure")


def offer_answer_if_unsure(turn: Turn, analysis: Analysis, candidates: list[FaqEntry]) -> None:
    """After the numbers, offer the closest risk or preparation answer when danger is unsure."""
    if analysis.confidence >= UNSURE_EMERGENCY or turn.state.handoff_active:
        return
    entry = next((e for e in candidates if e.topic in _ANSWER_TOPICS), None)
    if entry is None:
        return
    tr = turn.tr
    turn.say(
        tr._("If you are not in danger right now, this may answer your question:"),
        render.entry_buttons(tr, [entry]),
    )


def is_location_reply(turn: Turn, text: str, analysis: Analysis) -> bool:
    """Tell whether a message names the country an emergency reply just asked about."""
    if not (turn.state.pending or {}).get(ASKED_WHERE) or not analysis.country_codes:
        return False
    said_here = any(p.role is places.Role.HERE for p in places.places(analysis))
    return said_here or len(text) <= COUNTRY_REPLY_CHARS


def location_of_reply(analysis: Analysis, *, origin: str | None) -> str:
    """Return the country a reply to "which country are you in now?" names."""
    return places.where_now(analysis, origin=origin) or analysis.country_codes[0]


def show_country(turn: Turn, country: str) -> None:
    """Remember where the person is now, show that country's numbers, then offer help again."""
    turn.state.location = country
    _show_helplines(turn, country, said_now=True)
    handoff.offer(turn, urgent=True)


def _remind(turn: Turn) -> None:
    """The short version for a volunteer's case that is already urgent: one line to dial."""
    turn.say(dial_advice(turn))


def _local_lines(turn: Turn, country: str) -> list[Helpline]:
    lines = turn.knowledge.helplines.countries.get(country, [])
    # An embassy helps its own nationals: show only the person's own. Without a known origin,
    # Nepali is a strong enough sign (the embassies listed are mostly Nepal's).
    origin = turn.state.origin_country or ("NP" if turn.lang == "ne" else None)
    return [h for h in lines if h.kind != "embassy" or origin in _embassy_of(h)]


def _embassy_of(line: Helpline) -> frozenset[str]:
    return frozenset(line.nationals or ())


def _show_helplines(turn: Turn, country: str | None, *, said_now: bool) -> None:
    """Say what to dial for `country` (named, so the person can correct it), or ask where."""
    tr = turn.tr
    helplines = turn.knowledge.helplines
    parts: list[str] = []
    buttons: list[Button] = []
    local = _local_lines(turn, country) if country is not None else []
    if country is not None and local:
        name = tr.country_name(country)
        head = (
            tr._(
                "You are in {country}. If you are in danger now, contact one of these right away:"
            )
            if said_now
            else tr._(
                "You told me you are in {country}. If you are in danger now, contact one of "
                "these right away:"
            )
        )
        parts += [head.format(country=name), render.helpline_lines(tr, local)]
        parts.append(
            tr._("Not in {country}? Write the name of the country you are in now.").format(
                country=name
            )
        )
    elif country is not None:
        parts.append(
            tr._(
                "I do not have a confirmed emergency number for {country} yet. If you are in "
                "danger now, call the local police if you can, and contact your country's "
                "embassy in {country}. These organisations can help from anywhere:"
            ).format(country=tr.country_name(country))
        )
    else:
        numbers = _compact_numbers(turn)
        parts.append(
            tr._(
                "If you are in danger now, call the police emergency number of the country "
                "you are in:"
            )
        )
        if numbers:
            parts.append(numbers)
        buttons = _where_buttons(turn)
    international = render.helpline_lines(tr, helplines.international)
    if international:
        parts.append(international)
    if country is None:
        parts.append(
            tr._(
                "Which country are you in now? Choose it or write its name, and I will show "
                "you all its emergency numbers."
            )
        )
    elif referral := referrals_for_emergency(turn, country):
        parts.append(referral)
    parts.append(tr._("Helplines checked on {date}.").format(date=tr.date(helplines.reviewed)))
    shown = [*local, *helplines.international]
    link = (shown[0].url or shown[0].source.url) if shown else None
    turn.say("\n\n".join(parts), buttons, link=link)


def _likely_countries(turn: Turn) -> list[str]:
    """Countries with numbers: the person's known countries first, then common ones."""
    helplines = turn.knowledge.helplines.countries
    known = [turn.state.country, turn.state.origin_country]
    ordered = [c for c in (*known, *LIKELY_COUNTRIES, *helplines) if c]
    return [c for c in dict.fromkeys(ordered) if c in helplines]


def _compact_numbers(turn: Turn) -> str:
    """One line per likely country: its name and police/emergency number."""
    tr = turn.tr
    rows = []
    for code in _likely_countries(turn)[: render.MAX_HELPLINE_COUNTRY_BUTTONS]:
        number = emergency_number(turn, code)
        if number is not None:
            rows.append(f"• {tr.country_name(code)}: {number}")
    return "\n".join(rows)


def _where_buttons(turn: Turn) -> list[Button]:
    codes = _likely_countries(turn)[: render.MAX_HELPLINE_COUNTRY_BUTTONS]
    return render.location_buttons(turn.tr, codes)
