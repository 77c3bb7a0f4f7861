"""The outbox survives a failing channel (5xx, 429, permanent errors) and a restart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from api.db.conversation_models import Conversation
from api.db.delivery_models import OutboxMessage
from api.db.session import Database
from api.delivery import Dispatcher, SenderRegistry, enqueue
from bot.delivery import DeliveryError
from tests.handoff.factories import Clock, FakeChannel


async def queue(db: Database, clock: Clock, *items: tuple[str, str, str]) -> None:
    """Write outbox rows (channel, recipient, text) in one transaction."""
    async with db.transaction() as session:
        for channel, recipient, text in items:
            conversation = await session.scalar(
                select(Conversation).where(
                    Conversation.channel == channel, Conversation.channel_user_id == recipient
                )
            )
            if conversation is None:
                conversation = Conversation(channel=channel, channel_user_id=recipient)
                session.add(conversation)
                await session.flush()
            enqueue(session, conversation=conversation, body={"text": text}, now=clock())


async def rows(db: Database) -> list[tuple[str, str, int]]:
    async with db.transaction() as session:
        found = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(r.body["text"], r.status, r.attempts) for r in found]


def dispatcher(db: Database, channel: FakeChannel, clock: Clock, **options: Any) -> Dispatcher:
    senders = SenderRegistry()
    senders.register("telegram", channel)
    return Dispatcher(db, senders, clock=clock, base_delay=10.0, **options)


async def test_retries_5xx_and_429_in_order_then_delivers(db: Database) -> None:
    clock = Clock()
    channel = FakeChannel(
        [DeliveryError("502 Bad Gateway"), DeliveryError("429 Too Many Requests", retry_after=7)]
    )
    worker = dispatcher(db, channel, clock)
    await queue(
        db,
        clock,
        ("telegram", "111", "first"),
        ("telegram", "111", "second"),
        ("web", "w-1", "for the web chat"),
    )

    assert await worker.run_once() == 1  # "second" waits behind "first"; web rows are pulled
    assert await rows(db) == [
        ("first", "failed", 1),
        ("second", "pending", 0),
        ("for the web chat", "pending", 0),
    ]
    clock.advance(seconds=9)
    assert await worker.run_once() == 0  # back-off: at least 10 s
    clock.advance(seconds=5)
    assert await worker.run_once() == 1  # 429 with retry_after=7
    clock.advance(seconds=6)
    assert await worker.run_once() == 0  # the channel is paused, and the row waits, for 7 s
    clock.advance(seconds=2)
    await worker.run_once()
    await worker.run_once()

    assert channel.delivered == [("111", "first"), ("111", "second")]
    assert await rows(db) == [
        ("first", "sent", 3),
        ("second", "sent", 1),
        ("for the web chat", "pending", 0),
    ]


async def test_permanent_errors_and_exhausted_retries_are_dead(db: Database) -> None:
    clock = Clock()
    channel = FakeChannel(
        [DeliveryError("403 Forbidden: bot was blocked", permanent=True)]
        + [DeliveryError("500") for _ in range(3)]
    )
    worker = dispatcher(db, channel, clock, max_attempts=3)
    await queue(db, clock, ("telegram", "1", "blocked"), ("telegram", "2", "flaky"))

    for _ in range(4):
        await worker.run_once()
        clock.advance(minutes=5)

    assert await rows(db) == [("blocked", "dead", 1), ("flaky", "dead", 3)]
    async with db.transaction() as session:
        errors = list(await session.scalars(select(OutboxMessage.last_error)))
    assert errors[0] is not None and "403" in errors[0]


async def test_nothing_is_lost_when_the_process_stops(db: Database) -> None:
    clock = Clock()
    await queue(db, clock, ("telegram", "42", "reply"), ("telegram", "43", "other"))
    down = FakeChannel([DeliveryError("503"), DeliveryError("503")])
    await dispatcher(db, down, clock).run_once()
    # A worker that claimed a row and died before recording the result:
    crashed = dispatcher(db, FakeChannel(), clock)
    await queue(db, clock, ("telegram", "44", "claimed then lost"))
    assert len(await crashed._claim()) == 1
    del crashed

    clock.advance(minutes=3)
    restarted = FakeChannel()
    worker = dispatcher(db, restarted, clock)
    while await worker.run_once():
        pass

    assert sorted(restarted.delivered) == [
        ("42", "reply"),
        ("43", "other"),
        ("44", "claimed then lost"),
    ]
    assert [status for _, status, _ in await rows(db)] == ["sent", "sent", "sent"]
