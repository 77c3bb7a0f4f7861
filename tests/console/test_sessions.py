"""Console sessions: cookie flags, sign-out, suspension and password changes end them."""

from __future__ import annotations

from http.cookies import Morsel, SimpleCookie

import httpx

from api.app import create_app
from api.handoff.context import HandoffContext
from tests.console.client import CSRF, ConsoleUser, text_of
from tests.console.conftest import Served, console_settings
from tests.handoff.factories import PASSWORD, create_admin, create_volunteer
from tests.utils.server import serve_in_thread


def _cookie(set_cookie_headers: list[str], name: str) -> Morsel[str]:
    for header in set_cookie_headers:
        if header.startswith(f"{name}="):
            cookie = SimpleCookie()
            cookie.load(header)
            return cookie[name]
    raise AssertionError(f"no {name} cookie in {set_cookie_headers}")


async def test_the_session_cookie_is_http_only_and_same_site(
    served: Served, ctx: HandoffContext
) -> None:
    admin = await create_admin(ctx)
    async with ConsoleUser(served.base_url) as browser:
        response = await browser.sign_in(admin.email)
    morsel = _cookie(response.headers.get_list("set-cookie"), "pathways_session")
    assert morsel["httponly"] is True
    assert morsel["samesite"].lower() == "strict"
    assert morsel["path"] == "/"
    assert not morsel["secure"]  # served over plain http on 127.0.0.1


async def test_the_cookie_is_secure_when_the_site_is_https(
    served: Served, ctx: HandoffContext
) -> None:
    admin = await create_admin(ctx)
    settings = console_settings(served.settings.database_url, public_base_url="https://x.example")
    with serve_in_thread(create_app(settings, migrate=False)) as base:
        async with httpx.AsyncClient(base_url=base) as client:
            form = await client.get("/console/sign-in")
            anonymous = _cookie(form.headers.get_list("set-cookie"), "pathways_console_csrf")
            assert anonymous["secure"] is True
            # An https site's cookies are not sent back over http: hand it over as a browser
            # behind the TLS proxy would.
            response = await client.post(
                "/console/sign-in",
                data={
                    "csrf_token": CSRF.findall(form.text)[0],
                    "email": admin.email,
                    "password": PASSWORD,
                },
                headers={"Cookie": f"pathways_console_csrf={anonymous.value}"},
            )
    assert response.status_code == 303
    morsel = _cookie(response.headers.get_list("set-cookie"), "pathways_session")
    assert morsel["secure"] is True


async def test_signing_out_ends_the_session(served: Served, ctx: HandoffContext) -> None:
    volunteer = await create_volunteer(ctx)
    async with ConsoleUser(served.base_url) as browser:
        await browser.sign_in(volunteer.email)
        stolen = browser.http.cookies["pathways_session"]
        response = await browser.post("/console/sign-out")
        assert response.headers["location"] == "/console/sign-in"
        assert 'pathways_session=""' in response.headers["set-cookie"]
        assert "You are signed out." in text_of((await browser.get("/console/sign-in")).text)
    # The old cookie, replayed, no longer opens anything.
    async with ConsoleUser(served.base_url) as replay:
        replay.http.cookies.set("pathways_session", stolen)
        response = await replay.get("/console/queue")
        assert response.status_code == 303
        assert response.headers["location"].startswith("/console/sign-in")


async def test_a_suspended_volunteer_is_signed_out_at_once(
    served: Served, ctx: HandoffContext
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, admin=admin)
    async with ConsoleUser(served.base_url) as worker, ConsoleUser(served.base_url) as boss:
        await worker.sign_in(volunteer.email)
        assert (await worker.get("/console/queue")).status_code == 200
        await boss.sign_in(admin.email)
        await boss.get("/console/admin/volunteers?status=active")
        response = await boss.post(
            f"/console/admin/volunteers/{volunteer.id}/suspend",
            {"notes": "complaint", "back": "/console/admin/volunteers"},
        )
        assert response.status_code == 303
        assert (await worker.get("/console/queue")).status_code == 303
        await worker.get("/console/sign-in")
        refused = await worker.post(
            "/console/sign-in", {"email": volunteer.email, "password": PASSWORD}
        )
        assert refused.status_code == 401
        # Reinstated, the volunteer can sign in again.
        await boss.get("/console/admin/volunteers?status=suspended")
        await boss.post(f"/console/admin/volunteers/{volunteer.id}/reinstate", {"notes": ""})
        await worker.sign_in(volunteer.email)
        assert (await worker.get("/console/queue")).status_code == 200


async def test_changing_the_password_ends_the_other_sessions(
    served: Served, ctx: HandoffContext
) -> None:
    volunteer = await create_volunteer(ctx)
    new = "a much longer new password"
    async with ConsoleUser(served.base_url) as here, ConsoleUser(served.base_url) as elsewhere:
        await here.sign_in(volunteer.email)
        await elsewhere.sign_in(volunteer.email)
        await here.get("/console/account/password")
        wrong = await here.post(
            "/console/account/password",
            {"current_password": "not it at all", "new_password": new, "confirm_password": new},
        )
        assert wrong.status_code == 422
        assert "The current password is not correct." in text_of(wrong.text)
        changed = await here.post(
            "/console/account/password",
            {"current_password": PASSWORD, "new_password": new, "confirm_password": new},
        )
        assert changed.status_code == 303
        assert (await here.get("/console/account")).status_code == 200
        assert (await elsewhere.get("/console/account")).status_code == 303
    async with ConsoleUser(served.base_url) as again:
        await again.get("/console/sign-in")
        old = await again.post(
            "/console/sign-in", {"email": volunteer.email, "password": PASSWORD}
        )
        assert old.status_code == 401
        await again.sign_in(volunteer.email, new)
