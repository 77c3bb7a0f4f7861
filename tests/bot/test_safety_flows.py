"""Emergencies, consent before any handoff, relaying while handed over, and /delete."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from api.db.conversation_models import Conversation, Feedback, HandoffRequest
from api.db.session import Database
from api.stores import SqlHandoffGateway, sql_ports
from bot.engine import Engine
from bot.i18n import LANGUAGES, Translator
from bot.knowledge import KnowledgeBase
from bot.ports import ConversationState
from nlu import NLUPipeline
from tests.bot.conftest import MakeChat
from tests.bot.dialogue import Chat
from tests.bot.phrases import EMERGENCY, FAMILY_NO_COUNTRY, HANDOFF, YES

WHAT_A_VOLUNTEER_SEES = (
    "If you agree, the volunteer will see: a case reference, your language ({language}), where "
    "you are now ({location}), where you want to go ({destination}), the topic ({topic}), this "
    "conversation with the bot and the messages you write here. They will never see your phone "
    "number, your username or your account id."
)


DIAL_WHERE_YOU_ARE = (
    "If you are in danger now, call the police emergency number of the country you are in:"
)
WHERE_NOW = (
    "Which country are you in now? Choose it or write its name, and I will show you all its "
    "emergency numbers."
)
HERE_NOW = "You are in {country}. If you are in danger now, contact one of these right away:"
ALERTED = "I have alerted the volunteers urgently. Your case reference is {reference}."


async def started(make_chat: MakeChat, lang: str) -> Chat:
    chat = make_chat(hint=lang)
    await chat.say("/start")
    return chat


async def requests(db: Database) -> list[HandoffRequest]:
    async with db.sessions() as session:
        return list((await session.scalars(select(HandoffRequest))).all())


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_an_emergency_in_the_middle_of_another_flow_is_answered_first(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database, lang: str
) -> None:
    chat = await started(make_chat, lang)
    await chat.say(FAMILY_NO_COUNTRY[lang])
    assert "country:none" in chat.payloads()  # waiting for the destination
    helplines, offer = await chat.say(EMERGENCY[lang])
    tr = Translator(lang)
    assert helplines.text.startswith(tr._(DIAL_WHERE_YOU_ARE))
    for line in knowledge.helplines.international:
        assert line.localized_name(lang) in helplines.text
        assert line.localized_operator(lang) in helplines.text
    chat.expect(lang, WHERE_NOW)
    chat.expect(lang, "Helplines checked on {date}.")
    chat.expect(lang, "I can also alert a volunteer from the diaspora urgently.")
    chat.expect(lang, WHAT_A_VOLUNTEER_SEES)
    assert [b.payload for b in offer.buttons] == ["handoff:urgent", "handoff:no"]
    assert await requests(chat_db) == []  # nothing shared before consent
    await chat.press("handoff:urgent")
    chat.expect(lang, ALERTED)
    (request,) = await requests(chat_db)
    assert request.urgent and request.language == lang
    assert request.question == EMERGENCY[lang]


async def test_an_emergency_shows_the_helplines_of_where_the_person_said_they_are(
    make_chat: MakeChat, knowledge: KnowledgeBase
) -> None:
    country = next(iter(knowledge.helplines.countries))
    chat = await started(make_chat, "en")
    await chat.press(f"sos:{country}", offered=False)  # "I am here", from an earlier emergency
    await chat.say(EMERGENCY["en"])
    local = knowledge.helplines.countries[country]
    text = chat.replies[0].text
    for line in local:
        assert line.number is None or line.number in text
    assert text.index(local[0].localized_name("en")) < text.index(
        knowledge.helplines.international[0].localized_name("en")
    )
    assert Translator("en").country_name(country) in text.split("\n")[0]  # the country is named
    assert not [p for p in chat.payloads() if p.startswith("sos:")]  # no need to ask where


async def test_a_destination_is_never_taken_for_where_the_person_is(
    make_chat: MakeChat, knowledge: KnowledgeBase
) -> None:
    chat = await started(make_chat, "en")
    await chat.press("country:GB", offered=False)  # the destination of an earlier question
    helplines, _ = await chat.say(EMERGENCY["en"])
    assert helplines.text.startswith(Translator("en")._(DIAL_WHERE_YOU_ARE))
    assert "08000 121 700" not in helplines.text  # not the UK's lines as if they were there
    assert "sos:GB" in chat.payloads()  # but one tap away, first among the choices
    chat.expect("en", WHERE_NOW)


GB_NUMBERS = ("999", "08000 121 700")
UNITED_KINGDOM = {"en": "United Kingdom", "ar": "المملكة المتحدة", "ne": "बेलायत"}


def assert_gb_helplines_first(chat: Chat, knowledge: KnowledgeBase, lang: str) -> None:
    helplines, offer = chat.replies
    tr = Translator(lang)
    chat.expect(lang, HERE_NOW)
    assert tr.country_name("GB") in helplines.text.split("\n")[0]
    for number in GB_NUMBERS:
        assert number in helplines.text
    assert helplines.text.index("999") < helplines.text.index(
        knowledge.helplines.international[0].localized_name(lang)
    )
    assert not [p for p in chat.payloads() if p.startswith("sos:")]  # asked only once
    chat.expect(lang, "I can also alert a volunteer from the diaspora urgently.")
    assert tr.country_name("GB") in offer.text  # what the volunteer would see
    assert [b.payload for b in offer.buttons] == ["handoff:urgent", "handoff:no"]


@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
async def test_an_emergency_without_a_country_offers_its_helplines_at_one_tap(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database, lang: str
) -> None:
    chat = await started(make_chat, lang)
    helplines, _ = await chat.say(EMERGENCY[lang])
    tr = Translator(lang)
    places = [b for b in helplines.buttons if b.payload.startswith("sos:")]
    assert 1 <= len(places) <= 16
    assert {"sos:SA", "sos:AE", "sos:NP", "sos:GB"} <= {b.payload for b in places}
    assert all(b.payload.removeprefix("sos:") in knowledge.helplines.countries for b in places)
    assert all(len(b.payload.encode()) <= 64 for b in chat.buttons())
    (uk,) = [b for b in places if b.payload == "sos:GB"]
    assert uk.title == tr.country_name("GB")
    # Something to dial at once: each likely country's police number, named.
    assert f"{tr.country_name('GB')}: 999" in helplines.text
    assert "08000 121 700" not in helplines.text
    await chat.press("sos:GB")
    assert_gb_helplines_first(chat, knowledge, lang)
    assert await requests(chat_db) == []  # still nothing shared before consent
    await chat.press("handoff:urgent")
    chat.expect(lang, ALERTED)
    (request,) = await requests(chat_db)
    assert request.urgent and request.location == "GB" and request.countries == []
    assert request.topic == "protection_risk" and request.reason == EMERGENCY[lang]
    assert request.question == EMERGENCY[lang]


@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
async def test_a_country_typed_after_an_emergency_shows_its_helplines(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database, lang: str
) -> None:
    chat = await started(make_chat, lang)
    await chat.say(EMERGENCY[lang])
    await chat.say(UNITED_KINGDOM[lang])
    assert_gb_helplines_first(chat, knowledge, lang)
    await chat.say(YES[lang])  # a typed yes still answers the urgent offer
    (request,) = await requests(chat_db)
    assert request.urgent and request.location == "GB"


async def test_the_country_step_can_be_followed_by_a_no(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database
) -> None:
    chat = await started(make_chat, "fr")
    await chat.say(EMERGENCY["fr"])
    await chat.press("sos:GB")
    await chat.say("non")
    chat.expect("fr", "All right, nothing has been shared. You can keep asking me questions.")
    assert await requests(chat_db) == []


async def test_the_operator_of_a_helpline_is_shown_in_the_persons_language(
    make_chat: MakeChat, knowledge: KnowledgeBase
) -> None:
    chat = await started(make_chat, "fr")
    await chat.say(EMERGENCY["fr"])
    await chat.press("sos:GB")
    (line,) = [
        h for h in knowledge.helplines.countries["GB"] if h.id == "gb-modern-slavery-helpline"
    ]
    text = chat.replies[0].text
    assert line.localized_operator("fr") != line.localized_operator("en")
    assert line.localized_operator("fr") in text
    assert line.localized_operator("en") not in text


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_consent_refused_then_given(
    make_chat: MakeChat, chat_db: Database, lang: str
) -> None:
    chat = await started(make_chat, lang)
    await chat.say(FAMILY_NO_COUNTRY[lang])
    await chat.press("country:DE")
    await chat.say(HANDOFF[lang])
    chat.expect(lang, WHAT_A_VOLUNTEER_SEES)
    tr = Translator(lang)
    assert tr.country_name("DE") in chat.text
    assert tr._("Family reunification") in chat.text
    await chat.press("handoff:no")
    chat.expect(lang, "All right, nothing has been shared. You can keep asking me questions.")
    assert await requests(chat_db) == []

    await chat.press("handoff:offer")
    await chat.say(YES[lang])  # typed consent counts as consent
    chat.expect(
        lang,
        "Thank you. Your case reference is {reference}. A volunteer will answer "
        "here as soon as one is free; this can take some time. Anything you "
        "write here now is passed on to them.",
    )
    (request,) = await requests(chat_db)
    assert (request.language, request.countries, request.topic, request.urgent) == (
        lang,
        ["DE"],
        "family_reunification",
        False,
    )
    assert request.question == FAMILY_NO_COUNTRY[lang]
    assert request.bot_answer is not None
    # While handed over, messages are passed on, until the person goes back to the bot.
    await chat.say("hello?")
    chat.expect(lang, "I passed your message to the volunteer.")
    (request,) = await requests(chat_db)
    assert request.question.endswith("hello?")
    await chat.press("handoff:leave")
    chat.expect(
        lang, "You are back with the bot. Your next messages are not passed on to a volunteer."
    )
    await chat.say(HANDOFF[lang])
    chat.expect(lang, WHAT_A_VOLUNTEER_SEES)


async def test_a_stale_yes_does_not_hand_over_without_the_explanation(
    make_chat: MakeChat, chat_db: Database
) -> None:
    chat = await started(make_chat, "en")
    await chat.press("handoff:yes", offered=False)
    chat.expect("en", WHAT_A_VOLUNTEER_SEES)
    assert await requests(chat_db) == []


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_delete_after_confirmation(
    make_chat: MakeChat, chat_db: Database, lang: str
) -> None:
    chat = await started(make_chat, lang)
    await chat.say(HANDOFF[lang])
    await chat.press("handoff:yes")
    await chat.say("/delete")
    chat.expect(
        lang,
        "Do you want to erase your conversation data: your language, country, "
        "questions and any request to a volunteer? This cannot be undone.",
    )
    await chat.press("del:no")
    chat.expect(lang, "Nothing was erased.")
    assert len(await requests(chat_db)) == 1

    await chat.say("/delete")
    await chat.press("del:yes")
    chat.expect(
        lang,
        "Done: your conversation data has been erased. If you write again, we "
        "start from the beginning.",
    )
    assert chat.replies[0].language == lang
    async with chat_db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 0
    assert await requests(chat_db) == []
    # Writing again starts a new conversation, with the welcome and the disclaimer.
    await chat.say("/menu")
    chat.expect(lang, "This is general information, not legal advice.")


async def test_delete_confirmed_by_typing(make_chat: MakeChat, chat_db: Database) -> None:
    chat = await started(make_chat, "fr")
    await chat.press("cmd:delete")
    await chat.say("Oui")
    chat.expect(
        "fr",
        "Done: your conversation data has been erased. If you write again, we "
        "start from the beginning.",
    )
    async with chat_db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 0


async def test_a_stale_delete_button_asks_again(make_chat: MakeChat, chat_db: Database) -> None:
    chat = await started(make_chat, "en")
    await chat.press("del:yes", offered=False)
    chat.expect(
        "en",
        "Do you want to erase your conversation data: your language, country, "
        "questions and any request to a volunteer? This cannot be undone.",
    )
    async with chat_db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Conversation)) == 1


class CaseButtons(SqlHandoffGateway):
    """The SQL gateway plus the handoff service's rating and reopening buttons."""

    async def handle_payload(self, state: ConversationState, raw: str) -> bool | None:
        if raw == "reopen:AB12CD":
            state.handoff_active = True
            return True
        return {"rate:AB12CD:5": True, "rate:AB12CD:1": False, "reopen:OLD": False}.get(raw)


