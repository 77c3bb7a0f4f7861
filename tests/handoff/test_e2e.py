"""The issue's end-to-end flow through the real HTTP app: web chat -> case -> volunteer -> chat."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.handoff.context import HandoffContext
from tests.handoff.factories import FakeChannel, create_admin, open_case
from tests.handoff.http import chat, login, register
from tests.utils.server import serve_in_thread

PERSON = "web-person-7c1e5a"  # the channel user id that must never reach a volunteer
# Client-side request logs and the server's access log carry the person's own chat URL.
NOT_SERVICE_LOGS = ("httpx", "httpcore", "uvicorn.access")


class Recorder:
    """An HTTP client for staff that keeps every response body for the privacy check."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.bodies: list[str] = []

    async def call(self, method: str, url: str, headers: dict[str, str], **kw: Any) -> Any:
        response = await self.client.request(method, url, headers=headers, **kw)
        self.bodies.append(response.text)
        assert response.status_code < 300, (url, response.status_code, response.text)
        return response.json() if response.content else None


async def test_web_chat_person_reaches_a_volunteer_and_back(
    ctx: HandoffContext,
    make_settings,  # type: ignore[no-untyped-def]
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)  # libraries at INFO (aiosqlite's DEBUG traces every query)
    for ours in ("api", "bot", "nlu"):
        caplog.set_level(logging.DEBUG, logger=ours)
    admin = await create_admin(ctx)
    app = create_app(make_settings(ctx.db.url, outbox_poll_seconds=0.05))
    with serve_in_thread(app) as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            staff = Recorder(client)
            admin_auth = await login(client, admin.email)
            # Volunteers apply; the admin vets three of them and suspends one.
            ids = {
                name: await register(client, f"{name}@example.org", langs, destinations=["AE"])
                for name, langs in {
                    "speaker": ["ne", "en"],
                    "french": ["fr"],
                    "pending": ["ne"],
                    "suspended": ["ne"],
                }.items()
            }
            for name in ("speaker", "french", "suspended"):
                await staff.call(
                    "POST",
                    f"/v1/admin/volunteers/{ids[name]}/approve",
                    admin_auth,
                    json={"notes": "interviewed"},
                )
            speaker = await login(client, "speaker@example.org")
            french = await login(client, "french@example.org")
            pending = await login(client, "pending@example.org")
            suspended = await login(client, "suspended@example.org")
            await staff.call(
                "POST",
                f"/v1/admin/volunteers/{ids['suspended']}/suspend",
                admin_auth,
                json={"notes": "complaint"},
            )

            # The person asks in Nepali, then asks for a human and consents.
            await chat(client, PERSON, payload="lang:ne")
            await chat(client, PERSON, text="एजेन्टले मेरो राहदानी राख्न पाउँछ?")
            consent = await chat(client, PERSON, text="म स्वयंसेवकसँग कुरा गर्न चाहन्छु")
            assert "handoff:yes" in [b["payload"] for m in consent for b in m["buttons"]]
            accepted = await chat(client, PERSON, payload="handoff:yes")
            reference = re.search(r"\b[0-9A-Z]{8}\b", accepted[0]["text"]).group()  # type: ignore[union-attr]

            # Only the vetted, active Nepali speaker sees it.
            queue = await staff.call("GET", "/v1/cases/queue", speaker)
            assert [c["reference"] for c in queue["items"]] == [reference]
            assert queue["items"][0]["priority"] == "urgent"  # a passport question
            assert queue["items"][0]["language"] == "ne"
            assert (await staff.call("GET", "/v1/cases/queue", french))["items"] == []
            assert (await client.get("/v1/cases/queue", headers=pending)).status_code == 403
            assert (await client.get("/v1/cases/queue", headers=suspended)).status_code == 401

            # Claim and reply; the reply arrives in the person's chat through the outbox.
            case = await staff.call("POST", f"/v1/cases/{reference}/claim", speaker)
            assert "राहदानी" in case["question"]
            assert case["bot_answer"]["sources"]
            sent = await staff.call(
                "POST",
                f"/v1/cases/{reference}/replies",
                speaker,
                json={"body": "नमस्ते, म सहयोग गर्छु। राहदानी नदिनुहोस्।"},
            )
            assert sent["held"] is False
            later = await _wait_for_messages(client, 0)
            assert reference in later["messages"][0]["text"]
            assert "राहदानी नदिनुहोस्" in later["messages"][0]["text"]

            # The person answers; the volunteer sees it on the case.
            passed = await chat(client, PERSON, text="धन्यवाद, एजेन्टले पहिले नै लियो।")
            assert passed[0]["buttons"][0]["payload"] == "handoff:leave"
            case = await staff.call("GET", f"/v1/cases/{reference}", speaker)
            assert case["messages"][-1]["sender"] == "person"
            assert "पहिले नै लियो" in case["messages"][-1]["body"]

            # The volunteer closes; the person is asked to rate, and rates.
            await staff.call(
                "POST", f"/v1/cases/{reference}/close", speaker, json={"outcome": "resolved"}
            )
            prompt = await _wait_for_messages(client, later["cursor"])
            payloads = [b["payload"] for b in prompt["messages"][0]["buttons"]]
            assert f"rate:{reference}:5" in payloads and f"reopen:{reference}" in payloads
            rated = await chat(client, PERSON, payload=f"rate:{reference}:5")

            telegram_user = await _telegram_reply_is_pushed(app, ctx, staff, speaker)

            # Everything staff received, and every log line of the service, is free of the ids.
            for path in (
                "/v1/admin/cases?status=closed",
                "/v1/admin/holds",
                f"/v1/admin/audit?case={reference}",
                "/v1/cases/mine",
            ):
                await staff.call("GET", path, admin_auth if "admin" in path else speaker)
            closed = await staff.call("GET", f"/v1/cases/{reference}", admin_auth)
            secret_ids = (PERSON, telegram_user)
            assert [b for b in staff.bodies if any(i in b for i in secret_ids)] == []
            leaks = [
                r.getMessage()
                for r in caplog.records
                if not r.name.startswith(NOT_SERVICE_LOGS)
                and any(i in r.getMessage() for i in secret_ids)
            ]
            assert leaks == []
            actions = [
                e["action"]
                for e in await staff.call("GET", f"/v1/admin/audit?case={reference}", admin_auth)
            ]
            assert {"case_created", "view", "claim", "reply", "person_message", "close"} <= set(
                actions
            )
            assert closed["rating"] == 5
            assert rated[0]["buttons"][-1]["payload"] == "cmd:menu"


async def _telegram_reply_is_pushed(
    app: Any, ctx: HandoffContext, staff: Recorder, volunteer: dict[str, str]
) -> str:
    """A reply to a Telegram user goes out through the server's dispatcher; return the user."""
    channel = FakeChannel()
    app.state.runtime.senders.register("telegram", channel)
    reference, state = await open_case(ctx, lang="en", channel="telegram")
    await staff.call("POST", f"/v1/cases/{reference}/claim", volunteer)
    await staff.call(
        "POST",
        f"/v1/cases/{reference}/replies",
        volunteer,
        json={"body": "Hello from a volunteer."},
    )
    for _ in range(100):
        if channel.delivered:
            break
        await asyncio.sleep(0.05)
    [(recipient, text)] = channel.delivered
    assert recipient == state.user_id and "Hello from a volunteer." in text
    return state.user_id


async def _wait_for_messages(client: httpx.AsyncClient, after: int) -> dict[str, Any]:
    for _ in range(100):
        response = await client.get(f"/v1/chat/{PERSON}/messages", params={"after": after})
        body: dict[str, Any] = response.json()
        if body["messages"]:
            return body
        await asyncio.sleep(0.05)
    raise AssertionError("no message reached the web chat")
