"""Webhook mode end to end: Telegram's POSTs to the real app, replies to the fake Bot API."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import select

from api.db.conversation_models import Conversation
from api.db.session import Database
from api.delivery import enqueue
from api.handoff.notices import volunteer_reply
from tests.telegram import scenarios
from tests.telegram.conftest import SECRET, Stack, next_id
from tests.telegram.updates import message_update


def test_webhook_and_menus_are_registered(webhook_stack: Stack) -> None:
    hook = webhook_stack.fake.calls_of("setWebhook")[-1].params
    assert hook["url"] == f"{webhook_stack.url}/telegram/webhook"
    assert hook["secret_token"] == SECRET
    menus = {
        c.params.get("language_code"): c.params["commands"]
        for c in webhook_stack.fake.calls_of("setMyCommands")
    }
    assert set(menus) == {None, "en", "fr", "es", "ar", "ne"}
    names = [c["command"] for c in menus["fr"]]
    assert names == ["start", "menu", "language", "help", "privacy", "delete"]
    french = {c["command"]: c["description"] for c in menus["fr"]}
    assert french["delete"] != {c["command"]: c["description"] for c in menus["en"]}["delete"]


def test_first_contact_with_language_choice(webhook_stack: Stack) -> None:
    scenarios.first_contact_with_language_choice(webhook_stack)


def test_answered_question_with_source(webhook_stack: Stack) -> None:
    scenarios.answered_question_with_source(webhook_stack)


def test_clarifying_keyboard(webhook_stack: Stack) -> None:
    scenarios.clarifying_keyboard(webhook_stack)


def test_emergency(webhook_stack: Stack) -> None:
    scenarios.emergency(webhook_stack)


def test_consent(webhook_stack: Stack) -> None:
    scenarios.consent_to_a_volunteer(webhook_stack)


def test_delete(webhook_stack: Stack) -> None:
    scenarios.delete_my_data(webhook_stack)


def test_group_message(webhook_stack: Stack) -> None:
    scenarios.group_message(webhook_stack)


def test_retry_after(webhook_stack: Stack) -> None:
    scenarios.retry_after_is_honoured(webhook_stack)


def test_duplicate_update_is_handled_once(webhook_stack: Stack) -> None:
    chat = next_id()
    update = message_update(next_id(), chat, "/help")
    for _ in range(3):
        assert webhook_stack.post(update).status_code == 200
    once = len(scenarios.settle(webhook_stack, chat))
    assert once >= 1
    assert webhook_stack.post(update).status_code == 200
    assert len(scenarios.settle(webhook_stack, chat)) == once


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", SECRET + "x", "sécret"])
def test_wrong_or_missing_secret_is_refused(webhook_stack: Stack, secret: str | None) -> None:
    chat = next_id()
    update = message_update(next_id(), chat, "/start")
    if secret == "sécret":
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret.encode("utf-8")}
        response = webhook_stack.client.post("/telegram/webhook", json=update, headers=headers)
    else:
        response = webhook_stack.post(update, secret=secret)
    assert response.status_code == 403
    time.sleep(0.5)
    assert webhook_stack.sent(chat) == []
    # Nothing was recorded either: the same update with the right secret is answered.
    assert webhook_stack.post(update).status_code == 200
    webhook_stack.wait_sent(chat)


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[" * 30000 + b"]" * 30000,
        b"\xff\xfe\x00",
        b"[]",
        b"{}",
        b'{"update_id": "7"}',
        b'{"update_id": true}',
        b'{"update_id": 12, "message": "hello"}',
        b'{"update_id": 13, "message": {"message_id": 1}}',
        b'{"update_id": 14, "message": {"message_id": 1, "date": 1e30, "chat": 5}}',
        b'{"update_id": 15, "callback_query": {"id": "1"}}',
    ],
)
def test_malformed_update_is_a_4xx(webhook_stack: Stack, body: bytes) -> None:
    response = webhook_stack.post(None, raw=body)
    assert response.status_code == 400, response.text
    assert webhook_stack.client.get("/healthz").status_code == 200
    chat = next_id()
    assert webhook_stack.post(message_update(next_id(), chat, "/help")).status_code == 200
    webhook_stack.wait_sent(chat)


def test_unknown_update_kinds_are_accepted_and_ignored(webhook_stack: Stack) -> None:
    update = {"update_id": next_id(), "poll": {"id": "1", "question": "?", "options": []}}
    assert webhook_stack.post(update).status_code in (200, 400)
    edited = message_update(next_id(), next_id(), "/start")
    edited["edited_message"] = edited.pop("message")
    assert webhook_stack.post(edited).status_code == 200


def test_volunteer_reply_is_relayed_to_the_chat(webhook_stack: Stack) -> None:
    chat = next_id()
    webhook_stack.deliver(message_update(next_id(), chat, "/start"))
    count = len(scenarios.settle(webhook_stack, chat))

    async def write_outbox() -> None:
        db = Database(webhook_stack.database_url)
        try:
            async with db.transaction() as session:
                conversation = (
                    await session.execute(
                        select(Conversation).where(
                            Conversation.channel == "telegram",
                            Conversation.channel_user_id == str(chat),
                        )
                    )
                ).scalar_one()
                body = volunteer_reply("en", "PW-TEST1", "Hello, I can help <you> & yours.")
                enqueue(session, conversation=conversation, body=body, now=conversation.created_at)
        finally:
            await db.dispose()

    asyncio.run(write_outbox())
    relayed = webhook_stack.wait_sent(chat, count + 1)[count]
    assert "Hello, I can help &lt;you&gt; &amp; yours." in relayed.params["text"]
    assert scenarios.callback_data(relayed) == ["handoff:leave"]
