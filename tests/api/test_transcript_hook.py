"""The engine records the transcript after each message; a failing store never costs the reply."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from api.db.session import Database
from api.stores import load_history, sql_ports
from bot.engine import Engine
from bot.knowledge import KnowledgeBase
from bot.messages import IncomingMessage, OutgoingMessage
from bot.ports import ConversationState


class BrokenSink:
    """A transcript store whose database is down."""

    async def record(
        self,
        state: ConversationState,
        incoming: IncomingMessage,
        replies: Sequence[OutgoingMessage],
    ) -> None:
        raise ConnectionError("database is down")


def engine(db: Database, knowledge: KnowledgeBase, **ports: object) -> Engine:
    wired = dataclasses.replace(sql_ports(db), **ports)  # type: ignore[arg-type]
    return Engine(knowledge=lambda: knowledge, nlu=lambda: None, ports=wired)


async def test_every_reply_is_recorded_as_shown(db: Database, knowledge: KnowledgeBase) -> None:
    bot = engine(db, knowledge)
    welcome = await bot.handle(IncomingMessage("web", "hook-1", text="/start", language_hint="ne"))
    pressed = welcome[0].buttons[1]
    later = await bot.handle(IncomingMessage("web", "hook-1", payload=pressed.payload))
    data = await load_history(db, channel="web", user_id="hook-1")
    shown = data["messages"]
    assert [m["text"] for m in shown] == [
        *(m.text for m in welcome),
        pressed.title,
        *(m.text for m in later),
    ]
    assert shown[0]["buttons"] == [
        {"title": b.title, "payload": b.payload} for b in welcome[0].buttons
    ]
    assert shown[0]["lang"] == "ne"


async def test_a_failing_transcript_store_is_logged_and_the_person_gets_the_reply(
    db: Database, knowledge: KnowledgeBase, caplog: pytest.LogCaptureFixture
) -> None:
    bot = engine(db, knowledge, transcript=BrokenSink())
    replies = await bot.handle(IncomingMessage("web", "hook-2", text="/start", language_hint="en"))
    assert "This is general information, not legal advice." in replies[0].text
    assert "cannot record the transcript of a web user" in caplog.text
    assert "database is down" in caplog.text  # with its traceback, for whoever runs the service
    assert all("database" not in reply.text for reply in replies)


async def test_nothing_is_recorded_after_the_person_erased_their_data(
    db: Database, knowledge: KnowledgeBase
) -> None:
    bot = engine(db, knowledge)
    await bot.handle(IncomingMessage("web", "hook-3", text="/start", language_hint="en"))
    await bot.handle(IncomingMessage("web", "hook-3", text="/delete"))
    await bot.handle(IncomingMessage("web", "hook-3", payload="del:yes"))
    assert (await load_history(db, channel="web", user_id="hook-3"))["messages"] == []
