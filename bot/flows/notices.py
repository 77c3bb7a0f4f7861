"""Time-bound notices shown above a FAQ answer, once per conversation each."""

from __future__ import annotations

from datetime import date

from bot.knowledge import FaqEntry, Notice
from bot.messages import OutgoingMessage
from bot.turn import Turn

# The key of `state.memo` listing the ids of the notices already shown in this conversation.
MEMO_KEY = "notices"


def shown_ids(turn: Turn, key: str) -> list[str]:
    """Return the ids listed under `key` in the conversation's once-only memo."""
    value = (turn.state.memo or {}).get(key)
    return [str(item) for item in value] if isinstance(value, list) else []


def remember_shown(turn: Turn, key: str, ids: list[str]) -> None:
    """Add ids to the memo list `key` (a new dict, so the store sees the change)."""
    memo = dict(turn.state.memo or {})
    memo[key] = [*shown_ids(turn, key), *ids]
    turn.state.memo = memo


def matching(turn: Turn, entry: FaqEntry, today: date | None = None) -> list[Notice]:
    """Return the active notices for this answer and this person, shown or not."""
    countries = set(entry.country_set)
    if turn.state.country:
        countries.add(turn.state.country)
    return turn.knowledge.notices_for(
        countries=countries,
        topic=entry.topic,
        origin=turn.state.origin_country,
        today=today or date.today(),
    )


def notice_text(turn: Turn, notice: Notice) -> str:
    """Return a notice in the person's language, with its date and source."""
    tr = turn.tr
    head = tr._("Important change, since {date}:").format(date=tr.date(notice.starts))
    source = f"{tr.ngettext('Source:', 'Sources:', 1)} {notice.source.title}\n{notice.source.url}"
    reviewed = tr._("Last reviewed: {date}").format(date=tr.date(notice.reviewed))
    return f"{head}\n{notice.localized_text(turn.lang).strip()}\n\n{source}\n{reviewed}"


def notices_for(turn: Turn, entry: FaqEntry) -> list[OutgoingMessage]:
    """Return the notices to show above `entry`'s answer that this conversation has not seen."""
    seen = set(shown_ids(turn, MEMO_KEY))
    fresh = [n for n in matching(turn, entry) if n.id not in seen]
    if fresh:
        remember_shown(turn, MEMO_KEY, [n.id for n in fresh])
    return [
        OutgoingMessage(text=notice_text(turn, n), link=n.source.url, language=turn.lang)
        for n in fresh
    ]
