"""Replies go out through the outbox, unsafe ones wait for an admin, follow-ups reach the case."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.db.delivery_models import OutboxMessage
from api.handoff import cases, claims, relay
from api.handoff.context import HandoffContext
from api.handoff.errors import Conflict
from api.handoff.gateway import CaseGateway
from bot.ports import HandoffRequest
from tests.handoff.factories import create_admin, create_volunteer, open_case


async def outbox(ctx: HandoffContext) -> list[OutboxMessage]:
    async with ctx.db.transaction() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_reply_is_written_to_the_outbox_with_the_case(ctx: HandoffContext) -> None:
    volunteer = await create_volunteer(ctx, languages=("fr",))
    reference, state = await open_case(ctx, lang="fr", channel="telegram")
    await claims.claim(ctx, actor=volunteer, reference=reference)

    result = await relay.reply(
        ctx,
        actor=volunteer,
        reference=reference,
        text="Bonjour, regardez https://france-visas.gouv.fr pour le visa.",
    )

    assert not result.held and result.message.status == "relayed"
    [row] = await outbox(ctx)
    assert (row.channel, row.recipient, row.status) == ("telegram", state.user_id, "pending")
    assert row.conversation_id == state.id
    assert reference in row.body["text"] and "france-visas.gouv.fr" in row.body["text"]
    assert row.body["lang"] == "fr"
    assert [b["payload"] for b in row.body["buttons"]] == ["handoff:leave"]


UNSAFE = {
    "phone_number": "Call me on +977 981 234 5678 tonight",
    "email_address": "Write to me: helper.nepal@gmail.com",
    "payment_request": "You must pay 500 dollars through Western Union first",
    "unofficial_link": "Read this: https://bit.ly/visa-fast",
}


async def test_unsafe_replies_are_held_until_an_admin_decides(ctx: HandoffContext) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, admin=admin)
    reference, _ = await open_case(ctx)
    await claims.claim(ctx, actor=volunteer, reference=reference)

    for reason, text in UNSAFE.items():
        result = await relay.reply(ctx, actor=volunteer, reference=reference, text=text)
        assert result.held and result.message.hold_reasons == [reason], text
        assert result.reasons and result.reasons[0].startswith("Held for review: it ")
    assert await outbox(ctx) == []
    held = await relay.holds(ctx)
    assert [h.message.hold_reasons[0] for h in held] == list(UNSAFE)
    assert {(h.case_reference, h.volunteer_id) for h in held} == {(reference, volunteer.id)}

    rejected = await relay.review(
        ctx, actor=admin, message_id=held[3].message.id, approve=False, note="Link not allowed"
    )
    approved = await relay.review(
        ctx, actor=admin, message_id=held[0].message.id, approve=True, note=""
    )

    assert (rejected.status, approved.status) == ("rejected", "relayed")
    [sent] = await outbox(ctx)
    assert "+977 981 234 5678" in sent.body["text"]
    seen = await cases.view(ctx, actor=volunteer, reference=reference)
    assert "Link not allowed" in [m.review_note for m in seen.messages]
    assert len(await relay.holds(ctx)) == 2
    with pytest.raises(Conflict):
        await relay.review(ctx, actor=admin, message_id=approved.id, approve=True, note="")


async def test_person_messages_reach_the_case_until_they_leave(ctx: HandoffContext) -> None:
    volunteer = await create_volunteer(ctx)
    reference, state = await open_case(ctx)
    gateway = CaseGateway(ctx)
    await claims.claim(ctx, actor=volunteer, reference=reference)

    assert await gateway.forward(state, "I have a job offer from an agency.")
    await gateway.leave(state)
    again = await gateway.request_handoff(
        state,
        HandoffRequest(
            language="en",
            countries=("DE",),
            topic="visa_info",
            question="One more question",
            bot_answer=None,
        ),
    )

    assert again == reference
    seen = await cases.view(ctx, actor=volunteer, reference=reference)
    assert [(m.sender, m.body) for m in seen.messages] == [
        ("person", "I have a job offer from an agency."),
        ("system", seen.messages[1].body),
        ("person", "One more question"),
    ]
    assert "went back to the bot" in seen.messages[1].body
    assert seen.bot_answer is not None and seen.bot_answer.faq_id == "visa-germany-skilled-workers"
    assert seen.bot_answer.sources and seen.bot_answer.sources[0].url.startswith("https://")
