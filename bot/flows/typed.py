"""A typed "yes" or "no": the answer to the question the bot asked last, whatever it was."""

from __future__ import annotations

from bot.choices import typed_choice
from bot.flows import erasure, handoff, replies, welcome
from bot.payloads import resolve_ref
from bot.turn import Turn


async def answer_prompt(turn: Turn, text: str) -> bool:
    """Handle a typed yes or no to a consent or erasure question; False when it is not one."""
    prompt = turn.state.prompt
    if prompt not in ("consent", "delete"):
        return False
    choice = typed_choice(turn.tr, text)
    if choice is None:
        return False
    if prompt == "consent":
        await handoff.accept(turn) if choice else handoff.decline(turn)
    else:
        await erasure.confirm(turn) if choice else erasure.cancel(turn)
    return True


async def loose_choice(turn: Turn, choice: bool) -> None:
    """Handle a yes or no that answers no consent or erasure question: never a question."""
    prompt = turn.state.prompt
    ref = str((turn.state.pending or {}).get("faq") or "")
    entry_id = resolve_ref(turn.knowledge, ref) if prompt == "feedback" and ref else None
    if entry_id is not None:
        await replies.record_feedback(turn, entry_id, choice)
    elif prompt == "clarify" and not choice:
        await replies.no_answer(turn, turn.state.last_topic, None)
    else:
        welcome.show_menu(turn)
