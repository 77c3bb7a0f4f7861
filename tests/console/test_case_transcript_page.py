"""The case page: the whole conversation, where the person is vs. where they want to go, why
it is urgent, the person's contact details hidden (an admin may reveal one message, audited)."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from api.handoff import audit
from api.handoff.context import HandoffContext
from bot.knowledge import KnowledgeBase
from tests.console.client import ConsoleUser, text_of
from tests.console.conftest import Served
from tests.console.test_browser import ARTIFACTS, new_page, sign_in
from tests.handoff.factories import PASSWORD, create_admin, create_volunteer, emergency_case

HIDDEN = "help they locked me in, call me on [phone number hidden] or [e-mail address hidden]"


async def test_the_volunteer_reads_the_whole_conversation_with_contact_details_hidden(
    served: Served, ctx: HandoffContext, knowledge: KnowledgeBase
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("en",), admin=admin)
    reference, _ = await emergency_case(ctx, knowledge)
    async with ConsoleUser(served.base_url) as worker:
        await worker.sign_in(volunteer.email)
        queue = text_of((await worker.get("/console/queue")).text)
        assert "98-1234-5678" not in queue and "gmail" not in queue
        page = text_of((await worker.get(f"/console/cases/{reference}")).text)
    assert "Where the person is now United Kingdom" in page
    assert "Wants to go to Germany" in page
    assert f"Why it is urgent {HIDDEN}" in page
    # The conversation from its first message, the bot's helplines marked as the bot's.
    conversation = page.split("Conversation", 1)[1]
    assert conversation.index("The person") < conversation.index("The bot")
    assert "If you are in danger now, contact one of these right away:" in conversation
    assert "Emergency (police, fire, ambulance): 999" in conversation
    assert "Yes, alert a volunteer" in conversation
    assert "Helplines shown to the person: Emergency (police, fire, ambulance): 999" in page
    assert "98-1234-5678" not in page and "ram at gmail" not in page
    assert "Show the hidden contact details" not in page  # only admins may


async def test_an_admin_reveals_one_message_and_the_audit_log_says_so(
    served: Served, ctx: HandoffContext, knowledge: KnowledgeBase
) -> None:
    admin = await create_admin(ctx)
    reference, _ = await emergency_case(ctx, knowledge)
    async with ConsoleUser(served.base_url) as boss:
        await boss.sign_in(admin.email)
        html = (await boss.get(f"/console/cases/{reference}")).text
        assert "98-1234-5678" not in html
        action = html.split(f'action="/console/cases/{reference}/messages/', 1)[1]
        message_id = int(action.split("/", 1)[0])
        shown = await boss.post(f"/console/cases/{reference}/messages/{message_id}/reveal")
        assert shown.status_code == 200
        page = text_of(shown.text)
    assert "call me on +977 98-1234-5678 or ram at gmail dot com" in page
    assert "Shown to you as written; this was recorded in the audit log." in page
    events = await audit.search(ctx, action="reveal_contact", case_reference=reference)
    assert [(e.actor_id, e.detail) for e in events] == [(admin.id, {"message_id": message_id})]


@pytest.mark.browser
async def test_the_case_page_on_a_phone(
    browser: Browser, served: Served, ctx: HandoffContext, knowledge: KnowledgeBase
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("en",), admin=admin)
    reference, _ = await emergency_case(ctx, knowledge)
    page = await new_page(browser, "en-GB", phone=True)
    await sign_in(page, served.base_url, volunteer.email, PASSWORD)
    await page.goto(f"{served.base_url}/console/cases/{reference}")
    await expect(page.get_by_text("Where the person is now")).to_be_visible()
    await expect(page.locator(".helplines-shown li").first).to_contain_text("999")
    assert "98-1234-5678" not in await page.content()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "case-transcript-phone.png"), full_page=True)
