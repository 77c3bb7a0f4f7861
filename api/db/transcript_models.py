"""The transcript: what the person sent and what the bot showed them, message by message."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.db.base import Base, UTCDateTime, utcnow


class TranscriptMessage(Base):
    """One message of a conversation: the person's ("in") or the bot's ("out")."""

    __tablename__ = "transcript_messages"
    __table_args__ = (Index("ix_transcript_conversation", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE")
    )
    direction: Mapped[str] = mapped_column(String(3))
    # What the person typed, the title of the button they pressed, or the bot's text.
    text: Mapped[str] = mapped_column(Text, default="")
    # The payload of a pressed button ("in"); the buttons shown with a reply ("out").
    payload: Mapped[str | None] = mapped_column(String(64), default=None)
    buttons: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    link: Mapped[str | None] = mapped_column(Text, default=None)
    language: Mapped[str | None] = mapped_column(String(8), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
