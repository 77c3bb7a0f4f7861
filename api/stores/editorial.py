"""What editors learn from conversations: feedback and unanswered questions (no user id)."""

from __future__ import annotations

from sqlalchemy import insert

from api.db.conversation_models import Feedback, UnansweredQuestion
from api.db.session import Database

MAX_STORED_TEXT = 2000


class SqlFeedbackSink:
    """FeedbackSink writing to the `feedback` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, *, faq_id: str, lang: str, helpful: bool) -> None:
        """Store one feedback."""
        async with self.db.engine.begin() as conn:
            await conn.execute(insert(Feedback).values(faq_id=faq_id, lang=lang, helpful=helpful))


class SqlUnansweredSink:
    """UnansweredSink writing to the `unanswered_questions` table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self, *, text: str, lang: str, intent: str | None, confidence: float | None
    ) -> None:
        """Store one unanswered question (text, language, NLU guess; the time is added)."""
        async with self.db.engine.begin() as conn:
            await conn.execute(
                insert(UnansweredQuestion).values(
                    text=text[:MAX_STORED_TEXT], lang=lang, intent=intent, confidence=confidence
                )
            )
