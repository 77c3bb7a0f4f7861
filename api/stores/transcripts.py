"""The transcript (`transcript_messages`): what the person sent and what the bot showed them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from api.db.base import utcnow
from api.db.conversation_models import Conversation
from api.db.delivery_models import OutboxMessage
from api.db.handoff_models import Case
from api.db.session import Database
from api.db.transcript_models import TranscriptMessage
from bot.messages import RTL_LANGUAGES, IncomingMessage, OutgoingMessage
from bot.ports import ConversationState

MAX_STORED_CHARS = 20_000
HISTORY_LIMIT = 300  # messages a reloaded page shows (the newest)
_LIVE = ("open", "claimed")


def _buttons(reply: OutgoingMessage) -> list[dict[str, str]]:
    return [{"title": b.title, "payload": b.payload} for b in reply.buttons]


async def _pressed_title(conn: AsyncConnection, conversation_id: int, payload: str) -> str:
    """Return the title of the button the person pressed, as the bot's last turn showed it."""
    rows = await conn.execute(
        select(TranscriptMessage.buttons)
        .where(
            TranscriptMessage.conversation_id == conversation_id,
            TranscriptMessage.direction == "out",
        )
        .order_by(TranscriptMessage.id.desc())
        .limit(12)
    )
    for (buttons,) in rows:
        for button in buttons or ():
            if isinstance(button, dict) and button.get("payload") == payload:
                return str(button.get("title") or "")
    return ""


class SqlTranscriptSink:
    """TranscriptSink over SQLAlchemy Core: one transaction per message."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self,
        state: ConversationState,
        incoming: IncomingMessage,
        replies: Sequence[OutgoingMessage],
    ) -> None:
        """Store the person's message (or pressed button's title) and the bot's replies."""
        if state.id is None:
            return
        now = utcnow()
        async with self.db.engine.begin() as conn:
            payload = (incoming.payload or "").strip() or None
            if payload is not None:
                text = await _pressed_title(conn, state.id, payload)
            else:
                text = (incoming.text or "")[:MAX_STORED_CHARS]
            rows: list[dict[str, Any]] = [
                {
                    "conversation_id": state.id,
                    "direction": "in",
                    "text": text,
                    "payload": payload[:64] if payload else None,
                    "buttons": [],
                    "link": None,
                    "language": state.language,
                    "created_at": now,
                }
            ]
            rows.extend(
                {
                    "conversation_id": state.id,
                    "direction": "out",
                    "text": reply.text,
                    "payload": None,
                    "buttons": _buttons(reply),
                    "link": reply.link,
                    "language": reply.language,
                    "created_at": now,
                }
                for reply in replies
            )
            await conn.execute(insert(TranscriptMessage), rows)


def _shown(row: Any) -> bool:
    # Commands the page or the person typed ("/start") are not part of what was said.
    return row.direction == "out" or bool(row.text and not row.text.startswith("/"))


async def transcript_of(
    conn: AsyncConnection, conversation_id: int, *, limit: int = HISTORY_LIMIT
) -> list[Any]:
    """Return the newest `limit` transcript rows of a conversation, oldest first."""
    rows = (
        await conn.execute(
            select(TranscriptMessage)
            .where(TranscriptMessage.conversation_id == conversation_id)
            .order_by(TranscriptMessage.id.desc())
            .limit(limit)
        )
    ).all()
    return list(reversed(rows))


def _message(
    sender: str,
    *,
    text: str,
    at: datetime,
    buttons: list[dict[str, str]] | None = None,
    link: str | None = None,
    lang: str | None = None,
    answerable: bool = False,
) -> dict[str, Any]:
    return {
        "from": sender,
        "text": text,
        "buttons": buttons or [],
        "link": link,
        "lang": lang,
        "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
        "answerable": answerable,
        "at": at.isoformat(),
    }


async def load_history(
    db: Database, *, channel: str, user_id: str, messages: bool = True
) -> dict[str, Any]:
    """Return the conversation as the page shows it after a reload, and the open case."""
    async with db.engine.connect() as conn:
        conversation = (
            await conn.execute(
                select(Conversation.id, Conversation.handoff_active).where(
                    Conversation.channel == channel, Conversation.channel_user_id == user_id
                )
            )
        ).first()
        empty: dict[str, Any] = {
            "messages": [],
            "case": None,
            "case_open": False,
            "talking_to_volunteer": False,
            "cursor": 0,
        }
        if conversation is None:
            return empty
        rows = await transcript_of(conn, conversation.id) if messages else []
        # Volunteer replies and notices reach the page through the outbox, not the engine.
        queued = (
            (
                await conn.execute(
                    select(OutboxMessage.id, OutboxMessage.body, OutboxMessage.created_at)
                    .where(OutboxMessage.channel == channel, OutboxMessage.recipient == user_id)
                    .order_by(OutboxMessage.id.desc())
                    .limit(HISTORY_LIMIT)
                )
            ).all()[::-1]
            if messages
            else []
        )
        case_row = (
            await conn.execute(
                select(Case.reference, Case.status)
                .where(Case.conversation_id == conversation.id, Case.status.in_(_LIVE))
                .order_by(Case.id.desc())
                .limit(1)
            )
        ).first()
    last_in = max((i for i, r in enumerate(rows) if r.direction == "in"), default=-1)
    timeline: list[tuple[datetime, int, dict[str, Any]]] = []
    for index, row in enumerate(rows):
        if not _shown(row):
            continue
        message = _message(
            "bot" if row.direction == "out" else "person",
            text=row.text,
            at=row.created_at,
            buttons=row.buttons,
            link=row.link,
            lang=row.language,
            # Only the buttons of the bot's last turn can still be answered.
            answerable=row.direction == "out" and index > last_in,
        )
        timeline.append((row.created_at, 0, message))
    for item in queued:
        body = OutgoingMessage.from_dict(item.body if isinstance(item.body, dict) else {})
        message = _message(
            "volunteer",
            text=body.text,
            at=item.created_at,
            buttons=[{"title": b.title, "payload": b.payload} for b in body.buttons],
            link=body.link,
            lang=body.language,
            answerable=True,
        )
        timeline.append((item.created_at, 1, message))
    timeline.sort(key=lambda entry: (entry[0], entry[1]))
    return {
        "messages": [message for _at, _kind, message in timeline],
        "case": {"reference": case_row.reference, "status": case_row.status} if case_row else None,
        "case_open": case_row is not None,
        "talking_to_volunteer": bool(conversation.handoff_active) and case_row is not None,
        "cursor": queued[-1].id if queued else 0,
    }


async def purge_transcripts(session: AsyncSession, *, before: datetime) -> int:
    """Delete transcript messages older than `before`, except of conversations with a live case."""
    live = select(Case.conversation_id).where(
        Case.status.in_(_LIVE), Case.conversation_id.is_not(None)
    )
    result = await session.execute(
        delete(TranscriptMessage).where(
            TranscriptMessage.created_at < before,
            TranscriptMessage.conversation_id.not_in(live),
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