@pytest.mark.parametrize(
    ("payload", "reply"),
    [
        ("rate:AB12CD:5", "Thank you for rating the help you received."),
        ("rate:AB12CD:1", "This case cannot be rated any more."),
        (
            "reopen:AB12CD",
            "Your case is open again. Anything you write here is passed on to the volunteer.",
        ),
        (
            "reopen:OLD",
            "This case cannot be reopened any more. You can ask for a volunteer again.",
        ),
        ("rate:NOPE:3", "Sorry, that button no longer works. Here is the menu again."),
    ],
)
async def test_the_handoff_sides_buttons_reach_its_gateway(
    chat_db: Database,
    knowledge: KnowledgeBase,
    nlu_pipeline: NLUPipeline,
    payload: str,
    reply: str,
) -> None:
    ports = sql_ports(chat_db, handoff=CaseButtons(chat_db))
    engine = Engine(knowledge=lambda: knowledge, nlu=lambda: nlu_pipeline, ports=ports)
    chat = Chat(engine=engine, hint="es")
    await chat.say("/start")
    await chat.press(payload, offered=False)
    chat.expect("es", reply)


DANGER_NOW = (
    "If you are in danger now, call the police emergency number of the country you are in:"
)
# Bare answers a classifier has called an emergency ("non" 0.58, "no" 0.99, "لا" 0.63).
BARE_ANSWERS = [("fr", "oui"), ("fr", "non"), ("es", "no"), ("es", "sí"), ("en", "no")]
BARE_ANSWERS += [("ar", "لا"), ("ar", "نعم"), ("ne", "हो"), ("ne", "होइन"), ("en", "Non.")]


