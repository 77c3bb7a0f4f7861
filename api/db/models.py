"""All tables, imported in one place so metadata is complete for Alembic."""

from api.db.content_models import ContentMeta, FaqEntry, FaqTranslation, Helpline
from api.db.conversation_models import (
    Conversation,
    Feedback,
    HandoffRequest,
    UnansweredQuestion,
)
from api.db.delivery_models import InboundUpdate, OutboxMessage

__all__ = [
    "ContentMeta",
    "Conversation",
    "FaqEntry",
    "FaqTranslation",
    "Feedback",
    "HandoffRequest",
    "Helpline",
    "InboundUpdate",
    "OutboxMessage",
    "UnansweredQuestion",
]
