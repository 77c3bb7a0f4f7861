"""Every console form needs the session's CSRF token: without it, 403 and nothing changes."""

from __future__ import annotations

import pytest

from api.handoff import volunteers
from api.handoff.context import HandoffContext
from tests.console.client import ConsoleUser
from tests.console.conftest import Served
from tests.handoff.factories import case_row, create_admin, create_volunteer, open_case


@pytest.mark.parametrize("token", ["", "forged-token"])
async def test_sign_in_needs_the_token(served: Served, ctx: HandoffContext, token: str) -> None:
    admin = await create_admin(ctx)
    async with ConsoleUser(served.base_url) as browser:
        await browser.get("/console/sign-in")
        response = await browser.post(
            "/console/sign-in",
            {"email": admin.email, "password": "correct horse battery"},
            token=token,
        )
        assert response.status_code == 403
        assert "pathways_session" not in response.headers.get("set-cookie", "")
        assert (await browser.get("/console/admin")).status_code == 303


@pytest.mark.parametrize("token", ["", "forged-token"])
async def test_claiming_without_the_token_changes_nothing(
    served: Served, ctx: HandoffContext, token: str
) -> None:
    volunteer = await create_volunteer(ctx, languages=("en",))
    reference, _state = await open_case(ctx)
    async with ConsoleUser(served.base_url) as browser:
        await browser.sign_in(volunteer.email)
        response = await browser.post(f"/console/cases/{reference}/claim", token=token)
        assert response.status_code == 403
        assert "did not come from this site" in response.text
    assert (await case_row(ctx, reference)).status == "open"


async def test_a_token_of_another_session_is_refused(served: Served, ctx: HandoffContext) -> None:
    admin = await create_admin(ctx)
    pending = await create_volunteer(ctx, status="pending")
    async with ConsoleUser(served.base_url) as first, ConsoleUser(served.base_url) as second:
        await first.sign_in(admin.email)
        await second.sign_in(admin.email)
        assert first.token and second.token and first.token != second.token
        response = await second.post(
            f"/console/admin/volunteers/{pending.id}/approve", {"notes": "ok"}, token=first.token
        )
        assert response.status_code == 403
        assert (await volunteers.get(ctx, pending.id)).status == "pending"
        # With its own token the same form works.
        response = await second.post(
            f"/console/admin/volunteers/{pending.id}/approve", {"notes": "ok"}
        )
        assert response.status_code == 303
    assert (await volunteers.get(ctx, pending.id)).status == "active"


async def test_forged_sign_out_and_settings_are_refused(
    served: Served, ctx: HandoffContext
) -> None:
    volunteer = await create_volunteer(ctx)
    async with ConsoleUser(served.base_url) as browser:
        await browser.sign_in(volunteer.email)
        assert (await browser.post("/console/sign-out", token="")).status_code == 403
        response = await browser.post(
            "/console/settings", {"max_open_cases": "0"}, token="forged-token"
        )
        assert response.status_code == 403
        assert (await browser.get("/console/queue")).status_code == 200
    profile = await volunteers.get(ctx, volunteer.id)
    assert (profile.available, profile.max_open_cases) == (True, 3)