@pytest.mark.parametrize(("lang", "word"), BARE_ANSWERS)
async def test_a_bare_yes_or_no_is_never_an_emergency(
    make_chat: MakeChat, chat_db: Database, lang: str, word: str
) -> None:
    chat = await started(make_chat, lang)
    await chat.say(word)
    assert Translator(lang)._(DANGER_NOW) not in chat.text
    chat.expect(
        lang,
        "What would you like to know? Choose a topic, or write your question in your own words.",
    )
    assert await requests(chat_db) == []


@pytest.mark.parametrize(("lang", "helpful"), [("en", True), ("fr", False), ("ar", True)])
async def test_a_typed_yes_or_no_after_an_answer_is_feedback(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database, lang: str, helpful: bool
) -> None:
    entry = knowledge.get("pre-departure-documents-to-carry")
    assert entry is not None
    chat = await started(make_chat, lang)
    await chat.say(entry.translation(lang).question)
    assert chat.first("fb:") == f"fb:{entry.id}:1"
    tr = Translator(lang)
    await chat.say(tr._("yes") if helpful else tr._("no"))
    async with chat_db.sessions() as session:
        rows = (await session.scalars(select(Feedback))).all()
    assert [(r.faq_id, r.helpful) for r in rows] == [(entry.id, helpful)]
    if helpful:
        chat.expect(lang, "Thank you for telling me. Ask me anything else, or type /menu.")
    else:
        assert "handoff:offer" in chat.payloads()
    # Answered once: another "yes" is not counted again.
    await chat.say(tr._("yes"))
    async with chat_db.sessions() as session:
        assert len((await session.scalars(select(Feedback))).all()) == 1


