"""Hand a person to a volunteer, only with their explicit consent, and relay while it lasts."""

from __future__ import annotations

import logging

from bot import payloads, render
from bot.messages import Button
from bot.ports import HandoffRequest
from bot.turn import Turn

log = logging.getLogger(__name__)


def _what_a_volunteer_sees(turn: Turn) -> str:
    tr = turn.tr
    country = turn.state.country or turn.state.origin_country
    return tr._(
        "If you agree, the volunteer will see: a case reference, your language ({language}), "
        "your country ({country}), the topic ({topic}) and the messages you write here. They "
        "will never see your phone number, your username or your account id."
    ).format(
        language=tr.language_name(turn.lang),
        country=tr.country_name(country) if country else tr._("not known yet"),
        topic=render.topic_title(tr, turn.state.last_topic),
    )


def offer(turn: Turn, *, urgent: bool = False) -> None:
    """Explain what a volunteer would see and ask for consent."""
    tr = turn.tr
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
    urgent = urgent or bool((state.pending or {}).get("urgent"))
    countries = tuple(dict.fromkeys(c for c in (state.country, state.origin_country) if c))
    request = HandoffRequest(
        language=turn.lang,
        countries=countries,
        topic=state.last_topic,
        question=turn.last_question,
        bot_answer=state.last_faq_id,
        urgent=urgent,
    )
    reference = await turn.ports.handoff.request_handoff(state, request)
    state.handoff_active = True
    turn.close_prompt()
    tr = turn.tr
    if urgent:
        text = tr._(
            "I have alerted the volunteers urgently. Your case reference is {reference}. "
            "If you are in immediate danger, do not wait: call one of the numbers "
            "above. Anything you write here now is passed on to the volunteer."
        )
    else:
        text = tr._(
            "Thank you. Your case reference is {reference}. A volunteer will answer "
            "here as soon as one is free; this can take some time. Anything you write "
            "here now is passed on to them."
        )
    turn.say(text.format(reference=reference), [render.back_to_bot_button(tr)])


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
    return True


async def leave(turn: Turn) -> None:
    """Stop relaying to the volunteer and talk to the bot again."""
    tr = turn.tr
    if turn.state.handoff_active:
        await turn.ports.handoff.leave(turn.state)
        turn.state.handoff_active = False
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
