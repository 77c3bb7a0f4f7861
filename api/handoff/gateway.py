"""The dialogue's HandoffGateway backed by real cases (bot.ports.HandoffGateway)."""

from __future__ import annotations

from sqlalchemy import select

from api.db.conversation_models import Conversation
from api.db.conversation_models import HandoffRequest as HandoffRequestRow
from api.db.handoff_models import Case, CaseMessage
from api.handoff import audit, closing
from api.handoff.audit import Action
from api.handoff.case_transcript import copy_transcript
from api.handoff.cases import bot_answer_snapshot, open_case
from api.handoff.context import HandoffContext
from api.handoff.errors import NotFound
from api.handoff.relay import add_person_message
from api.handoff.retention import erase_conversation
from api.handoff.routing import LIVE
from bot.payloads import parse_payload
from bot.ports import ConversationState, HandoffRequest

MAX_TEXT_CHARS = 4000


def _reason(request: HandoffRequest) -> str | None:
    reason = (request.reason or "").strip()
    return reason[:MAX_TEXT_CHARS] if request.urgent and reason else None


def _conversation_id(state: ConversationState) -> int:
    if state.id is None:
        raise ValueError("the conversation must be stored before a handoff")
    return state.id


class CaseGateway:
    """Turn consented requests into cases and relay the person's messages to them."""

    def __init__(self, ctx: HandoffContext) -> None:
        self.ctx = ctx

    async def request_handoff(self, state: ConversationState, request: HandoffRequest) -> str:
        """Open a case (or rejoin the person's live one) and return its reference."""
        conversation_id = _conversation_id(state)
        now = self.ctx.now()
        question = request.question[:MAX_TEXT_CHARS]
        async with self.ctx.db.transaction() as session:
            conversation = await session.get(Conversation, conversation_id)
            if conversation is None:
                raise NotFound("no such conversation")
            live = await session.scalar(
                select(Case).where(Case.conversation_id == conversation_id, Case.status.in_(LIVE))
            )
            if live is not None:
                # Coming back after "back to the bot": same case, the new question appended.
                if question:
                    session.add(
                        CaseMessage(
                            case_id=live.id, sender="person", body=question, created_at=now
                        )
                    )
                if request.urgent:
                    live.priority = "urgent"
                    live.urgent_reason = live.urgent_reason or _reason(request)
                if request.location and not live.location:
                    live.location = request.location
                return live.reference
            row = HandoffRequestRow(
                conversation_id=conversation_id,
                language=request.language,
                countries=list(request.countries),
                topic=request.topic,
                question=question,
                bot_answer=request.bot_answer,
                urgent=request.urgent,
                location=request.location,
                reason=request.reason,
                created_at=now,
            )
            session.add(row)
            await session.flush()
            case_row = await open_case(
                session,
                conversation=conversation,
                language=request.language,
                countries=list(request.countries),
                topic=request.topic,
                question=question,
                bot_answer=bot_answer_snapshot(
                    self.ctx.knowledge(), request.bot_answer, request.language
                ),
                urgent=request.urgent,
                now=now,
                handoff_request_id=row.id,
                location=request.location,
                urgent_reason=_reason(request),
            )
            await copy_transcript(
                session,
                case_row=case_row,
                conversation_id=conversation_id,
                knowledge=self.ctx.knowledge(),
            )
            return case_row.reference

    async def forward(self, state: ConversationState, text: str) -> bool:
        """Add the person's message to their live case; False when none is open any more."""
        if state.id is None:
            return False
        async with self.ctx.db.transaction() as session:
            found = await add_person_message(
                session, conversation_id=state.id, text=text[:MAX_TEXT_CHARS], now=self.ctx.now()
            )
        return found is not None

    async def escalate(self, state: ConversationState) -> bool:
        """Raise the person's live case to urgent (an emergency while handed over)."""
        if state.id is None:
            return False
        now = self.ctx.now()
        async with self.ctx.db.transaction() as session:
            case_row = await session.scalar(
                select(Case).where(Case.conversation_id == state.id, Case.status.in_(LIVE))
            )
            if case_row is None:
                return False
            if case_row.priority == "urgent":
                return True
            previous = case_row.priority
            case_row.priority = "urgent"
            session.add(
                CaseMessage(
                    case_id=case_row.id,
                    sender="system",
                    body="The person's last message may mean they are in danger now: the case "
                    "is now urgent. They were shown the emergency helplines.",
                    created_at=now,
                )
            )
            audit.record(
                session,
                action=Action.ESCALATE,
                at=now,
                actor_kind="person",
                case_reference=case_row.reference,
                detail={"from": previous, "to": "urgent", "reason": "emergency"},
            )
        return True

    async def leave(self, state: ConversationState) -> None:
        """Tell the volunteer the person went back to the bot (the case stays open)."""
        if state.id is None:
            return
        now = self.ctx.now()
        async with self.ctx.db.transaction() as session:
            case_row = await session.scalar(
                select(Case).where(Case.conversation_id == state.id, Case.status.in_(LIVE))
            )
            if case_row is None:
                return
            session.add(
                CaseMessage(
                    case_id=case_row.id,
                    sender="system",
                    body="The person went back to the bot; their next messages are not "
                    "passed on. Your replies still reach them.",
                    created_at=now,
                )
            )
            audit.record(
                session,
                action=Action.PERSON_LEFT,
                at=now,
                actor_kind="person",
                case_reference=case_row.reference,
            )

    async def erase(self, state: ConversationState) -> None:
        """Delete the person's cases and handoff requests (/delete)."""
        if state.id is None:
            return
        async with self.ctx.db.transaction() as session:
            await erase_conversation(session, conversation_id=state.id, now=self.ctx.now())

    async def rate(self, state: ConversationState, reference: str, score: int) -> bool:
        """Record the person's rating (payload `rate:<reference>:<1-5>`); False if not possible."""
        if state.id is None:
            return False
        return await closing.rate(
            self.ctx, conversation_id=state.id, reference=reference, score=score
        )

    async def reopen(self, state: ConversationState, reference: str) -> bool:
        """Reopen the person's closed case (payload `reopen:<reference>`) within the window."""
        if state.id is None:
            return False
        reopened = await closing.reopen(self.ctx, conversation_id=state.id, reference=reference)
        if reopened:
            state.handoff_active = True
        return reopened

    async def handle_payload(self, state: ConversationState, raw: str) -> bool | None:
        """Act on a `rate:` or `reopen:` payload; None when the payload is not one of these."""
        payload = parse_payload(raw)
        if payload is None or payload.kind not in ("rate", "reopen"):
            return None
        if payload.kind == "reopen":
            return await self.reopen(state, payload.arg())
        score = payload.arg(1)
        return score.isdigit() and await self.rate(state, payload.arg(), int(score))
