"""The same flow with the person on Telegram: python-telegram-bot against a fake Bot API."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import httpx

from api.app import create_app
from api.handoff.context import HandoffContext
from tests.handoff.factories import create_admin, create_volunteer
from tests.handoff.http import login
from tests.telegram.fake_bot_api import TOKEN, Call, FakeBotAPI, fake_bot_api
from tests.telegram.updates import button_update, message_update
from tests.utils.server import serve_in_thread

CHAT_ID = 5550001234
SECRET = "webhook-secret-for-tests"


def _markup(call: Call) -> str:
    return json.dumps(call.params.get("reply_markup") or {})


async def _sent(fake: FakeBotAPI, where: Any, count: int = 1) -> Call:
    calls = await asyncio.to_thread(fake.wait_for, "sendMessage", count, where=where)
    return calls[-1]


async def test_telegram_person_reaches_a_volunteer_and_back(
    ctx: HandoffContext,
    make_settings,  # type: ignore[no-untyped-def]
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("en",), admin=admin)
    with fake_bot_api() as fake:
        settings = make_settings(
            ctx.db.url,
            telegram_bot_token=TOKEN,
            telegram_api_base_url=fake.base_url,
            telegram_webhook_secret=SECRET,
            outbox_poll_seconds=0.05,
        )
        app = create_app(settings)
        with serve_in_thread(app) as base:
            async with httpx.AsyncClient(base_url=base, timeout=30) as client:
                updates = iter(range(1, 100))

                async def person(update: dict[str, Any]) -> None:
                    response = await client.post(
                        "/telegram/webhook",
                        json=update,
                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                    )
                    assert response.status_code == 200, response.text

                async def press(data: str) -> None:
                    update_id = next(updates)
                    await person(button_update(update_id, CHAT_ID, data, message_id=update_id))

                await person(message_update(next(updates), CHAT_ID, "I want to talk to a person"))
                await _sent(fake, lambda c: "handoff:yes" in _markup(c))
                await press("handoff:yes")
                accepted = await _sent(fake, lambda c: "handoff:leave" in _markup(c))
                reference = re.search(r"\b[0-9A-Z]{8}\b", accepted.params["text"]).group()  # type: ignore[union-attr]

                staff = await login(client, volunteer.email)
                claimed = await client.post(f"/v1/cases/{reference}/claim", headers=staff)
                assert claimed.status_code == 200, claimed.text
                reply = {"body": "Hello from a volunteer: what is your destination?"}
                sent = await client.post(
                    f"/v1/cases/{reference}/replies", headers=staff, json=reply
                )
                assert sent.status_code == 201 and sent.json()["held"] is False
                relayed = await _sent(fake, lambda c: "Hello from a volunteer" in c.params["text"])
                assert str(relayed.params["chat_id"]) == str(CHAT_ID)

                await person(message_update(next(updates), CHAT_ID, "Canada, for a job"))
                for _ in range(100):
                    case = (await client.get(f"/v1/cases/{reference}", headers=staff)).json()
                    if case["messages"][-1]["sender"] == "person":
                        break
                    await asyncio.sleep(0.05)
                assert case["messages"][-1]["body"] == "Canada, for a job"

                closed = await client.post(
                    f"/v1/cases/{reference}/close", headers=staff, json={"outcome": "resolved"}
                )
                assert closed.status_code == 200
                prompt = await _sent(fake, lambda c: f"rate:{reference}:5" in _markup(c))
                assert f"reopen:{reference}" in _markup(prompt)
                answered = len(fake.calls_of("answerCallbackQuery"))
                await press(f"rate:{reference}:5")
                await asyncio.to_thread(fake.wait_for, "answerCallbackQuery", answered + 1)

                admin_auth = await login(client, admin.email)
                seen = [
                    (await client.get(path, headers=auth)).text
                    for path, auth in (
                        (f"/v1/cases/{reference}", admin_auth),
                        (f"/v1/admin/audit?case={reference}", admin_auth),
                        ("/v1/cases/mine", staff),
                    )
                ]
                assert all(str(CHAT_ID) not in body for body in [*seen, claimed.text, sent.text])
                for _ in range(20):
                    rating = (
                        await client.get(f"/v1/cases/{reference}", headers=admin_auth)
                    ).json()
                    if rating["rating"] is not None:
                        break
                    await asyncio.sleep(0.05)
                assert rating["rating"] == 5
