"""Write a message for a migrant to the outbox, inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.db.conversation_models import Conversation
from api.db.delivery_models import OutboxMessage


def enqueue(
    session: AsyncSession, *, conversation: Conversation, body: dict[str, Any], now: datetime
) -> OutboxMessage:
    """Add an outbox row addressed to the conversation's channel user; commit delivers it."""
    row = OutboxMessage(
        conversation_id=conversation.id,
        channel=conversation.channel,
        recipient=conversation.channel_user_id,
        body=body,
        status="pending",
        attempts=0,
        available_at=now,
        created_at=now,
    )
    session.add(row)
    return row
