"""Hand a person to a volunteer, only with their explicit consent, and relay while it lasts."""

from __future__ import annotations

import logging

from bot import payloads, privacy, render
from bot.flows.danger import dial_advice, in_danger
from bot.messages import Button
from bot.ports import HandoffRequest
from bot.turn import Turn

log = logging.getLogger(__name__)


def _what_a_volunteer_sees(turn: Turn) -> str:
    tr = turn.tr
    state = turn.state
    unknown = tr._("not known yet")
    return tr._(
        "If you agree, the volunteer will see: a case reference, your language ({language}), "
        "where you are now ({location}), where you want to go ({destination}), the topic "
        "({topic}), this conversation with the bot and the messages you write here. They "
        "will never see your phone number, your username or your account id."
    ).format(
        language=tr.language_name(turn.lang),
        location=tr.country_name(state.location) if state.location else unknown,
        destination=tr.country_name(state.country) if state.country else unknown,
        topic=render.topic_title(tr, _topic(turn)),
    )


def _topic(turn: Turn) -> str | None:
    """The case's topic: a person in danger is a protection case, whatever they asked before."""
    return "protection_risk" if in_danger(turn) else turn.state.last_topic


def offer(turn: Turn, *, urgent: bool = False) -> None:
    """Explain what a volunteer would see and ask for consent (urgent once danger was seen)."""
    tr = turn.tr
    urgent = urgent or in_danger(turn)
    if turn.state.handoff_active:
        turn.say(
            tr._(
                "A volunteer already has your question. Anything you write here is passed "
                "on to them."
            ),
            [render.back_to_bot_button(tr)],
        )
        return
    if urgent:
        head = tr._("I can also alert a volunteer from the diaspora urgently.")
        ask = tr._("Shall I alert a volunteer now?")
        buttons = [
            Button(tr._("Yes, alert a volunteer"), payloads.HANDOFF_URGENT),
            Button(tr._("No"), payloads.HANDOFF_NO),
        ]
    else:
        head = tr._("A volunteer from the diaspora can help you with your question.")
        ask = tr._("Do you agree to share this with a volunteer?")
        buttons = [
            Button(tr._("Yes, I agree"), payloads.HANDOFF_YES),
            Button(tr._("No, thanks"), payloads.HANDOFF_NO),
        ]
    turn.say(f"{head} {_what_a_volunteer_sees(turn)}\n\n{ask}", buttons)
    turn.ask("consent", urgent=urgent)


async def accept(turn: Turn, *, urgent: bool = False) -> None:
    """Open the handoff the person just agreed to (asking first if no consent was asked)."""
    state = turn.state
    if state.prompt != "consent":
        offer(turn, urgent=urgent)
        return
    urgent = urgent or bool((state.pending or {}).get("urgent")) or in_danger(turn)
    countries = tuple(dict.fromkeys(c for c in (state.country, state.origin_country) if c))
    danger = state.danger if in_danger(turn) else None
    request = HandoffRequest(
        language=turn.lang,
        countries=countries,
        topic=_topic(turn),
        question=turn.last_question or danger or "",
        bot_answer=state.last_faq_id,
        urgent=urgent,
        location=state.location,
        reason=danger,
    )
    reference = await turn.ports.handoff.request_handoff(state, request)
    state.handoff_active = True
    turn.close_prompt()
    tr = turn.tr
    if urgent:
        alerted = tr._(
            "I have alerted the volunteers urgently. Your case reference is {reference}."
        ).format(reference=reference)
        passed_on = tr._("Anything you write here now is passed on to the volunteer.")
        text = f"{alerted} {dial_advice(turn)} {passed_on}"
    else:
        text = tr._(
            "Thank you. Your case reference is {reference}. A volunteer will answer "
            "here as soon as one is free; this can take some time. Anything you write "
            "here now is passed on to them."
        ).format(reference=reference)
    turn.say(text, [render.back_to_bot_button(tr)])


def decline(turn: Turn) -> None:
    """Confirm nothing was shared and go back to the menu."""
    tr = turn.tr
    turn.close_prompt()
    turn.say(
        tr._("All right, nothing has been shared. You can keep asking me questions."),
        render.menu_buttons(tr),
    )


async def forward(turn: Turn, text: str, *, urgent: bool = False) -> bool:
    """Pass a message to the open case (made urgent in an emergency); False when it is closed."""
    gateway = turn.ports.handoff
    if not await gateway.forward(turn.state, text):
        turn.state.handoff_active = False
        _forget_escalation(turn)
        return False
    if urgent:
        try:
            await gateway.escalate(turn.state)
        except Exception:
            # The helplines are already in the replies and the volunteer has the message.
            log.exception("cannot raise a case to urgent")
    tr = turn.tr
    reply = (
        tr._("I passed this to your volunteer as well.")
        if urgent
        else tr._("I passed your message to the volunteer.")
    )
    turn.say(reply, [render.back_to_bot_button(tr)])
    _warn_about_contact_details(turn, text)
    return True


def _warn_about_contact_details(turn: Turn, text: str) -> None:
    """Tell the person once not to share contact details (volunteers see them hidden)."""
    memo = turn.state.memo or {}
    if memo.get("contact_warned") or not privacy.has_contact_details(text):
        return
    turn.state.memo = {**memo, "contact_warned": True}
    turn.say(
        turn.tr._(
            "For your safety, please do not share your phone number, e-mail address or "
            "other contact details here. Volunteers see them hidden, and the volunteer will "
            "answer you in this chat."
        )
    )


def _forget_escalation(turn: Turn) -> None:
    memo = dict(turn.state.memo or {})
    if memo.pop("escalated", None) is not None:
        turn.state.memo = memo


async def leave(turn: Turn) -> None:
    """Stop relaying to the volunteer and talk to the bot again."""
    tr = turn.tr
    if turn.state.handoff_active:
        await turn.ports.handoff.leave(turn.state)
        turn.state.handoff_active = False
        _forget_escalation(turn)
    turn.close_prompt()
    turn.say(
        tr._("You are back with the bot. Your next messages are not passed on to a volunteer."),
        render.menu_buttons(tr),
    )


async def case_button(turn: Turn, raw: str) -> bool:
    """Pass a rating or reopening button to the handoff side; False when it is not one."""
    done = await turn.ports.handoff.handle_payload(turn.state, raw)
    if done is None:
        return False
    tr = turn.tr
    if raw.startswith("rate:"):
        text = (
            tr._("Thank you for rating the help you received.")
            if done
            else tr._("This case cannot be rated any more.")
        )
        turn.say(text, [render.menu_button(tr)])
    elif done:
        turn.say(
            tr._(
                "Your case is open again. Anything you write here is passed on to the volunteer."
            ),
            [render.back_to_bot_button(tr)],
        )
    else:
        turn.say(
            tr._("This case cannot be reopened any more. You can ask for a volunteer again."),
            [render.volunteer_button(tr), render.menu_button(tr)],
        )
    return True
