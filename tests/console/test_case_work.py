"""Working a case through the console over HTTP: refusals, rejection, release, capacity."""

from __future__ import annotations

from api.handoff.context import HandoffContext
from tests.console.client import ConsoleUser, text_of
from tests.console.conftest import Served
from tests.handoff.factories import case_row, create_admin, create_volunteer, open_case


async def test_a_rejected_reply_is_not_sent_and_the_volunteer_sees_why(
    served: Served, ctx: HandoffContext
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("fr",), admin=admin)
    reference, _ = await open_case(ctx, lang="fr", question="Comment obtenir un visa ?")
    async with (
        ConsoleUser(served.base_url, lang="fr") as worker,
        ConsoleUser(served.base_url) as boss,
    ):
        await worker.sign_in(volunteer.email)
        await worker.get("/console/queue")
        await worker.post(f"/console/cases/{reference}/claim")
        await worker.get(f"/console/cases/{reference}")
        held = await worker.post(
            f"/console/cases/{reference}/reply",
            {"body": "Faites un virement de 200 euros à cet agent."},
        )
        assert held.headers["location"] == f"/console/cases/{reference}"
        page = text_of((await worker.get(held.headers["location"])).text)
        assert (
            "Votre réponse est retenue pour examen par un administrateur, car elle parle " in page
        )
        await boss.sign_in(admin.email)
        holds = await boss.get("/console/admin/holds")
        assert "Faites un virement de 200 euros" in holds.text
        message_id = holds.text.split("/console/admin/holds/")[1].split("/")[0]
        await boss.post(
            f"/console/admin/holds/{message_id}/reject",
            {"note": "Jamais de paiement : orientez vers le site officiel."},
        )
        assert "No reply is waiting for review." in text_of(
            (await boss.get("/console/admin/holds")).text
        )
        page = text_of((await worker.get(f"/console/cases/{reference}")).text)
        assert "Non envoyé : refusé par un administrateur" in page
        assert "Jamais de paiement : orientez vers le site officiel." in page


async def test_a_taken_case_cannot_be_claimed_twice(served: Served, ctx: HandoffContext) -> None:
    admin = await create_admin(ctx)
    first = await create_volunteer(ctx, languages=("es",), admin=admin)
    second = await create_volunteer(ctx, languages=("es",), admin=admin)
    reference, _ = await open_case(ctx, lang="es")
    async with ConsoleUser(served.base_url) as one, ConsoleUser(served.base_url) as two:
        await one.sign_in(first.email)
        await two.sign_in(second.email)
        await two.get("/console/queue")
        assert (await one.post(f"/console/cases/{reference}/claim")).status_code == 303
        late = await two.post(f"/console/cases/{reference}/claim")
        assert late.headers["location"] == "/console/queue"
        page = text_of((await two.get("/console/queue")).text)
        assert "That could not be done: the situation has changed." in page
        # The holder gives it back; the other volunteer can take it.
        await one.get(f"/console/cases/{reference}")
        released = await one.post(f"/console/cases/{reference}/release")
        assert released.headers["location"] == "/console/queue"
        assert (await two.post(f"/console/cases/{reference}/claim")).status_code == 303
    assert (await case_row(ctx, reference)).assignee_id == second.id


async def test_availability_and_capacity_decide_what_the_queue_shows(
    served: Served, ctx: HandoffContext
) -> None:
    volunteer = await create_volunteer(ctx, languages=("ne",))
    reference, _ = await open_case(ctx, lang="ne", question="भिसा कसरी पाउने?")
    async with ConsoleUser(served.base_url) as browser:
        await browser.sign_in(volunteer.email)
        assert reference in (await browser.get("/console/queue")).text
        await browser.get("/console/settings")
        refused = await browser.post(
            "/console/settings", {"available": "on", "max_open_cases": "99"}
        )
        assert refused.status_code == 422
        assert "Enter a number from 0 to 20." in text_of(refused.text)
        await browser.post("/console/settings", {"max_open_cases": "2"})
        page = text_of((await browser.get("/console/queue")).text)
        assert "You are marked as unavailable, so no case is shown to you." in page
        assert reference not in page
        await browser.post("/console/settings", {"available": "on", "max_open_cases": "0"})
        page = text_of((await browser.get("/console/queue")).text)
        assert "You hold as many cases as you can." in page


async def test_an_admin_closes_a_waiting_case(served: Served, ctx: HandoffContext) -> None:
    admin = await create_admin(ctx)
    reference, _ = await open_case(ctx, lang="en", question="Is this agent real?")
    async with ConsoleUser(served.base_url) as browser:
        await browser.sign_in(admin.email)
        waiting = await browser.get("/console/admin/cases")
        assert reference in waiting.text
        await browser.get(f"/console/cases/{reference}")
        closed = await browser.post(
            f"/console/cases/{reference}/close",
            {"outcome": "not_appropriate", "note": "Spam"},
        )
        assert closed.headers["location"] == "/console/admin/cases"
        page = text_of((await browser.get(f"/console/cases/{reference}")).text)
        assert "Closed: Not a question for a volunteer" in page
    assert (await case_row(ctx, reference)).status == "closed"
