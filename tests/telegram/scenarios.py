"""Conversations run through the real app and python-telegram-bot, in either mode."""

from __future__ import annotations

import time
from html import escape
from typing import Any

from bot.i18n import Translator
from tests.telegram.conftest import Stack, next_id
from tests.telegram.fake_bot_api import Call
from tests.telegram.updates import button_update, message_update

CASE_OPENED = (
    "Thank you. Your case reference is {reference}. A volunteer will answer "
    "here as soon as one is free; this can take some time. Anything you write "
    "here now is passed on to them."
)


def callback_data(call: Call) -> list[str]:
    """Return the payloads of a sent message's inline keyboard."""
    markup: dict[str, Any] = call.params.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def button_titles(call: Call) -> list[str]:
    """Return the titles of a sent message's inline keyboard."""
    markup: dict[str, Any] = call.params.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def translated(lang: str, message: str) -> str:
    """Return `message` in `lang` as it appears in an HTML reply."""
    return escape(Translator(lang)._(message), quote=False)


def with_keyboard(calls: list[Call], prefix: str) -> Call:
    """Return the first sent message offering a button whose payload starts with `prefix`."""
    for call in calls:
        if any(data.startswith(prefix) for data in callback_data(call)):
            return call
    raise AssertionError(f"no keyboard with {prefix!r} in {[callback_data(c) for c in calls]}")


def settle(stack: Stack, chat: int, seconds: float = 0.8) -> list[Call]:
    """Wait until nothing more is sent to `chat` for a moment; return what was sent."""
    count = -1
    while True:
        sent = stack.sent(chat)
        if len(sent) == count:
            return sent
        count = len(sent)
        time.sleep(seconds)


def press(stack: Stack, chat: int, data: str, *, message_id: int, lang: str = "en") -> str:
    """Press a button under the bot's message `message_id`; return the callback query id."""
    update = button_update(next_id(), chat, data, message_id=message_id, language_code=lang)
    stack.deliver(update)
    return str(update["callback_query"]["id"])


def first_contact_with_language_choice(stack: Stack) -> None:
    """/start in French pre-selects French; the language button switches to Spanish once."""
    chat = next_id()
    stack.deliver(message_update(next_id(), chat, "/start", language_code="fr"))
    welcome = stack.wait_sent(chat, 2)[0]
    assert welcome.params["parse_mode"] == "HTML"
    assert (
        translated("fr", "This is general information, not legal advice.")
        in (welcome.params["text"])
    )
    assert callback_data(welcome) == ["lang:en", "lang:fr", "lang:es", "lang:ar", "lang:ne"]
    assert "✓ Français" in button_titles(welcome)
    before = len(settle(stack, chat))

    query_id = press(stack, chat, "lang:es", message_id=501, lang="fr")
    stack.fake.wait_for(
        "answerCallbackQuery", where=lambda c: c.params["callback_query_id"] == query_id
    )
    edits = stack.fake.wait_for(
        "editMessageReplyMarkup",
        where=lambda c: int(c.params["chat_id"]) == chat and int(c.params["message_id"]) == 501,
    )
    assert "reply_markup" not in edits[-1].params  # the keyboard is removed
    replies = stack.wait_sent(chat, before + 1)[before:]
    menu = Translator("es")._(
        "What would you like to know? Choose a topic, or write your question in your own words."
    )
    assert any(escape(menu, quote=False) in c.params["text"] for c in settle(stack, chat)[before:])
    assert replies

    # A second press on the same (now keyboard-less) message does nothing.
    after = len(settle(stack, chat))
    second = press(stack, chat, "lang:ar", message_id=501)
    stack.fake.wait_for(
        "answerCallbackQuery", where=lambda c: c.params["callback_query_id"] == second
    )
    assert len(settle(stack, chat)) == after


def answered_question_with_source(stack: Stack) -> None:
    """A question gets the FAQ answer with its source, review date and feedback buttons."""
    chat = next_id()
    stack.deliver(message_update(next_id(), chat, "How do I apply for a work visa for Canada?"))
    sent = settle(stack, chat)
    answer = next(c for c in sent if "canada.ca" in c.params["text"])
    tr = Translator("en")
    assert tr.ngettext("Source:", "Sources:", 1) in answer.params["text"] or (
        tr.ngettext("Source:", "Sources:", 2) in answer.params["text"]
    )
    assert "Last reviewed" in answer.params["text"]
    feedback = with_keyboard(sent, "fb:")
    assert "handoff:offer" in callback_data(feedback)


