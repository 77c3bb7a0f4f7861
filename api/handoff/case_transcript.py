"""The conversation before a handoff, copied into the case when the person consents."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.db.handoff_models import Case, CaseMessage
from api.stores.transcripts import transcript_of
from bot.knowledge import KnowledgeBase
from bot.knowledge.model import Helpline

MAX_COPIED = 200  # the newest messages; a case page is read by a person
MAX_BODY_CHARS = 4000


def _body(row: Any) -> str:
    text = (row.text or "")[:MAX_BODY_CHARS]
    if row.direction == "out" and row.link and row.link not in text:
        text = f"{text}\n{row.link}" if text else row.link
    return text


def helplines_shown(
    knowledge: KnowledgeBase, texts: Iterable[tuple[str, str | None]]
) -> list[dict[str, Any]]:
    """Return the helplines the bot's messages showed (name and number or address)."""
    lines: list[tuple[str, Helpline]] = [
        *(("", line) for line in knowledge.helplines.international),
        *(
            (country, line)
            for country, group in knowledge.helplines.countries.items()
            for line in group
        ),
    ]
    found: dict[str, tuple[int, int, dict[str, Any]]] = {}
    for order, (text, lang) in enumerate(texts):
        for country, line in lines:
            name = line.localized_name(lang or "en")
            # As bot.render.helpline_lines writes a line: "• name: number", else the name.
            head = f"• {name}: {line.number}" if line.number else f"• {name}"
            at = text.find(head)
            end = at + len(head)
            if line.id in found or at < 0 or text[end : end + 1] not in ("", "\n", " "):
                continue
            # Lines of several countries share a name and number ("Emergency: 999"): the
            # operator written under it tells which country's line was shown.
            below = text[end : end + 300].split("\n•", 1)[0]
            if line.localized_operator(lang or "en") not in below:
                continue
            found[line.id] = (
                order,
                at,
                {
                    "id": line.id,
                    "name": name,
                    "number": line.number,
                    "country": country or None,
                    "url": line.url or line.source.url,
                },
            )
    return [item for _order, _at, item in sorted(found.values(), key=lambda f: f[:2])]


async def copy_transcript(
    session: AsyncSession, *, case_row: Case, conversation_id: int, knowledge: KnowledgeBase
) -> int:
    """Add the conversation so far to a new case, the bot's messages marked as the bot's."""
    rows = [
        row
        for row in await transcript_of(
            await session.connection(), conversation_id, limit=MAX_COPIED
        )
        if row.direction == "out" or (row.text and not row.text.startswith("/"))
    ]
    for row in rows:
        session.add(
            CaseMessage(
                case_id=case_row.id,
                sender="bot" if row.direction == "out" else "person",
                body=_body(row),
                status="stored",
                created_at=row.created_at,
            )
        )
    shown = helplines_shown(
        knowledge, ((row.text, row.language) for row in rows if row.direction == "out")
    )
    if shown:
        case_row.bot_answer = {**(case_row.bot_answer or {}), "helplines": shown}
    return len(rows)
