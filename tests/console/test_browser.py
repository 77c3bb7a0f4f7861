"""The console in headless Chromium: the issue's whole flow, with screenshots of every page.

A volunteer applies, an admin vets them, a person asks for a human in the web chat and
consents, the volunteer claims and replies, the reply reaches the chat, a reply with a phone
number is held and approved by the admin, and the case is closed. Every page is captured at
desktop and phone width (tests/artifacts/console/), the case page also in Arabic, and no page
may contain the person's channel user id.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    expect,
)

from api.app import create_app
from api.auth.accounts import create_user
from api.db.session import Database
from api.handoff.context import HandoffContext
from api.settings import PROJECT_ROOT, Settings
from tests.console.conftest import Served, console_settings
from tests.utils.server import serve_in_thread

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts" / "console"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ADMIN = ("Nadia Admin", "admin@pathways.example", "admin password 123")
VOLUNTEER = ("Samira Haddad", "samira@example.org", "volunteer password 1")
QUESTION = "كيف أحصل على تأشيرة عمل في ألمانيا"
REPLY = "مرحبًا، أنا سميرة من الجالية في ألمانيا. ابدئي بموقع Make it in Germany الرسمي."
HELD_REPLY = "إذا أردت، اتصلي بي على +49 30 1234 5678"


@pytest.fixture(scope="module")
def served(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The whole app on a fresh SQLite database."""
    target = tmp_path_factory.mktemp("console-browser") / "pathways.db"
    shutil.copy(sqlite_template, target)
    settings = console_settings(f"sqlite+aiosqlite:///{target}")
    with serve_in_thread(create_app(settings)) as base:
        yield Served(base, settings)


async def create_first_admin(settings: Settings) -> None:
    """Create the first admin the way `pathways admin create-user` does."""
    db = Database(settings.database_url)
    try:
        name, email, password = ADMIN
        ctx = HandoffContext(db=db, settings=settings)
        await create_user(ctx, email=email, name=name, role="admin", password=password)
    finally:
        await db.dispose()


class Camera:
    """Screenshots of console pages at desktop and phone width; keeps every page's HTML."""

    def __init__(self) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.html: dict[str, str] = {}

    async def shoot(self, page: Page, name: str, *, phone_only: bool = False) -> None:
        """Capture the page as it is now."""
        self.html[f"{name} {page.url}"] = await page.content()
        sizes = [("phone", PHONE)] if phone_only else [("desktop", DESKTOP), ("phone", PHONE)]
        for label, size in sizes:
            await page.set_viewport_size(size)
            await page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
        await page.set_viewport_size(DESKTOP if not phone_only else PHONE)


async def new_page(browser: Browser, locale: str, *, phone: bool = False) -> Page:
    """Open a tab in a fresh browser profile (its own cookies)."""
    context: BrowserContext = await browser.new_context(
        viewport=PHONE if phone else DESKTOP, locale=locale, is_mobile=phone, has_touch=phone
    )
    return await context.new_page()


async def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Sign in through the form (by field ids, so that it works in every language)."""
    await page.goto(f"{base_url}/console/sign-in")
    await page.locator("#email").fill(email)
    await page.locator("#password").fill(password)
    await page.locator("main form button[type=submit]").click()
    await expect(page.locator("form.sign-out")).to_be_visible()


def section(page: Page, name: str) -> Locator:
    """A link of the console's main navigation."""
    return page.get_by_role("navigation", name="Console sections").get_by_role("link", name=name)


def notice(page: Page) -> Locator:
    """The page's notice (a success or a refusal)."""
    return page.locator("#notices .notice")


