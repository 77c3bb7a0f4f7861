"""A case holds the whole conversation: what the bot showed (helplines too), masked details."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from api.db.transcript_models import TranscriptMessage
from api.handoff import audit, cases, retention
from api.handoff.context import HandoffContext
from api.handoff.errors import PermissionDenied
from api.handoff.gateway import CaseGateway
from api.stores import SqlConversationStore, load_history
from bot.knowledge import KnowledgeBase
from bot.privacy import EMAIL, PHONE
from tests.handoff.factories import (
    DANGER,
    Clock,
    conversation,
    create_admin,
    create_volunteer,
    emergency_case,
    record_emergency,
)


async def test_the_volunteer_sees_the_whole_conversation_masked(
    ctx: HandoffContext, knowledge: KnowledgeBase
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("en",), admin=admin)
    reference, _ = await emergency_case(ctx, knowledge)

    detail = await cases.view(ctx, actor=volunteer, reference=reference)
    assert detail.priority == "urgent"
    assert (detail.location, detail.destinations) == ("GB", ["DE"])
    assert detail.urgent_reason == f"help they locked me in, call me on {PHONE} or {EMAIL}"
    assert PHONE in detail.question and "1234" not in detail.question
    senders = [m.sender for m in detail.messages]
    assert senders == ["person", "bot", "bot", "person"]
    said, shown, _offer, pressed = detail.messages
    assert said.masked and said.body == detail.urgent_reason
    # The bot's own messages keep their numbers: the helplines the person was shown.
    assert "999" in shown.body and "Run by: UK police" in shown.body
    assert pressed.body == "Yes, alert a volunteer"
    assert detail.bot_answer is not None
    shown_lines = {(h.name, h.number) for h in detail.bot_answer.helplines}
    assert ("Emergency (police, fire, ambulance)", "999") in shown_lines
    # The queue shows the question masked too.
    queue = await cases.queue(ctx, actor=volunteer)
    [item] = [c for c in queue.items if c.reference == reference]
    assert "98-1234" not in item.question and "gmail" not in item.question


async def test_an_admin_reveals_one_message_and_it_is_audited(
    ctx: HandoffContext, knowledge: KnowledgeBase
) -> None:
    admin = await create_admin(ctx)
    volunteer = await create_volunteer(ctx, languages=("en",), admin=admin)
    reference, _ = await emergency_case(ctx, knowledge)
    detail = await cases.view(ctx, actor=admin, reference=reference)
    said = detail.messages[0]
    assert said.masked and "98-1234-5678" not in said.body

    shown = await cases.reveal_message(ctx, actor=admin, reference=reference, message_id=said.id)
    assert shown.body == DANGER and not shown.masked
    [event] = await audit.search(ctx, action="reveal_contact")
    assert (event.actor_id, event.case_reference) == (admin.id, reference)
    assert event.detail == {"message_id": said.id}
    with pytest.raises(PermissionDenied):
        await cases.reveal_message(ctx, actor=volunteer, reference=reference, message_id=said.id)
    # The stored text is unchanged; the next view is masked again.
    again = await cases.view(ctx, actor=admin, reference=reference)
    assert again.messages[0].body == said.body


async def _transcript_rows(ctx: HandoffContext, conversation_id: int) -> int:
    async with ctx.db.transaction() as session:
        count = await session.scalar(
            select(func.count()).where(TranscriptMessage.conversation_id == conversation_id)
        )
    return int(count or 0)


async def test_delete_erases_the_transcript(ctx: HandoffContext, knowledge: KnowledgeBase) -> None:
    _, state = await emergency_case(ctx, knowledge)
    assert state.id is not None and await _transcript_rows(ctx, state.id) == 4
    await CaseGateway(ctx).erase(state)
    await SqlConversationStore(ctx.db).erase(state)
    assert await _transcript_rows(ctx, state.id) == 0
    history = await load_history(ctx.db, channel="web", user_id=state.user_id)
    assert history["messages"] == [] and history["case"] is None


async def test_retention_purges_old_transcripts_but_not_of_a_live_case(
    ctx: HandoffContext, knowledge: KnowledgeBase, clock: Clock
) -> None:
    _, live = await emergency_case(ctx, knowledge)
    idle = await conversation(ctx, lang="en")
    await record_emergency(ctx, idle, knowledge)
    assert idle.id is not None and live.id is not None
    clock.advance(days=400)
    await retention.purge(ctx)
    assert await _transcript_rows(ctx, idle.id) == 0
    assert await _transcript_rows(ctx, live.id) == 4
