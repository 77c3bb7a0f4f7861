"""No console page, for a volunteer or an admin, ever shows a person's channel user id."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute
from sqlalchemy import select

from api.console import routers
from api.db.conversation_models import Conversation
from api.handoff import claims, closing, relay, saved_replies
from api.handoff.context import HandoffContext
from api.handoff.gateway import CaseGateway
from api.handoff.schemas import SavedReplyIn
from tests.console.client import ConsoleUser
from tests.console.conftest import Served
from tests.handoff.factories import create_admin, create_volunteer, open_case

QUERIES = {
    "/console/admin/cases": ["", "?status=open", "?status=claimed", "?status=closed"],
    "/console/admin/volunteers": ["", "?status=active", "?status=pending"],
    "/console/admin/audit": ["", "?action=view", "?case={reference}"],
    "/console/cases/{reference}": ["", "?saved={saved}"],
}


def _pages(references: list[str], saved: int) -> list[str]:
    """Every GET page of the console, with each case reference and query filled in."""
    paths: list[str] = []
    for router in routers():
        for route in router.routes:
            assert isinstance(route, APIRoute)
            if "GET" not in route.methods or "{name}" in route.path:
                continue
            for query in QUERIES.get(route.path, [""]):
                template = route.path + query
                for reference in references if "{reference}" in template else [""]:
                    paths.append(template.format(reference=reference, saved=saved))
    return paths


async def test_no_page_shows_the_persons_channel_id(served: Served, ctx: HandoffContext) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("ar", "en"), admin=admin)
    saved = await saved_replies.save(
        ctx,
        actor_id=admin.id,
        data=SavedReplyIn(language="ar", title="ترحيب", body="مرحبًا، أنا متطوع."),
    )
    claimed, state = await open_case(ctx, lang="ar", question="كيف أحصل على تأشيرة عمل؟")
    waiting, _ = await open_case(ctx, lang="en", channel="telegram", urgent=True)
    finished, _ = await open_case(ctx, lang="en", channel="whatsapp")
    await claims.claim(ctx, actor=volunteer, reference=claimed)
    await relay.reply(ctx, actor=volunteer, reference=claimed, text="مرحبًا، كيف أساعدك؟")
    await relay.reply(ctx, actor=volunteer, reference=claimed, text="Call +44 20 7946 0958")
    await CaseGateway(ctx).forward(state, "شكرًا جزيلًا")
    await claims.claim(ctx, actor=volunteer, reference=finished)
    await closing.close(ctx, actor=volunteer, reference=finished, outcome="resolved")
    async with ctx.db.transaction() as session:
        secrets = list(await session.scalars(select(Conversation.channel_user_id)))
    assert len(secrets) >= 3

    paths = _pages([claimed, waiting, finished], saved.id)
    assert len(paths) >= 25
    rendered: dict[str, str] = {}
    statuses: dict[str, int] = {}
    for who, email in (("volunteer", volunteer.email), ("admin", admin.email)):
        async with ConsoleUser(served.base_url) as browser:
            await browser.sign_in(email)
            for path in paths:
                response = await browser.get(path)
                assert response.status_code in (200, 303, 403, 404), (who, path)
                rendered[f"{who} {path}"] = response.text
                statuses[f"{who} {path}"] = response.status_code

    shown = {key for key, status in statuses.items() if status == 200}
    assert {f"admin {p}" for p in paths if p.startswith("/console/admin")} <= shown
    assert f"volunteer /console/cases/{waiting}" in shown
    assert f"admin /console/cases/{finished}" in shown

    # The pages do show the case: the conversation in order, right-to-left for Arabic.
    case_page = rendered[f"volunteer /console/cases/{claimed}"]
    said = re.findall(r'<p class="said" lang="ar" dir="rtl">([^<]*)</p>', case_page)
    assert said == ["كيف أحصل على تأشيرة عمل؟", "شكرًا جزيلًا"]
    assert "Held for review because it contains a phone number." in case_page
    assert "مرحبًا، أنا متطوع." in rendered[f"volunteer /console/cases/{claimed}?saved={saved.id}"]
    assert "+44 20 7946 0958" in rendered["admin /console/admin/holds"]
    # Labels and landmarks point at ids: each id must name one element.
    for key in shown:
        ids = re.findall(r'\sid="([^"]+)"', rendered[key])
        assert len(ids) == len(set(ids)), (key, sorted(i for i in ids if ids.count(i) > 1))
    leaks = {
        page: secret for page, html in rendered.items() for secret in secrets if secret in html
    }
    assert leaks == {}
