"""/delete: erase the person's conversation data after an explicit confirmation."""

from __future__ import annotations

from bot import payloads, render
from bot.messages import Button
from bot.turn import Turn


def ask(turn: Turn) -> None:
    """Ask the person to confirm the erasure."""
    tr = turn.tr
    turn.say(
        tr._(
            "Do you want to erase your conversation data: your language, country, questions "
            "and any request to a volunteer? This cannot be undone."
        ),
        [
            Button(tr._("Yes, erase it"), payloads.DELETE_YES),
            Button(tr._("No, keep it"), payloads.DELETE_NO),
        ],
    )
    turn.ask("delete")


async def confirm(turn: Turn) -> None:
    """Erase everything about the person (asking again if the confirmation was not asked)."""
    if turn.state.prompt != "delete":
        ask(turn)
        return
    await turn.ports.handoff.erase(turn.state)
    await turn.ports.conversations.erase(turn.state)
    turn.state.erased = True
    turn.say(
        turn.tr._(
            "Done: your conversation data has been erased. If you write again, we start "
            "from the beginning."
        )
    )


def cancel(turn: Turn) -> None:
    """Confirm nothing was erased."""
    tr = turn.tr
    turn.close_prompt()
    turn.say(tr._("Nothing was erased."), [render.menu_button(tr)])
