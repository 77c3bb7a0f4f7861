"""What the handoff service writes into the person's chat, in the person's language."""

from __future__ import annotations

from typing import Any

from bot.i18n import Translator
from bot.messages import Button, OutgoingMessage
from bot.render import back_to_bot_button, menu_button

RATINGS = (1, 2, 3, 4, 5)


def rate_payload(reference: str, score: int) -> str:
    """Payload of a rating button: `rate:<reference>:<1-5>`."""
    return f"rate:{reference}:{score}"


def reopen_payload(reference: str) -> str:
    """Payload of the reopen button: `reopen:<reference>`."""
    return f"reopen:{reference}"


def volunteer_reply(lang: str, reference: str, text: str) -> dict[str, Any]:
    """Return the outbox body relaying a volunteer's reply."""
    tr = Translator(lang)
    intro = tr._("A volunteer replied (case {reference}):").format(reference=reference)
    return OutgoingMessage(
        text=f"{intro}\n\n{text}", buttons=(back_to_bot_button(tr),), language=tr.lang
    ).to_dict()


def rating_request(lang: str, reference: str, *, can_reopen: bool) -> dict[str, Any]:
    """Return the outbox body telling the person the case is closed and asking for a rating."""
    tr = Translator(lang)
    text = tr._(
        "Your case {reference} is closed. How helpful was the volunteer? "
        "1 star is not helpful, 5 stars is very helpful."
    ).format(reference=reference)
    buttons = [Button("★" * n, rate_payload(reference, n)) for n in RATINGS]
    if can_reopen:
        buttons.append(Button(tr._("I still need help"), reopen_payload(reference)))
    buttons.append(menu_button(tr))
    return OutgoingMessage(text=text, buttons=tuple(buttons), language=tr.lang).to_dict()
