"""The SQL implementations of the dialogue's ports, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from api.db.conversation_models import Conversation, Feedback, HandoffRequest, UnansweredQuestion
from api.db.delivery_models import OutboxMessage
from api.db.session import Database
from api.stores import (
    SqlConversationStore,
    SqlFeedbackSink,
    SqlHandoffGateway,
    SqlUnansweredSink,
    enqueue_web_message,
    fetch_web_messages,
    sql_ports,
)
from bot.engine import Engine
from bot.knowledge import KnowledgeBase
from bot.messages import Button, OutgoingMessage
from bot.ports import HandoffRequest as HandoffRequestData
from nlu import NLUPipeline
from tests.bot.dialogue import Chat


async def count(db: Database, table: type) -> int:
    async with db.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(table)) or 0)


async def test_load_creates_once_and_save_writes_changes(db: Database) -> None:
    store = SqlConversationStore(db)
    state = await store.load("telegram", "42")
    assert state.id is not None and state.language is None and not state.disclaimer_shown
    state.language = "ne"
    state.country = "QA"
    state.pending = {"kind": "country", "entries": ["a", "b"], "question": "कतार जान"}
    state.disclaimer_shown = True
    await store.save(state)
    again = await store.load("telegram", "42")
    assert (again.id, again.language, again.country, again.disclaimer_shown) == (
        state.id,
        "ne",
        "QA",
        True,
    )
    assert again.pending == state.pending
    assert again.updated_at is not None and again.created_at is not None
    assert again.changes() == {}
    other = await store.load("whatsapp", "42")
    assert other.id != state.id
    assert await count(db, Conversation) == 2


async def test_save_leaves_fields_it_did_not_change(db: Database) -> None:
    store = SqlConversationStore(db)
    first = await store.load("web", "u")
    second = await store.load("web", "u")  # another worker, same person
    first.handoff_active = True
    await store.save(first)
    second.language = "fr"
    await store.save(second)
    final = await store.load("web", "u")
    assert final.handoff_active and final.language == "fr"


async def test_concurrent_first_messages_create_one_conversation(db: Database) -> None:
    store = SqlConversationStore(db)
    states = await asyncio.gather(*(store.load("web", "same") for _ in range(8)))
    assert len({s.id for s in states}) == 1
    assert await count(db, Conversation) == 1


async def test_feedback_and_unanswered_questions_have_no_user_id(db: Database) -> None:
    await SqlFeedbackSink(db).record(faq_id="visa-proof-of-funds", lang="es", helpful=False)
    await SqlUnansweredSink(db).record(
        text="¿y el clima?", lang="es", intent="out_of_scope", confidence=0.9
    )
    async with db.sessions() as session:
        feedback = (await session.scalars(select(Feedback))).one()
        question = (await session.scalars(select(UnansweredQuestion))).one()
    assert (feedback.faq_id, feedback.lang, feedback.helpful) == (
        "visa-proof-of-funds",
        "es",
        False,
    )
    assert (question.text, question.intent) == ("¿y el clima?", "out_of_scope")
    assert "user" not in " ".join(c.name for c in UnansweredQuestion.__table__.columns)


async def test_handoff_requests_are_recorded_forwarded_and_erased(db: Database) -> None:
    conversations = SqlConversationStore(db)
    gateway = SqlHandoffGateway(db)
    state = await conversations.load("telegram", "7")
    assert not await gateway.forward(state, "nobody is listening")
    reference = await gateway.request_handoff(
        state,
        HandoffRequestData(
            language="ar",
            countries=("SA", "EG"),
            topic="protection_risk",
            question="أخذوا جوازي",
            bot_answer="protection-never-hand-over-passport",
            urgent=True,
        ),
    )
    assert reference.startswith("PW-")
    assert await gateway.forward(state, "ما زلت هنا")
    async with db.sessions() as session:
        row = (await session.scalars(select(HandoffRequest))).one()
    assert (row.language, row.countries, row.urgent) == ("ar", ["SA", "EG"], True)
    assert row.question == "أخذوا جوازي\nما زلت هنا"
    await enqueue_web_message(db, "7", OutgoingMessage("hi"), conversation_id=state.id)
    await gateway.erase(state)
    await conversations.erase(state)
    assert await count(db, HandoffRequest) == 0
    assert await count(db, Conversation) == 0
    assert await count(db, OutboxMessage) == 0


async def test_web_messages_are_fetched_after_a_cursor_and_marked_sent(db: Database) -> None:
    message = OutgoingMessage("مرحبا", (Button("نعم", "handoff:yes"),), language="ar")
    first = await enqueue_web_message(db, "web-user", message)
    second = await enqueue_web_message(db, "web-user", OutgoingMessage("second"))
    await enqueue_web_message(db, "someone-else", OutgoingMessage("not yours"))
    messages, cursor = await fetch_web_messages(db, "web-user", 0)
    assert [m.text for m in messages] == ["مرحبا", "second"]
    assert messages[0].direction == "rtl" and messages[0].buttons == message.buttons
    assert cursor == second > first
    assert await fetch_web_messages(db, "web-user", cursor) == ([], cursor)
    async with db.sessions() as session:
        statuses = (
            await session.scalars(
                select(OutboxMessage.status).where(OutboxMessage.recipient == "web-user")
            )
        ).all()
    assert set(statuses) == {"sent"}


async def test_a_whole_dialogue_on_each_database(
    db: Database, knowledge: KnowledgeBase, nlu_pipeline: NLUPipeline
) -> None:
    engine = Engine(knowledge=lambda: knowledge, nlu=lambda: nlu_pipeline, ports=sql_ports(db))
    chat = Chat(engine=engine, hint="fr")
    await chat.say("/start")
    await chat.say("je veux faire venir ma femme")
    await chat.press("country:FR")
    assert chat.first("fb:")
    await chat.press("handoff:offer")
    await chat.press("handoff:yes")
    assert await count(db, HandoffRequest) == 1
    await chat.say("/delete")
    await chat.press("del:yes")
    assert await count(db, Conversation) == 0