async def test_a_typed_no_to_a_clarifying_question_means_none_of_these(
    make_chat: MakeChat, nlu_pipeline: NLUPipeline
) -> None:
    chat = await started(make_chat, "en")
    for text in ("information about work", "what about money", "can you tell me about the rules"):
        await chat.say(text)
        if "none" in chat.payloads():
            break
    assert "none" in chat.payloads(), "no vague phrase gets a clarifying question any more"
    await chat.say("no")
    assert "handoff:offer" in chat.payloads()
    assert "none" not in chat.payloads()


async def test_an_emergency_during_a_handoff_is_passed_on_and_made_urgent(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database
) -> None:
    chat = await started(make_chat, "es")
    await chat.say(HANDOFF["es"])
    await chat.press("handoff:yes")
    (request,) = await requests(chat_db)
    assert not request.urgent
    helplines, passed = await chat.say(EMERGENCY["es"])
    tr = Translator("es")
    assert helplines.text.startswith(tr._(DIAL_WHERE_YOU_ARE))  # first, at once
    for line in knowledge.helplines.international:
        assert line.localized_name("es") in helplines.text
    assert passed.text == tr._("I passed this to your volunteer as well.")
    (request,) = await requests(chat_db)
    assert request.urgent and request.question.endswith(EMERGENCY["es"])


async def test_a_bare_no_during_a_handoff_goes_to_the_volunteer(
    make_chat: MakeChat, chat_db: Database
) -> None:
    chat = await started(make_chat, "fr")
    await chat.say(HANDOFF["fr"])
    await chat.press("handoff:yes")
    await chat.say("non")
    chat.expect("fr", "I passed your message to the volunteer.")
    (request,) = await requests(chat_db)
    assert request.question.endswith("non") and not request.urgent