async def test_the_whole_flow_through_the_console(browser: Browser, served: Served) -> None:
    base = served.base_url
    await create_first_admin(served.settings)
    camera = Camera()
    volunteer = await new_page(browser, "en-GB")
    admin = await new_page(browser, "en-GB")
    person = await new_page(browser, "ar", phone=True)

    # A volunteer applies and accepts the code of conduct.
    name, email, password = VOLUNTEER
    await apply_to_volunteer(volunteer, base, camera)
    await sign_in(volunteer, base, email, password)
    await expect(volunteer.get_by_text("Waiting for vetting")).to_be_visible()
    await camera.shoot(volunteer, "account-pending")

    # The first admin vets the application.
    await sign_in(admin, base, ADMIN[1], ADMIN[2])
    await expect(admin.locator("h1")).to_have_text("Overview")
    await section(admin, "Applications").click()
    application = admin.get_by_role("article", name=name)
    await application.get_by_label("Vetting notes (interview, references)").fill(
        "Video interview on 28 November; two references checked."
    )
    await camera.shoot(admin, "admin-vetting")
    await application.get_by_role("button", name="Approve").click()
    await expect(notice(admin)).to_have_text(f"The decision about {name} is recorded.")

    # A person asks the web chat, in Arabic, for a human and consents.
    reference, person_id = await ask_for_a_human(person, base)
    bot = person.locator("li.msg.bot")

    # The vetted volunteer finds it in the queue and claims it.
    await volunteer.goto(f"{base}/console/")
    await expect(volunteer.locator("h1")).to_have_text("Cases waiting")
    card = volunteer.get_by_role("article", name=re.compile(reference))
    await expect(card).to_contain_text("Arabic")
    await expect(card).to_contain_text("Germany")
    await expect(card).to_contain_text("Visas")
    await camera.shoot(volunteer, "queue")
    await card.get_by_role("button", name="Claim").click()
    await expect(notice(volunteer)).to_contain_text(f"You claimed case {reference}.")
    said = volunteer.locator(".conversation .msg.person .said").first
    await expect(said).to_have_text(QUESTION)
    await expect(said).to_have_attribute("dir", "rtl")
    await expect(volunteer.locator(".bot-answer a").first).to_have_attribute(
        "href", re.compile(r"^https://")
    )

    # The reply reaches the person's chat.
    await volunteer.get_by_label("Your reply").fill(REPLY)
    await volunteer.get_by_role("button", name="Send the reply").click()
    await expect(notice(volunteer)).to_contain_text("is on its way to the person")
    await expect(bot.last).to_contain_text(REPLY, timeout=15_000)

    # A reply with a phone number is held, and the volunteer is told why.
    await volunteer.get_by_label("Your reply").fill(HELD_REPLY)
    await volunteer.get_by_role("button", name="Send the reply").click()
    await expect(notice(volunteer)).to_contain_text(
        "held for review by an admin because it contains a phone number"
    )
    await expect(volunteer.locator(".msg.volunteer.held")).to_contain_text(HELD_REPLY)
    await camera.shoot(volunteer, "case")

    # The same case in Arabic, chosen by the browser's language: right to left.
    arabic = await new_page(browser, "ar", phone=True)
    await sign_in(arabic, base, email, password)
    await arabic.goto(f"{base}/console/cases/{reference}")
    assert await arabic.evaluate("document.documentElement.dir") == "rtl"
    assert await arabic.evaluate("getComputedStyle(document.body).direction") == "rtl"
    await camera.shoot(arabic, "case-arabic", phone_only=True)
    await arabic.screenshot(path=str(ARTIFACTS / "case-arabic-phone-top.png"))

    # The admin approves the held reply; it reaches the chat too.
    await section(admin, "Held replies").click()
    held = admin.get_by_role("article", name=f"Case {reference}")
    await expect(held).to_contain_text("+49 30 1234 5678")
    await expect(held).to_contain_text("because it contains a phone number")
    await camera.shoot(admin, "admin-holds")
    await held.get_by_role("button", name="Approve and send").click()
    await expect(notice(admin)).to_have_text("The reply is approved and sent to the person.")
    await expect(bot.last).to_contain_text("+49 30 1234 5678", timeout=15_000)

    # The volunteer closes the case; the person is asked to rate the help.
    await volunteer.reload()
    await expect(volunteer.locator(".msg.volunteer.relayed")).to_have_count(2)
    await volunteer.get_by_label("Outcome").select_option("resolved")
    await volunteer.get_by_role("button", name="Close the case").click()
    await expect(notice(volunteer)).to_contain_text(f"Case {reference} is closed.")
    await expect(person.locator(f'button[data-payload="rate:{reference}:5"]')).to_be_visible(
        timeout=15_000
    )
    await camera.shoot(person, "webchat-after-handoff", phone_only=True)

    # Every other page, as each of them sees it; the switcher turns the console French.
    await shoot_every_other_page(camera, volunteer, admin, base, reference)

    assert person_id and person_id.startswith("web-")
    leaks = [
        page for page, html in camera.html.items() if person_id in html and "webchat" not in page
    ]
    assert leaks == []


