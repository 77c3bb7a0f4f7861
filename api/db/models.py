"""All tables, imported in one place so metadata is complete for Alembic."""

from api.db.content_models import ContentMeta, FaqEntry, FaqTranslation, Helpline
from api.db.conversation_models import (
    Conversation,
    Feedback,
    HandoffRequest,
    UnansweredQuestion,
)
from api.db.delivery_models import InboundUpdate, OutboxMessage
from api.db.handoff_models import (
    AuditEvent,
    AuthToken,
    Case,
    CaseMessage,
    SavedReply,
    ServiceSetting,
    User,
    VolunteerProfile,
)
from api.db.transcript_models import TranscriptMessage

__all__ = [
    "AuditEvent",
    "AuthToken",
    "Case",
    "CaseMessage",
    "ContentMeta",
    "Conversation",
    "FaqEntry",
    "FaqTranslation",
    "Feedback",
    "HandoffRequest",
    "Helpline",
    "InboundUpdate",
    "OutboxMessage",
    "SavedReply",
    "ServiceSetting",
    "TranscriptMessage",
    "UnansweredQuestion",
    "User",
    "VolunteerProfile",
]
