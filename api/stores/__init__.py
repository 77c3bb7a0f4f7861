"""SQLAlchemy implementations of the dialogue's ports (bot.ports)."""

from api.db.session import Database
from api.stores.conversations import SqlConversationStore
from api.stores.editorial import SqlFeedbackSink, SqlUnansweredSink
from api.stores.handoff_requests import SqlHandoffGateway
from api.stores.transcripts import SqlTranscriptSink, load_history
from api.stores.web_outbox import enqueue_web_message, fetch_web_messages
from bot.ports import HandoffGateway, Ports


def sql_ports(db: Database, *, handoff: HandoffGateway | None = None) -> Ports:
    """Wire the SQL stores; `handoff` replaces the request-recording gateway when given."""
    return Ports(
        conversations=SqlConversationStore(db),
        feedback=SqlFeedbackSink(db),
        unanswered=SqlUnansweredSink(db),
        handoff=handoff or SqlHandoffGateway(db),
        transcript=SqlTranscriptSink(db),
    )


__all__ = [
    "SqlConversationStore",
    "SqlFeedbackSink",
    "SqlHandoffGateway",
    "SqlTranscriptSink",
    "SqlUnansweredSink",
    "enqueue_web_message",
    "fetch_web_messages",
    "load_history",
    "sql_ports",
]
