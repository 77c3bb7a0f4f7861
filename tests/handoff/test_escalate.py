"""An emergency written while handed over raises the case to urgent, with an audit entry."""

from __future__ import annotations

from sqlalchemy import select

from api.db.handoff_models import AuditEvent, Case, CaseMessage
from api.handoff.context import HandoffContext
from api.handoff.gateway import CaseGateway
from api.stores import sql_ports
from bot.engine import Engine
from bot.i18n import Translator
from bot.knowledge import KnowledgeBase
from nlu import create_pipeline
from tests.bot.dialogue import Chat
from tests.bot.phrases import EMERGENCY, HANDOFF
from tests.handoff.factories import case_row, conversation, open_case


async def audit_actions(ctx: HandoffContext, reference: str) -> list[str]:
    async with ctx.db.transaction() as session:
        rows = await session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.case_reference == reference)
            .order_by(AuditEvent.id)
        )
        return list(rows)


async def test_escalate_raises_the_live_case_once(ctx: HandoffContext) -> None:
    reference, state = await open_case(ctx, topic="visa_info")
    gateway = CaseGateway(ctx)
    assert (await case_row(ctx, reference)).priority == "normal"

    assert await gateway.escalate(state)
    assert await gateway.escalate(state)  # already urgent: nothing more to record

    assert (await case_row(ctx, reference)).priority == "urgent"
    assert (await audit_actions(ctx, reference)).count("escalate") == 1
    async with ctx.db.transaction() as session:
        notes = list(
            await session.scalars(select(CaseMessage.body).where(CaseMessage.sender == "system"))
        )
    assert len(notes) == 1 and "urgent" in notes[0]


async def test_escalate_without_a_live_case_is_false(ctx: HandoffContext) -> None:
    state = await conversation(ctx)
    assert not await CaseGateway(ctx).escalate(state)


async def test_an_emergency_during_a_handoff_makes_the_case_urgent(
    ctx: HandoffContext, knowledge: KnowledgeBase
) -> None:
    pipeline = create_pipeline(faq_documents=knowledge.faq_documents())
    ports = sql_ports(ctx.db, handoff=CaseGateway(ctx))
    engine = Engine(knowledge=lambda: knowledge, nlu=lambda: pipeline, ports=ports)
    chat = Chat(engine=engine, hint="en", channel_name="web", user_id="escalation")
    await chat.say("/start")
    await chat.say(HANDOFF["en"])
    await chat.press("handoff:yes")
    async with ctx.db.transaction() as session:
        (reference,) = list(await session.scalars(select(Case.reference)))
    assert reference in chat.text
    assert (await case_row(ctx, reference)).priority == "normal"

    await chat.say(EMERGENCY["en"])

    # The helplines come first, at once; then the note that the volunteer has the message.
    tr = Translator("en")
    assert chat.replies[0].text.startswith(
        tr._(
            "If you are in danger now, call the police emergency number of the country you are in:"
        )
    )
    chat.expect("en", "I passed this to your volunteer as well.")
    row = await case_row(ctx, reference)
    assert row.priority == "urgent"
    assert "escalate" in await audit_actions(ctx, reference)