VOLUNTEER_PAGES = [
    ("/console/cases", "my-cases"),
    ("/console/settings", "availability"),
    ("/console/account/password", "password"),
    ("/console/code-of-conduct", "code-of-conduct"),
    ("/console/account", "account"),
]
ADMIN_PAGES = [
    ("/console/admin", "admin-overview"),
    ("/console/admin/volunteers", "admin-volunteers"),
    ("/console/admin/cases?status=closed", "admin-cases"),
    ("/console/cases/{reference}", "admin-case"),
    ("/console/admin/audit?case={reference}", "admin-audit"),
    ("/console/admin/settings", "admin-retention"),
]


async def apply_to_volunteer(page: Page, base: str, camera: Camera) -> None:
    """Fill in the application, accept the code of conduct and send it."""
    name, email, password = VOLUNTEER
    await page.goto(f"{base}/console/register")
    await page.get_by_label("Your name").fill(name)
    await page.get_by_label("E-mail address").fill(email)
    await page.get_by_label("Password", exact=True).fill(password)
    await page.get_by_label("Arabic").check()
    await page.get_by_label("English").check()
    await page.get_by_label("Countries you know as a destination").select_option(["DE"])
    await page.get_by_label("Countries you come from").select_option(["SY", "LB"])
    await page.get_by_label("About you").fill("I moved to Berlin in 2015 for work.")
    await page.get_by_label("I have read the code of conduct and I accept it.").check()
    await camera.shoot(page, "register")
    await page.get_by_role("button", name="Apply").click()
    await expect(notice(page)).to_contain_text("Thank you for applying.")
    await camera.shoot(page, "sign-in")


async def ask_for_a_human(page: Page, base: str) -> tuple[str, str]:
    """Ask the web chat a question, then for a volunteer, and consent; return the case and id."""
    await page.goto(f"{base}/chat")
    person_id = await page.evaluate("localStorage.getItem('pathways.userId')")
    bot = page.locator("li.msg.bot")
    await expect(bot.first).to_be_visible()
    await page.locator("#input").fill(QUESTION)
    await page.locator("#send").click()
    # Only the newest turn's buttons can be pressed (older ones are disabled).
    await page.locator('button[data-payload="handoff:offer"]:enabled').last.click()
    await page.locator('button[data-payload="handoff:yes"]:enabled').last.click()
    await expect(bot.last).to_contain_text(re.compile(r"\b[0-9A-Z]{8}\b"))
    found = re.search(r"\b[0-9A-Z]{8}\b", await bot.last.inner_text())
    assert found is not None and isinstance(person_id, str)
    return found.group(), person_id


async def shoot_every_other_page(
    camera: Camera, volunteer: Page, admin: Page, base: str, reference: str
) -> None:
    """Capture the pages the flow did not pass through, then the admin's in French."""
    for path, shot in VOLUNTEER_PAGES:
        await volunteer.goto(base + path)
        await camera.shoot(volunteer, shot)
    for path, shot in ADMIN_PAGES:
        await admin.goto(base + path.format(reference=reference))
        await camera.shoot(admin, shot)
    await admin.locator("#lang-switch").select_option("fr")
    await admin.locator("form.lang button").click()
    await expect(admin.locator("html")).to_have_attribute("lang", "fr")
    await expect(admin.locator("h1")).to_have_text("Conservation et délais")
    await camera.shoot(admin, "admin-retention-french")
