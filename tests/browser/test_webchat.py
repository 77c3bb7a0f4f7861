"""The web chat in headless Chromium: first contact, a button, Arabic right-to-left, polling."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect

from api.app import create_app
from api.db.session import Database
from api.settings import PROJECT_ROOT, Settings
from api.stores import enqueue_web_message
from bot.messages import OutgoingMessage
from tests.conftest import CONTENT_DIR
from tests.utils.server import serve_in_thread

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def database_file(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("webchat") / "pathways.db"
    shutil.copy(sqlite_template, target)
    return target


@pytest.fixture(scope="module")
def base_url(database_file: Path) -> Iterator[str]:
    """The whole app, served on 127.0.0.1."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{database_file}",
        content_dir=CONTENT_DIR,
        telegram_bot_token=None,
        whatsapp_access_token=None,
        redis_url=None,
    )
    with serve_in_thread(create_app(settings)) as base:
        yield base


ERRORS: list[str] = []


async def open_chat(browser: Browser, base_url: str, locale: str) -> Page:
    context = await browser.new_context(
        viewport=PHONE, locale=locale, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = await context.new_page()
    ERRORS.clear()
    page.on("pageerror", lambda error: ERRORS.append(str(error)))
    page.on("console", lambda m: ERRORS.append(m.text) if m.type == "error" else None)
    await page.goto(f"{base_url}/chat")
    return page


async def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / name), full_page=True)


async def test_first_contact_and_a_button_press(browser: Browser, base_url: str) -> None:
    page = await open_chat(browser, base_url, "en-US")
    bot = page.locator("li.msg.bot")
    await expect(bot.first).to_contain_text("This is general information, not legal advice.")
    languages = bot.first.get_by_role("button")
    await expect(languages).to_have_count(5)
    await expect(languages.first).to_have_text("✓ English")
    await expect(page.get_by_role("button", name="Visas")).to_be_visible()
    assert await page.get_by_label("Your message").is_visible()
    await shot(page, "webchat-first-contact.png")

    before = await bot.count()
    await page.get_by_role("button", name="Risks and scams").click()
    await expect(page.locator("li.msg.user").last).to_have_text("Risks and scams")
    await expect(bot).to_have_count(before + 1)
    await expect(bot.last).to_contain_text("Risks and scams: choose a question")
    await bot.last.get_by_role("button").first.click()
    await expect(bot.last).to_contain_text("Was this helpful?")
    link = bot.nth(-2).locator("a").first
    assert (await link.get_attribute("href") or "").startswith("https://")
    await shot(page, "webchat-button-press.png")
    assert ERRORS == []  # no script error, nothing blocked by the content security policy


async def test_an_arabic_conversation_reads_right_to_left(browser: Browser, base_url: str) -> None:
    page = await open_chat(browser, base_url, "ar")
    bot = page.locator("li.msg.bot")
    await expect(bot.first).to_contain_text("هذه معلومات عامة وليست استشارة قانونية.")
    await page.get_by_label("رسالتك").fill("كيف أحصل على تأشيرة عمل في ألمانيا")
    await page.get_by_role("button", name="إرسال").click()
    await expect(bot.last).to_contain_text("هل كان هذا مفيدًا؟")
    answer = bot.nth(-2)
    await expect(answer).to_contain_text("ألمانيا")
    direction = await answer.evaluate("el => getComputedStyle(el).direction")
    page_direction = await page.evaluate("getComputedStyle(document.documentElement).direction")
    assert (direction, page_direction) == ("rtl", "rtl")
    assert await page.evaluate("document.documentElement.lang") == "ar"
    # The bot's bubbles sit on the right in a right-to-left layout.
    box = await answer.bounding_box()
    assert box is not None and box["x"] + box["width"] > PHONE["width"] - 40
    await shot(page, "webchat-arabic-rtl.png")


async def test_later_messages_appear_without_reloading(
    browser: Browser, base_url: str, database_file: Path
) -> None:
    page = await open_chat(browser, base_url, "ne")
    bot = page.locator("li.msg.bot")
    await expect(bot.first).to_contain_text("यो सामान्य जानकारी हो, कानुनी सल्लाह होइन।")
    user_id = await page.evaluate("localStorage.getItem('pathways.userId')")
    db = Database(f"sqlite+aiosqlite:///{database_file}")
    try:
        await enqueue_web_message(db, user_id, OutgoingMessage("नमस्ते, म स्वयंसेवक हुँ।", language="ne"))
    finally:
        await db.dispose()
    await expect(bot.last).to_have_text("नमस्ते, म स्वयंसेवक हुँ।", timeout=10_000)
    await shot(page, "webchat-nepali-volunteer-reply.png")
