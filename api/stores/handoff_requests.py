"""A HandoffGateway that records consented requests in `handoff_requests`.

The handoff service replaces it with real cases; until then a request keeps the question and
the messages the person adds while waiting.
"""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from api.db.conversation_models import HandoffRequest
from api.db.session import Database
from bot.ports import ConversationState
from bot.ports import HandoffRequest as HandoffRequestData

MAX_QUESTION_CHARS = 20_000


def reference_of(request_id: int) -> str:
    """Return the reference shown to the person for a request id."""
    return f"PW-{request_id:05d}"


class SqlHandoffGateway:
    """HandoffGateway storing one row per consented request."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def request_handoff(self, state: ConversationState, request: HandoffRequestData) -> str:
        """Record the request and return its reference."""
        if state.id is None:
            raise ValueError("the conversation must be stored before a handoff")
        async with self.db.engine.begin() as conn:
            result = await conn.execute(
                insert(HandoffRequest).values(
                    conversation_id=state.id,
                    language=request.language,
                    countries=list(request.countries),
                    topic=request.topic,
                    question=request.question[:MAX_QUESTION_CHARS],
                    bot_answer=request.bot_answer,
                    urgent=request.urgent,
                    location=request.location,
                    reason=request.reason,
                )
            )
            request_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        return reference_of(request_id)

    async def forward(self, state: ConversationState, text: str) -> bool:
        """Append the message to the person's latest request; False when there is none."""
        if state.id is None:
            return False
        async with self.db.engine.begin() as conn:
            row = (
                await conn.execute(
                    select(HandoffRequest.id, HandoffRequest.question)
                    .where(HandoffRequest.conversation_id == state.id)
                    .order_by(HandoffRequest.id.desc())
                    .limit(1)
                )
            ).first()
            if row is None:
                return False
            question = f"{row.question}\n{text}" if row.question else text
            await conn.execute(
                update(HandoffRequest)
                .where(HandoffRequest.id == row.id)
                .values(question=question[-MAX_QUESTION_CHARS:])
            )
        return True

    async def escalate(self, state: ConversationState) -> bool:
        """Mark the person's latest request urgent; False when there is none."""
        if state.id is None:
            return False
        latest = (
            select(HandoffRequest.id)
            .where(HandoffRequest.conversation_id == state.id)
            .order_by(HandoffRequest.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        async with self.db.engine.begin() as conn:
            result = await conn.execute(
                update(HandoffRequest).where(HandoffRequest.id == latest).values(urgent=True)
            )
        return bool(result.rowcount)

    async def leave(self, state: ConversationState) -> None:
        """Nothing to record: the request stays for a volunteer to follow up."""

    async def erase(self, state: ConversationState) -> None:
        """Delete every request of the conversation."""
        if state.id is None:
            return
        async with self.db.engine.begin() as conn:
            await conn.execute(
                delete(HandoffRequest).where(HandoffRequest.conversation_id == state.id)
            )

    async def handle_payload(self, state: ConversationState, raw: str) -> bool | None:
        """No cases here, so no rating or reopening buttons either."""
        return None
