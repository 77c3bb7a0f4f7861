"""Console pages over HTTP: language per request, who may open what, forms and headers."""

from __future__ import annotations

import pytest

from api.console.i18n import accepted_languages
from api.console.page import safe_next
from api.handoff.context import HandoffContext
from tests.console.client import ConsoleUser, text_of
from tests.console.conftest import Served
from tests.handoff.factories import PASSWORD, create_admin, create_volunteer


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", ["fr", "en"]),
        ("de-DE, ar;q=0.5, ne;q=0.7", ["ne", "ar"]),
        ("es;q=0, en", ["en"]),
        ("*", []),
        ("", []),
    ],
)
def test_accept_language_is_read_by_preference(header: str, expected: list[str]) -> None:
    assert accepted_languages(header) == expected


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/console/", "/console/\\evil", "/elsewhere"]
)
def test_only_console_paths_are_followed_after_sign_in(target: str) -> None:
    assert safe_next(target) == "/console/"


async def test_the_language_follows_the_browser_then_the_switcher(served: Served) -> None:
    async with ConsoleUser(served.base_url, lang="de-DE, ar;q=0.8") as browser:
        page = (await browser.get("/console/sign-in")).text
        assert '<html lang="ar" dir="rtl">' in page
        switched = await browser.get("/console/language?lang=es&next=/console/register")
        assert switched.headers["location"] == "/console/register"
        page = (await browser.get("/console/register")).text
        assert '<html lang="es" dir="ltr">' in page
        assert "Código de conducta" in page or "conducta" in page


async def test_pages_are_only_for_their_audience(served: Served, ctx: HandoffContext) -> None:
    admin = await create_admin(ctx)
    pending = await create_volunteer(ctx, status="pending", admin=admin)
    active = await create_volunteer(ctx, admin=admin)
    async with ConsoleUser(served.base_url) as anonymous:
        response = await anonymous.get("/console/admin/audit")
        assert response.headers["location"] == "/console/sign-in?next=/console/admin/audit"
        await anonymous.get(response.headers["location"])
        landed = await anonymous.post(
            "/console/sign-in",
            {"email": admin.email, "password": PASSWORD, "next": "/console/admin/audit"},
        )
        assert landed.headers["location"] == "/console/admin/audit"
    async with ConsoleUser(served.base_url) as volunteer:
        await volunteer.sign_in(active.email)
        refused = await volunteer.get("/console/admin/holds")
        assert refused.status_code == 403
        assert "This page is for admins." in text_of(refused.text)
    async with ConsoleUser(served.base_url) as waiting:
        await waiting.sign_in(pending.email)
        assert (await waiting.get("/console/")).headers["location"] == "/console/account"
        assert (await waiting.get("/console/queue")).status_code == 403
        account = text_of((await waiting.get("/console/account")).text)
        assert "Your application is waiting for an admin's review." in account


async def test_registration_explains_each_mistake(served: Served, ctx: HandoffContext) -> None:
    taken = await create_volunteer(ctx, status="pending")
    async with ConsoleUser(served.base_url) as browser:
        await browser.get("/console/register")
        form = {
            "name": "Ana",
            "email": taken.email,
            "password": "long enough password",
            "languages": ["es"],
            "destination_countries": ["ES"],
        }
        refused = await browser.post("/console/register", form)
        assert refused.status_code == 422
        assert "You must accept the code of conduct to volunteer." in text_of(refused.text)
        assert 'value="Ana"' in refused.text  # what was typed is kept
        again = await browser.post("/console/register", {**form, "accepts_code_of_conduct": "on"})
        assert again.status_code == 422
        assert "An account with this e-mail address already exists." in text_of(again.text)


async def test_pages_carry_protective_headers(served: Served) -> None:
    async with ConsoleUser(served.base_url) as browser:
        response = await browser.get("/console/sign-in")
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    assert "pathways_console_csrf=" in response.headers["set-cookie"]
