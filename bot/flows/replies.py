"""Replies built from the FAQ: an answer with its sources, choices, topic lists, gaps."""

from __future__ import annotations

from collections.abc import Sequence

from bot import payloads, render
from bot.flows.notices import notices_for
from bot.flows.referrals import referral_for
from bot.knowledge import FaqEntry
from bot.messages import Button
from bot.turn import Turn
from nlu import TOPIC_INTENTS

MAX_CLARIFY = 3
MAX_TOPIC_ENTRIES = 8
TOPIC_CONFIDENCE = 0.5


def present(turn: Turn, entry: FaqEntry) -> None:
    """Send an entry's answer with its sources and review date, then ask whether it helped."""
    tr = turn.tr
    turn.replies.extend(notices_for(turn, entry))
    turn.say(render.answer_text(tr, entry), link=entry.sources[0].url)
    turn.replies.extend(referral_for(turn, entry))
    turn.say(tr._("Was this helpful?"), render.feedback_buttons(tr, entry))
    turn.state.last_faq_id = entry.id
    turn.state.last_topic = entry.topic
    # A typed "yes" or "no" next answers "Was this helpful?".
    turn.ask("feedback", faq=entry.id)


def clarify(turn: Turn, entries: Sequence[FaqEntry]) -> None:
    """Offer up to three entries the question may be about, or a volunteer."""
    tr = turn.tr
    text = tr._("I am not sure I understood. Is your question one of these?")
    buttons = [
        *render.entry_buttons(tr, entries),
        Button(tr._("None of these"), payloads.NONE_OF_THESE),
        render.volunteer_button(tr),
    ]
    turn.say(f"{text}\n\n{render.entry_list(tr, entries)}", buttons)
    turn.ask("clarify")


def show_menu_hint(turn: Turn) -> None:
    """Invite the person to ask a question or pick a topic."""
    tr = turn.tr
    turn.say(
        tr._(
            "What would you like to know? Choose a topic, or write your question in your "
            "own words."
        ),
        render.menu_buttons(tr),
    )


def show_topic(turn: Turn, topic: str) -> None:
    """List a topic's entries, those for the person's destination first."""
    tr = turn.tr
    country = turn.state.country
    entries = [e for e in turn.knowledge.published() if e.topic == topic]
    entries.sort(key=lambda e: (not (country and country in e.country_set), bool(e.country_set)))
    entries = entries[:MAX_TOPIC_ENTRIES]
    turn.state.last_topic = topic
    turn.close_prompt()
    title = render.topic_title(tr, topic)
    if not entries:
        turn.say(
            tr._(
                "I have no answers about {topic} yet. A volunteer from the diaspora may be "
                "able to help you."
            ).format(topic=title),
            [render.volunteer_button(tr), render.menu_button(tr)],
        )
        return
    head = tr._("{topic}: choose a question, or write your own.").format(topic=title)
    turn.say(
        f"{head}\n\n{render.entry_list(tr, entries)}",
        [*render.entry_buttons(tr, entries), render.volunteer_button(tr), render.menu_button(tr)],
    )


async def no_answer(turn: Turn, intent: str | None, confidence: float | None) -> None:
    """Say honestly there is no answer, note the question for editors and offer a volunteer."""
    tr = turn.tr
    if turn.last_question:
        await turn.ports.unanswered.record(
            text=turn.last_question, lang=turn.lang, intent=intent, confidence=confidence
        )
    turn.close_prompt()
    if intent in TOPIC_INTENTS and (confidence or 0.0) >= TOPIC_CONFIDENCE:
        turn.say(
            tr._(
                "I do not have an answer to that exact question yet. I have noted it, "
                "without your name, so our editors can add one."
            )
        )
        show_topic(turn, intent)
        return
    if intent == "out_of_scope":
        text = tr._(
            "Sorry, I can only help with moving abroad: visas, family reunification, "
            "sponsorship, risks and scams, and preparing to leave. I have noted your "
            "question, without your name, so our editors see what people ask."
        )
    else:
        text = tr._(
            "Sorry, I do not have an answer to that yet. I have noted the question, "
            "without your name, so our editors can add one. A volunteer from the "
            "diaspora may be able to help you."
        )
    turn.say(text, [render.volunteer_button(tr), render.menu_button(tr)])


async def record_feedback(turn: Turn, entry_id: str, helpful: bool) -> None:
    """Store a "was this helpful?" answer and thank the person."""
    tr = turn.tr
    turn.close_prompt()
    await turn.ports.feedback.record(faq_id=entry_id, lang=turn.lang, helpful=helpful)
    if helpful:
        turn.say(tr._("Thank you for telling me. Ask me anything else, or type /menu."))
        return
    turn.say(
        tr._(
            "Thank you for telling me, and sorry it did not help. A volunteer from the "
            "diaspora can look at your question with you."
        ),
        [render.volunteer_button(tr), render.menu_button(tr)],
    )
