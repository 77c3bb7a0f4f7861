"""A volunteer adds a referral from the directory to a reply on the case page."""

from __future__ import annotations

import html

from api.handoff.context import HandoffContext
from bot.i18n import Translator
from bot.knowledge import KnowledgeBase
from tests.console.client import ConsoleUser
from tests.console.conftest import Served
from tests.handoff.factories import create_admin, create_volunteer, open_case


async def test_the_case_page_offers_the_referrals_for_the_case_countries(
    served: Served, ctx: HandoffContext, knowledge: KnowledgeBase
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("ar",), admin=admin)
    reference, _ = await open_case(
        ctx, lang="ar", topic="protection_risk", countries=("MY",), question="راتبي لم يُدفع"
    )
    iom = next(o for o in knowledge.organisations if o.id == "iom-malaysia")
    async with ConsoleUser(served.base_url) as worker:
        await worker.sign_in(volunteer.email)
        await worker.post(f"/console/cases/{reference}/claim")
        page = html.unescape((await worker.get(f"/console/cases/{reference}")).text)
        assert 'name="referral"' in page and 'value="iom-malaysia"' in page
        assert iom.localized_helps_with("ar") in page
        # Without JavaScript the form reloads the page with the referral in the reply box.
        filled = await worker.get(f"/console/cases/{reference}?referral=iom-malaysia")
        box = html.unescape(filled.text).split('id="reply-body"')[1].split("</textarea>")[0]
        tr = Translator("ar")
        assert (
            tr._("An organisation that can help in {country}:").format(
                country=tr.country_name("MY")
            )
            in box
        )
        assert iom.url in box
