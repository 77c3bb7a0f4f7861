"""Messages waiting in the outbox for channels that fetch them (the web chat, the terminal)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update

from api.db.base import utcnow
from api.db.delivery_models import OutboxMessage
from api.db.session import Database
from bot.messages import OutgoingMessage

WEB_CHANNEL = "web"
MAX_BATCH = 50


async def fetch_web_messages(
    db: Database, user_id: str, after: int, *, limit: int = MAX_BATCH, channel: str = WEB_CHANNEL
) -> tuple[list[OutgoingMessage], int]:
    """Return the messages queued for `user_id` after `after`, marked sent, and the new cursor."""
    async with db.engine.begin() as conn:
        rows = (
            await conn.execute(
                select(OutboxMessage.id, OutboxMessage.body, OutboxMessage.status)
                .where(
                    OutboxMessage.channel == channel,
                    OutboxMessage.recipient == user_id,
                    OutboxMessage.id > after,
                )
                .order_by(OutboxMessage.id)
                .limit(limit)
            )
        ).all()
        pending = [row.id for row in rows if row.status == "pending"]
        if pending:
            await conn.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(pending), OutboxMessage.status == "pending")
                .values(status="sent", sent_at=utcnow())
            )
    messages = [OutgoingMessage.from_dict(_body(row.body)) for row in rows]
    return messages, (rows[-1].id if rows else after)


def _body(body: Any) -> dict[str, Any]:
    return body if isinstance(body, dict) else {"text": str(body or "")}


async def enqueue_web_message(
    db: Database, user_id: str, message: OutgoingMessage, *, conversation_id: int | None = None
) -> int:
    """Queue a message for a web chat user (what the handoff service does for a reply)."""
    async with db.engine.begin() as conn:
        result = await conn.execute(
            insert(OutboxMessage).values(
                conversation_id=conversation_id,
                channel=WEB_CHANNEL,
                recipient=user_id,
                body=message.to_dict(),
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[index]
