"""Conversation states in the `conversations` table: one read and one write per message."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Update, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from api.db.base import utcnow
from api.db.conversation_models import Conversation, HandoffRequest
from api.db.delivery_models import OutboxMessage
from api.db.session import Database
from api.db.transcript_models import TranscriptMessage
from bot.ports import ConversationState

_COLUMNS = (
    Conversation.id,
    Conversation.language,
    Conversation.country,
    Conversation.origin_country,
    Conversation.location,
    Conversation.danger,
    Conversation.memo,
    Conversation.last_topic,
    Conversation.last_faq_id,
    Conversation.pending,
    Conversation.disclaimer_shown,
    Conversation.handoff_active,
    Conversation.created_at,
    Conversation.updated_at,
)


# Built once: constructing statements costs more than running them on the hot path.
_LOAD = select(*_COLUMNS).where(
    Conversation.channel == bindparam("channel"),
    Conversation.channel_user_id == bindparam("user_id"),
)
_UPDATES: dict[frozenset[str], Update] = {}
TOUCH_EVERY = timedelta(minutes=5)  # how stale `updated_at` may get when nothing else changed


def _update(columns: frozenset[str]) -> Update:
    """Return the UPDATE of these columns (and `updated_at`), built once per column set."""
    statement = _UPDATES.get(columns)
    if statement is None:
        statement = (
            update(Conversation)
            .where(Conversation.id == bindparam("conversation_id"))
            .values({name: bindparam(name) for name in (*sorted(columns), "updated_at")})
        )
        _UPDATES[columns] = statement
    return statement


def _state(channel: str, user_id: str, row: Row[Any]) -> ConversationState:
    return ConversationState(
        channel=channel,
        user_id=user_id,
        id=row.id,
        language=row.language,
        country=row.country,
        origin_country=row.origin_country,
        location=row.location,
        danger=row.danger,
        memo=row.memo if isinstance(row.memo, dict) else None,
        last_topic=row.last_topic,
        last_faq_id=row.last_faq_id,
        pending=row.pending if isinstance(row.pending, dict) else None,
        disclaimer_shown=bool(row.disclaimer_shown),
        handoff_active=bool(row.handoff_active),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def _create(conn: AsyncConnection, channel: str, user_id: str) -> None:
    """Insert an empty conversation; another worker inserting it first is fine."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    await conn.execute(
        dialect.insert(Conversation)
        .values(channel=channel, channel_user_id=user_id)
        .on_conflict_do_nothing(index_elements=["channel", "channel_user_id"])
    )


class SqlConversationStore:
    """ConversationStore over SQLAlchemy Core (the hot path: kept to few round trips)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def load(self, channel: str, user_id: str) -> ConversationState:
        """Return the person's state, inserting an empty one on first contact."""
        async with self.db.engine.connect() as conn:
            keys = {"channel": channel, "user_id": user_id}
            row = (await conn.execute(_LOAD, keys)).first()
            if row is None:
                await _create(conn, channel, user_id)
                await conn.commit()
                row = (await conn.execute(_LOAD, keys)).one()
        return _state(channel, user_id, row)

    async def save(self, state: ConversationState) -> None:
        """Write the fields this message changed, and the time (kept fresh within minutes)."""
        changes = state.changes()
        now = utcnow()
        if not changes and state.updated_at and now - state.updated_at < TOUCH_EVERY:
            return
        values: dict[str, Any] = {**changes, "updated_at": now, "conversation_id": state.id}
        async with self.db.engine.begin() as conn:
            await conn.execute(_update(frozenset(changes)), values)
        state.updated_at = now
        state.mark_saved()

    async def erase(self, state: ConversationState) -> None:
        """Delete the conversation, its transcript, handoff requests and queued messages."""
        async with self.db.engine.begin() as conn:
            await conn.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.channel == state.channel,
                    OutboxMessage.recipient == state.user_id,
                )
            )
            if state.id is not None:
                for table in (OutboxMessage, HandoffRequest, TranscriptMessage):
                    await conn.execute(delete(table).where(table.conversation_id == state.id))
            await conn.execute(
                delete(Conversation).where(
                    Conversation.channel == state.channel,
                    Conversation.channel_user_id == state.user_id,
                )
            )
