"""What the conversation remembers of a danger, and what to tell a person to dial."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.turn import Turn

# How long a danger message keeps every handoff of the conversation urgent.
DANGER_FOR = timedelta(days=7)
MAX_DANGER_CHARS = 2000


def note_danger(turn: Turn, text: str) -> None:
    """Remember that (and why) the person is in danger: later handoffs are urgent."""
    state = turn.state
    state.danger = text[:MAX_DANGER_CHARS]
    state.memo = {**(state.memo or {}), "danger_at": datetime.now(UTC).isoformat()}


def in_danger(turn: Turn) -> bool:
    """Tell whether the person said recently that they are in danger now."""
    state = turn.state
    if not state.danger:
        return False
    raw = (state.memo or {}).get("danger_at")
    try:
        since = datetime.fromisoformat(str(raw)) if raw else None
    except ValueError:
        since = None
    return since is None or datetime.now(UTC) - since <= DANGER_FOR


def emergency_number(turn: Turn, country: str | None) -> str | None:
    """Return the police/emergency number of `country` (else its first number), if confirmed."""
    if country is None:
        return None
    numbered = [h for h in turn.knowledge.helplines.countries.get(country, []) if h.number]
    first = next((h for h in numbered if h.kind == "emergency"), numbered[0] if numbered else None)
    return first.number if first is not None else None


def dial_advice(turn: Turn) -> str:
    """Say what to dial in immediate danger, never pointing at numbers that were not shown."""
    tr = turn.tr
    country = turn.state.location
    number = emergency_number(turn, country)
    if country is not None and number is not None:
        return tr._(
            "If you are in immediate danger, do not wait: call {number} ({country})."
        ).format(number=number, country=tr.country_name(country))
    return tr._(
        "If you are in immediate danger, do not wait: call the police emergency number of "
        "the country you are in."
    )
