"""The web chat on a phone (390 px): helplines in view and dialable, the chat kept on reload."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Locator, Page, expect

from api.app import create_app
from api.settings import PROJECT_ROOT, Settings
from tests.conftest import CONTENT_DIR
from tests.utils.server import serve_in_thread

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def base_url(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole app, served on 127.0.0.1."""
    target = tmp_path_factory.mktemp("webchat-safety") / "pathways.db"
    shutil.copy(sqlite_template, target)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{target}",
        content_dir=CONTENT_DIR,
        telegram_bot_token=None,
        whatsapp_access_token=None,
        redis_url=None,
    )
    with serve_in_thread(create_app(settings)) as base:
        yield base


async def open_chat(browser: Browser, base_url: str, locale: str) -> tuple[Page, list[str]]:
    context = await browser.new_context(
        viewport=PHONE, locale=locale, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    await page.goto(f"{base_url}/chat")
    return page, errors


async def shot(page: Page, name: str) -> None:
    """Save what the phone's screen shows (the viewport, not the whole page)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / name))


async def send(page: Page, label: str, button: str, text: str) -> None:
    await page.get_by_label(label).fill(text)
    await page.get_by_role("button", name=button, exact=True).click()


async def assert_in_view(element: Locator) -> None:
    """The element is inside the phone's screen and inside the chat's scrolled area."""
    box = await element.bounding_box()
    log = await element.page.locator("#log").bounding_box()
    assert box is not None and log is not None
    assert box["y"] >= log["y"] - 1, (box, log)
    assert box["y"] + box["height"] <= log["y"] + log["height"] + 1, (box, log)
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


async def assert_starts_in_view(element: Locator) -> None:
    """The element's first line is on screen (a long one continues below)."""
    box = await element.bounding_box()
    log = await element.page.locator("#log").bounding_box()
    assert box is not None and log is not None
    assert log["y"] - 1 <= box["y"] <= log["y"] + log["height"] - 40, (box, log)


async def test_after_an_emergency_the_number_is_on_screen_and_tappable(
    browser: Browser, base_url: str
) -> None:
    page, errors = await open_chat(browser, base_url, "en-GB")
    bot = page.locator("li.msg.bot")
    await expect(bot.first).to_contain_text("This is general information, not legal advice.")
    # A long answer first, so the emergency reply arrives under a full log.
    await send(page, "Your message", "Send", "how do I get a work visa for Germany")
    await expect(bot.last).to_contain_text("Was this helpful?")
    await send(page, "Your message", "Send", "help they locked me in, I am in London")
    helplines = bot.filter(has_text="If you are in danger now")
    await expect(helplines).to_have_count(1)
    first = helplines.locator("a.tel").first
    await expect(first).to_have_text("999")
    assert await first.get_attribute("href") == "tel:999"
    await assert_in_view(first)
    # The start of the reply is what the person sees first, not its end.
    await assert_starts_in_view(helplines.locator("p").first)
    await shot(page, "webchat-phone-emergency-london.png")
    assert errors == []


async def test_a_reload_keeps_the_conversation_the_case_and_retires_old_buttons(
    browser: Browser, base_url: str
) -> None:
    page, errors = await open_chat(browser, base_url, "en-GB")
    bot = page.locator("li.msg.bot")
    await expect(bot.first).to_contain_text("This is general information, not legal advice.")
    await send(page, "Your message", "Send", "help they locked me in, I am in London")
    await expect(page.locator("a.tel").first).to_have_text("999")
    offer = bot.nth(await bot.count() - 1)
    await offer.get_by_role("button").first.click()  # the urgent "yes" to a volunteer
    await expect(page.locator("#case")).to_contain_text("Your case reference:")
    reference = (await page.locator("#case").inner_text()).rsplit(" ", 1)[-1]
    said = await page.locator("li.msg").count()
    # During the case the page's menu offers leaving the volunteer and urgent help, no more.
    menu = page.locator("#page-menu button")
    await expect(menu).to_have_text(["End the conversation with the volunteer", "Urgent help"])

    await page.reload()
    await expect(page.locator("li.msg")).to_have_count(said)
    await expect(page.locator("#case")).to_have_text(f"Your case reference: {reference}")
    await expect(page.locator("li.msg.user").first).to_have_text(
        "help they locked me in, I am in London"
    )
    await expect(page.locator("a.tel").first).to_have_text("999")
    # The buttons answered before the reload can no longer be pressed.
    await expect(page.locator("li.msg.bot").first.get_by_role("button").first).to_be_disabled()
    await expect(offer.get_by_role("button").first).to_be_disabled()
    await expect(menu).to_have_text(["End the conversation with the volunteer", "Urgent help"])
    assert "Delete my data" not in await page.locator("#page-menu").inner_text()
    await shot(page, "webchat-phone-after-reload.png")
    assert errors == []


async def test_a_long_paste_is_sent_whole_and_the_bot_asks_to_shorten(
    browser: Browser, base_url: str
) -> None:
    page, errors = await open_chat(browser, base_url, "en-GB")
    bot = page.locator("li.msg.bot")
    await expect(bot.first).to_contain_text("This is general information, not legal advice.")
    text = "My agent took my passport and I do not know what to do now. " * 45
    await page.get_by_label("Your message").fill(text)
    assert len(await page.get_by_label("Your message").input_value()) == len(text) > 2600
    await expect(page.locator("#counter")).to_have_text(f"{len(text):,} of 2,000 characters")
    await shot(page, "webchat-phone-counter.png")
    await page.get_by_role("button", name="Send", exact=True).click()
    await expect(page.locator("li.msg.user").last).to_have_text(text.strip())
    await expect(bot.last).to_contain_text("2,000")
    await shot(page, "webchat-phone-long-paste.png")
    assert errors == []


async def test_arabic_emergency_right_to_left_with_the_number_in_view(
    browser: Browser, base_url: str
) -> None:
    page, errors = await open_chat(browser, base_url, "ar")
    bot = page.locator("li.msg.bot")
    await expect(bot.first).to_contain_text("هذه معلومات عامة وليست استشارة قانونية.")
    await send(page, "رسالتك", "إرسال", "ساعدوني لقد حبسوني في المنزل أنا في لندن")
    first = page.locator("a.tel").first
    await expect(first).to_have_text("999")
    assert await first.get_attribute("href") == "tel:999"
    await assert_in_view(first)
    answer = bot.filter(has=page.locator("a.tel")).first
    assert await answer.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert await page.evaluate("document.documentElement.dir") == "rtl"
    await shot(page, "webchat-phone-emergency-arabic.png")

    await page.reload()
    await expect(page.locator("li.msg.user").first).to_have_text(
        "ساعدوني لقد حبسوني في المنزل أنا في لندن"
    )
    await expect(page.locator("a.tel").first).to_have_text("999")
    assert await page.evaluate("document.documentElement.dir") == "rtl"
    await shot(page, "webchat-phone-arabic-after-reload.png")
    # The offer of the last turn still counts after the reload: consent, reload, case kept.
    await page.locator('button[data-payload="handoff:urgent"]:enabled').last.click()
    await expect(page.locator("#case")).to_contain_text("رقم حالتك المرجعي:")
    reference = await page.locator("#case").inner_text()
    await page.reload()
    await expect(page.locator("#case")).to_have_text(reference)
    await expect(page.locator('button[data-payload="handoff:urgent"]').last).to_be_disabled()
    await expect(page.locator("#page-menu button")).to_have_text(
        ["إنهاء المحادثة مع المتطوع", "مساعدة عاجلة"]
    )
    assert await page.evaluate("document.documentElement.dir") == "rtl"
    await shot(page, "webchat-phone-arabic-case-after-reload.png")
    assert errors == []
