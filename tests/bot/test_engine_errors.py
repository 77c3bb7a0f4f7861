"""Bad input and failures: polite, localized replies and a logged traceback, never a crash."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest

from api.db.session import Database
from api.stores import sql_ports
from bot.engine import Engine
from bot.knowledge import KnowledgeBase
from bot.messages import IncomingMessage
from bot.ports import ConversationState
from bot.sanitize import MAX_TEXT_CHARS, clean_text
from nlu import Analysis, BackendUnavailableError, FaqDocument
from tests.bot.conftest import MakeChat
from tests.bot.dialogue import Chat

APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


class BrokenNLU:
    """An NLU that fails the way a remote backend or a bug would."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def analyse(self, text: str, *, lang: str | None = None) -> Analysis:
        raise self.error

    def set_faq_documents(self, docs: Sequence[FaqDocument]) -> None:
        return None


class BrokenStore:
    """A conversation store whose database is down."""

    async def load(self, channel: str, user_id: str) -> ConversationState:
        raise ConnectionError("database is down at 10.0.0.5")

    async def save(self, state: ConversationState) -> None:
        raise AssertionError("never reached")

    async def erase(self, state: ConversationState) -> None:
        raise AssertionError("never reached")


def chat_with(engine: Engine, hint: str = "en") -> Chat:
    return Chat(engine=engine, hint=hint)


@pytest.mark.parametrize(
    "payload",
    [
        "zzz",
        "faq:no-such-entry",
        "fb:no-such-entry:1",
        "lang:xx",
        "country:ZZ",
        "topic:weather",
        "handoff:maybe",
        "del:perhaps",
        "cmd:format",
        "a" * 300,
        "faq:../../etc",
        "fb:protection-recruitment-fees:7",
        "\ud800",
        "lang:\u202een",
    ],
)
async def test_unknown_payloads_get_a_polite_reply_and_the_menu(
    make_chat: MakeChat, payload: str
) -> None:
    chat = make_chat(hint="es")
    await chat.say("/start")
    await chat.press(payload, offered=False)
    chat.expect("es", "Sorry, that button no longer works. Here is the menu again.")
    assert "topic:visa_info" in chat.payloads()


@pytest.mark.parametrize("text", ["", "   ", "\x00\x00", "\u202e\u202d", "\r\n\t"])
async def test_empty_text_gets_a_polite_reply(make_chat: MakeChat, text: str) -> None:
    chat = make_chat(hint="ar")
    await chat.say(text)
    chat.expect("ar", "I did not receive any text. Please write your question, or type /menu.")


async def test_a_long_text_is_refused_politely_with_the_limit_in_local_digits(
    make_chat: MakeChat,
) -> None:
    chat = make_chat(hint="fr")
    await chat.say("visa " * 4000)
    chat.expect(
        "fr",
        "Your message is too long for me. Please shorten it to {limit} characters "
        "or less, or ask one question at a time.",
    )
    assert "2\u202f000" in chat.text or "2 000" in chat.text or "2\xa0000" in chat.text


@pytest.mark.parametrize(
    "text",
    [
        "\ud800 visa canada",
        "visa\x00 canada",
        "\u202eadanac asiv",
        "🇨🇦 visa 🙏🏽",
        "a\u0301" * 50,
        "x" * MAX_TEXT_CHARS,
    ],
)
async def test_odd_unicode_is_handled(make_chat: MakeChat, text: str) -> None:
    chat = make_chat(hint="en")
    await chat.say(text)
    assert APOLOGY not in chat.text


def test_clean_text_removes_what_cannot_be_stored_or_misleads() -> None:
    assert clean_text("\ud800ok") == "\ufffdok"
    assert clean_text("a\u202eb\u2066c\x00d") == "abcd"
    assert clean_text(" e\u0301\r\n\r\n\r\nx ") == "é\n\nx"
    assert clean_text("مرحبا 👋") == "مرحبا 👋"


async def test_an_unavailable_nlu_still_lets_people_use_buttons(
    chat_db: Database, knowledge: KnowledgeBase
) -> None:
    engine = Engine(
        knowledge=lambda: knowledge,
        nlu=lambda: BrokenNLU(BackendUnavailableError("rasa is down")),  # type: ignore[arg-type, return-value]
        ports=sql_ports(chat_db),
    )
    chat = chat_with(engine, hint="ne")
    await chat.say("/start")
    await chat.say("मलाई भिसा चाहियो")
    chat.expect(
        "ne", "I cannot read free text right now. Please use the menu buttons, or try again later."
    )
    await chat.press("topic:visa_info")
    assert chat.first("faq:")


async def test_a_bug_is_logged_and_the_person_gets_a_plain_apology(
    chat_db: Database, knowledge: KnowledgeBase, caplog: pytest.LogCaptureFixture
) -> None:
    engine = Engine(
        knowledge=lambda: knowledge,
        nlu=lambda: BrokenNLU(ZeroDivisionError("secret internals")),  # type: ignore[arg-type, return-value]
        ports=sql_ports(chat_db),
    )
    chat = chat_with(engine, hint="fr")
    await chat.say("/start")
    with caplog.at_level(logging.ERROR, logger="bot.engine"):
        await chat.say("bonjour")
    chat.expect("fr", APOLOGY)
    assert "secret internals" not in chat.text
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


async def test_a_database_outage_gets_an_apology_in_the_platform_language(
    knowledge: KnowledgeBase, chat_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    ports = sql_ports(chat_db)
    broken = type(ports)(
        conversations=BrokenStore(),
        feedback=ports.feedback,
        unanswered=ports.unanswered,
        handoff=ports.handoff,
    )
    engine = Engine(knowledge=lambda: knowledge, nlu=lambda: None, ports=broken)
    with caplog.at_level(logging.ERROR):
        replies = await engine.handle(IncomingMessage("test", "p", text="hi", language_hint="es"))
    assert [r.language for r in replies] == ["es"]
    assert "10.0.0.5" not in replies[0].text
    assert caplog.records