def clarifying_keyboard(stack: Stack) -> None:
    """A vague question offers candidate entries as buttons; choosing one answers it."""
    chat = next_id()
    stack.deliver(message_update(next_id(), chat, "/start"))
    before = len(settle(stack, chat))
    # Vague phrases; which of them the NLU is unsure about moves with the content.
    for vague in ("papers", "work papers", "papers for work", "visa papers"):
        stack.deliver(message_update(next_id(), chat, vague))
        sent = settle(stack, chat)[before:]
        if any(d.startswith("faq:") for c in sent for d in callback_data(c)):
            break
        before += len(sent)
    keyboard = with_keyboard(sent, "faq:")
    choice = next(d for d in callback_data(keyboard) if d.startswith("faq:"))
    press(stack, chat, choice, message_id=601)
    answer = settle(stack, chat)[before + len(sent) :]
    assert any("https://" in c.params["text"] for c in answer)


def emergency(stack: Stack) -> None:
    """Danger is answered first, with helplines, and an urgent volunteer is offered."""
    chat = next_id()
    text = "They took my passport and lock me in the house, I am in danger"
    stack.deliver(message_update(next_id(), chat, text))
    sent = settle(stack, chat)
    assert "https://" in sent[0].params["text"]  # the helplines come first
    assert "handoff:urgent" in callback_data(with_keyboard(sent, "handoff:urgent"))


def consent_to_a_volunteer(stack: Stack) -> None:
    """Asking for a person asks consent; yes opens a case with a reference."""
    chat = next_id()
    stack.deliver(message_update(next_id(), chat, "I want to talk to a person"))
    sent = settle(stack, chat)
    assert {"handoff:yes", "handoff:no"} <= set(callback_data(with_keyboard(sent, "handoff:yes")))
    press(stack, chat, "handoff:yes", message_id=701)
    reply = settle(stack, chat)[len(sent) :]
    opened = Translator("en")._(CASE_OPENED).split("{reference}")[0]
    assert any(c.params["text"].startswith(opened) for c in reply), [
        c.params["text"] for c in reply
    ]


def delete_my_data(stack: Stack) -> None:
    """/delete asks to confirm; yes erases, and the next message starts afresh."""
    chat = next_id()
    stack.deliver(message_update(next_id(), chat, "/start"))
    count = len(settle(stack, chat))
    stack.deliver(message_update(next_id(), chat, "/delete"))
    sent = settle(stack, chat)[count:]
    assert callback_data(with_keyboard(sent, "del:yes")) == ["del:yes", "del:no"]
    press(stack, chat, "del:yes", message_id=801)
    done = settle(stack, chat)[count + len(sent) :]
    assert any(
        translated("en", "Done: your conversation data has been erased.")[:20] in c.params["text"]
        for c in done
    )
    count = len(stack.sent(chat))
    stack.deliver(message_update(next_id(), chat, "/menu"))
    again = settle(stack, chat)[count:]
    assert callback_data(again[0])[:1] == ["lang:en"]  # welcomed again: nothing was kept


def group_message(stack: Stack) -> None:
    """In a group the bot asks once to write privately and answers nothing there."""
    group = -next_id()
    stack.deliver(message_update(next_id(), group, "How do I get a visa?", chat_type="supergroup"))
    notice = stack.wait_sent(group)
    assert "t.me/pathways_test_bot" in notice[0].params["text"]
    assert "reply_markup" not in notice[0].params
    stack.deliver(message_update(next_id(), group, "/start", chat_type="supergroup"))
    query = press_in_group(stack, group)
    stack.fake.wait_for(
        "answerCallbackQuery", where=lambda c: c.params["callback_query_id"] == query
    )
    assert len(settle(stack, group)) == 1


def press_in_group(stack: Stack, group: int) -> str:
    """Press a button in a group chat; return the callback query id."""
    update = button_update(next_id(), group, "cmd:menu", message_id=9, chat_type="group")
    stack.deliver(update)
    return str(update["callback_query"]["id"])


def retry_after_is_honoured(stack: Stack) -> None:
    """A 429 with retry_after is waited out, then the reply is sent again."""
    chat = next_id()
    stack.fake.fail_next("sendMessage", 429)
    started = time.monotonic()
    stack.deliver(message_update(next_id(), chat, "/help"))
    sent = stack.wait_sent(chat, 2)
    assert sent[0].params["text"] == sent[1].params["text"]  # the refused one, resent
    assert sent[1].at - sent[0].at >= 1.0
    assert time.monotonic() - started >= 1.0
