"""Whole dialogues in every language: first contact, answers, clarifications, countries."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api.db.conversation_models import Conversation, Feedback, UnansweredQuestion
from api.db.session import Database
from bot.flows.answers import CLARIFY_RATIO
from bot.i18n import LANGUAGES, Translator
from bot.knowledge import TOPICS, KnowledgeBase
from bot.payloads import resolve_ref
from nlu import NLUPipeline
from tests.bot.conftest import MakeChat
from tests.bot.dialogue import Chat
from tests.bot.phrases import FAMILY_NO_COUNTRY, GERMANY, GOODBYE, GREET, OFF_TOPIC, THANKS

OWN_NAMES = ["English", "Français", "Español", "العربية", "नेपाली"]
DISCLAIMER = "This is general information, not legal advice."
VAGUE = [
    "information about work",
    "what about money",
    "can you tell me about the rules",
    "what about documents",
    "tell me about papers",
    "something about the contract",
]


async def started(make_chat: MakeChat, lang: str, **kwargs: object) -> Chat:
    chat = make_chat(hint=lang, **kwargs)
    await chat.say("/start")
    return chat


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_first_contact(make_chat: MakeChat, lang: str) -> None:
    chat = make_chat(hint=lang)
    welcome, menu = await chat.say("/start")
    tr = Translator(lang)
    assert tr._(DISCLAIMER) in welcome.text
    assert "/privacy" in welcome.text and "/delete" in welcome.text
    marked = [
        ("✓ " if code == lang else "") + name
        for code, name in zip(LANGUAGES, OWN_NAMES, strict=True)
    ]
    assert [b.title for b in welcome.buttons] == marked
    assert [b.payload for b in welcome.buttons] == [f"lang:{code}" for code in LANGUAGES]
    assert welcome.language == lang
    assert welcome.direction == ("rtl" if lang == "ar" else "ltr")
    assert [b.payload for b in menu.buttons][:5] == [f"topic:{topic}" for topic in TOPICS]
    assert {"handoff:offer", "cmd:language", "cmd:privacy", "cmd:help", "cmd:delete"} <= set(
        chat.payloads()
    )
    # The disclaimer is said once per conversation.
    await chat.say(GREET[lang])
    assert tr._(DISCLAIMER) not in chat.text
    chat.expect(
        lang,
        "Hello! What would you like to know? Choose a topic, or write your "
        "question in your own words.",
    )


async def test_first_contact_without_a_hint_answers_in_the_language_written(
    make_chat: MakeChat,
) -> None:
    chat = make_chat()
    await chat.say("مرحبا")
    assert chat.replies[0].language == "ar"
    chat.expect("ar", DISCLAIMER)
    assert chat.buttons()[3].title == "✓ العربية"
    await chat.press("lang:fr")
    assert all(m.language == "fr" for m in chat.replies)
    chat.expect("fr", "All right, I will write in {language}.")
    assert "français" in chat.replies[0].text


async def test_choosing_a_language_first_welcomes_in_that_language(make_chat: MakeChat) -> None:
    chat = make_chat(hint="en")
    await chat.press("lang:ne", offered=False)
    chat.expect("ne", DISCLAIMER)
    assert chat.buttons()[4].title == "✓ नेपाली"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("topic", TOPICS)
async def test_a_question_per_topic_is_answered_with_source_and_date(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database, lang: str, topic: str
) -> None:
    general = [e for e in knowledge.published() if e.topic == topic and not e.country_set]
    assert general, f"the content has no general {topic} entry"
    chat = await started(make_chat, lang)
    answer, helpful = await chat.say(general[0].translation(lang).question)
    entry_id = resolve_ref(knowledge, chat.first("fb:").split(":")[1])
    assert entry_id is not None
    entry = knowledge.get(entry_id)
    assert entry is not None and entry.topic == topic
    assert entry.translation(lang).answer.strip() in answer.text
    for source in entry.sources:
        assert source.title in answer.text and source.url in answer.text
    tr = Translator(lang)
    assert tr._("Last reviewed: {date}").format(date=tr.date(entry.reviewed)) in answer.text
    assert answer.link == entry.sources[0].url
    assert answer.language == lang and helpful.language == lang
    chat.expect(lang, "Was this helpful?")
    assert chat.payloads() == [f"fb:{entry.id}:1", f"fb:{entry.id}:0", "handoff:offer"]
    await chat.press(f"fb:{entry.id}:1")
    chat.expect(lang, "Thank you for telling me. Ask me anything else, or type /menu.")
    async with chat_db.sessions() as session:
        rows = (await session.scalars(select(Feedback))).all()
    assert [(r.faq_id, r.lang, r.helpful) for r in rows] == [(entry.id, lang, True)]


async def test_a_topic_lists_its_questions_and_one_can_be_opened(
    make_chat: MakeChat, knowledge: KnowledgeBase
) -> None:
    chat = await started(make_chat, "es")
    await chat.press("topic:protection_risk")
    chat.expect("es", "{topic}: choose a question, or write your own.")
    faq = chat.first("faq:")
    await chat.press(faq)
    entry = knowledge.get(faq.split(":")[1])
    assert entry is not None
    assert entry.translation("es").answer.strip() in chat.replies[0].text


async def test_a_vague_question_gets_a_clarifying_question(
    make_chat: MakeChat, nlu_pipeline: NLUPipeline, chat_db: Database
) -> None:
    vague = None
    clarifying = Translator("en")._("I am not sure I understood. Is your question one of these?")
    for text in VAGUE:
        analysis = await nlu_pipeline.analyse(text)
        floor = analysis.faq_threshold * CLARIFY_RATIO
        weak = [c for c in analysis.faq_candidates if c.score >= floor]
        if analysis.faq is None and analysis.intent != "out_of_scope" and len(weak) >= 2:
            probe = await started(make_chat, "en", user_id=f"probe-{len(text)}")
            await probe.say(text)
            if clarifying in probe.text:
                vague = text
                break
    assert vague is not None, "no vague phrase left for this NLU; add one to VAGUE"
    chat = await started(make_chat, "en")
    await chat.say(vague)
    chat.expect("en", "I am not sure I understood. Is your question one of these?")
    offered = [p for p in chat.payloads() if p.startswith("faq:")]
    assert 1 <= len(offered) <= 3
    assert chat.payloads()[-2:] == ["none", "handoff:offer"]
    await chat.press(offered[0])
    assert "fb:" in chat.first("fb:")
    # "None of these": the question is noted for editors, with no user id, and a volunteer offered.
    await chat.say(vague)
    await chat.press("none")
    assert "handoff:offer" in chat.payloads()
    async with chat_db.sessions() as session:
        stored = (await session.scalars(select(UnansweredQuestion))).all()
    assert [q.text for q in stored] == [vague]


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_destination_is_asked_then_remembered(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database, lang: str
) -> None:
    chat = await started(make_chat, lang, user_id=f"person-{lang}")
    await chat.say(FAMILY_NO_COUNTRY[lang])
    chat.expect(
        lang,
        "The answer depends on the country you want to go to. Which country is "
        "it? Choose one, or write its name.",
    )
    tr = Translator(lang)
    titles = {b.payload: b.title for b in chat.buttons()}
    assert titles["country:DE"] == tr.country_name("DE")
    assert "country:none" in titles
    await chat.say(GERMANY[lang])  # typed, not pressed
    entry = knowledge.get(chat.first("fb:").split(":")[1])
    assert entry is not None and entry.topic == "family_reunification"
    assert "DE" in entry.country_set
    async with chat_db.sessions() as session:
        row = await session.scalar(select(Conversation))
    assert row is not None and row.country == "DE"
    # Remembered: the next country-dependent question is answered for Germany at once.
    await chat.say(FAMILY_NO_COUNTRY[lang])
    again = knowledge.get(chat.first("fb:").split(":")[1])
    assert again is not None and "DE" in again.country_set


async def test_a_destination_without_its_own_entry_gets_the_general_one(
    make_chat: MakeChat, knowledge: KnowledgeBase
) -> None:
    chat = await started(make_chat, "en")
    await chat.say(FAMILY_NO_COUNTRY["en"])
    await chat.say("Qatar")
    chat.expect(
        "en",
        "I do not have information specific to {country} yet. Here is the general information:",
    )
    assert "Qatar" in chat.text
    entry = knowledge.get(chat.first("fb:").split(":")[1])
    assert entry is not None and not entry.country_set


async def test_language_switch_mid_conversation(
    make_chat: MakeChat, knowledge: KnowledgeBase
) -> None:
    chat = await started(make_chat, "en")
    await chat.say("what documents should I carry")
    assert chat.replies[0].language == "en"
    await chat.say("I want to change the language")
    assert chat.payloads() == [f"lang:{code}" for code in LANGUAGES]
    await chat.press("lang:ar")
    chat.expect("ar", "All right, I will write in {language}.")
    assert all(m.direction == "rtl" for m in chat.replies)
    await chat.say("ما الوثائق التي يجب أن أحملها معي")
    entry = knowledge.get(chat.first("fb:").split(":")[1])
    assert entry is not None
    assert entry.translation("ar").answer.strip() in chat.replies[0].text
    # The stored choice wins over the platform's language from now on.
    chat.hint = "en"
    await chat.say("/help")
    assert chat.replies[0].language == "ar"


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_small_talk_gets_short_warm_replies(
    make_chat: MakeChat, chat_db: Database, lang: str
) -> None:
    chat = await started(make_chat, lang)
    await chat.say(THANKS[lang])
    chat.expect(lang, "You are welcome! Ask me anything else, or type /menu.")
    await chat.say(GOODBYE[lang])
    chat.expect(
        lang,
        "Take care, and travel safely. I am here whenever you need me. Type "
        "/delete if you want your data erased.",
    )
    await chat.say(OFF_TOPIC[lang])
    chat.expect(
        lang,
        "Sorry, I can only help with moving abroad: visas, family reunification, "
        "sponsorship, risks and scams, and preparing to leave. I have noted your "
        "question, without your name, so our editors see what people ask.",
    )
    assert "handoff:offer" in chat.payloads()
    async with chat_db.sessions() as session:
        stored = (await session.scalars(select(UnansweredQuestion))).all()
    assert [(q.text, q.lang, q.intent) for q in stored] == [
        (OFF_TOPIC[lang], lang, "out_of_scope")
    ]


@pytest.mark.parametrize("command", ["/menu", "/help", "/privacy", "/language"])
async def test_commands_are_also_menu_entries(make_chat: MakeChat, command: str) -> None:
    typed = await started(make_chat, "fr", user_id="typed")
    await typed.say(command)
    pressed = await started(make_chat, "fr", user_id="pressed")
    await pressed.press(f"cmd:{command[1:]}", offered=False)
    assert typed.text == pressed.text
    assert typed.payloads() == pressed.payloads()
    assert all(m.language == "fr" for m in typed.replies)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_not_sure_of_the_destination_gets_the_general_entry(
    make_chat: MakeChat, knowledge: KnowledgeBase, lang: str
) -> None:
    chat = await started(make_chat, lang)
    await chat.say(FAMILY_NO_COUNTRY[lang])
    await chat.press("country:none")
    if not any(p.startswith("fb:") for p in chat.payloads()):
        # Several general entries on the topic: they are offered as the choice.
        general = [
            p
            for p in chat.payloads()
            if p.startswith("faq:")
            and (e := knowledge.get(resolve_ref(knowledge, p[4:]) or "")) is not None
            and not e.country_set
        ]
        assert general, chat.text
        await chat.press(general[0])
    entry = knowledge.get(chat.first("fb:").split(":")[1])
    assert entry is not None and entry.topic == "family_reunification"
    assert not entry.country_set


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_known_destination_without_its_own_entry_gets_the_general_one_said_so(
    make_chat: MakeChat, knowledge: KnowledgeBase, lang: str
) -> None:
    chat = await started(make_chat, lang)
    await chat.press("country:QA", offered=False)
    chat.expect(lang, "Noted: {country}.")
    await chat.say(FAMILY_NO_COUNTRY[lang])  # the destination is known: not asked again
    chat.expect(
        lang,
        "I do not have information specific to {country} yet. Here is the general information:",
    )
    assert Translator(lang).country_name("QA") in chat.text
    entry = knowledge.get(chat.first("fb:").split(":")[1])
    assert entry is not None and entry.topic == "family_reunification"
    assert not entry.country_set


async def test_a_general_question_is_answered_without_asking_the_destination(
    make_chat: MakeChat, knowledge: KnowledgeBase
) -> None:
    # Its own entry's wording: general entries on the same topic for some countries score far
    # below it, so there is nothing to ask.
    general = knowledge.get("family-reunification-what-it-usually-requires")
    assert general is not None
    chat = await started(make_chat, "fr")
    await chat.say(general.translation("fr").question)
    assert "country:none" not in chat.payloads()
    assert chat.first("fb:") == f"fb:{general.id}:1"


@pytest.mark.parametrize(("hint", "lang"), [("en", "ar"), ("fr", "ar"), ("es", "ne")])
async def test_writing_in_another_script_than_the_platform_language_answers_in_it(
    make_chat: MakeChat, chat_db: Database, hint: str, lang: str
) -> None:
    chat = await started(make_chat, hint)  # welcomed in the platform's language
    assert chat.replies[0].language == hint
    await chat.say(FAMILY_NO_COUNTRY[lang])
    assert all(m.language == lang for m in chat.replies)
    chat.expect(
        lang,
        "The answer depends on the country you want to go to. Which country is it? "
        "Choose one, or write its name.",
    )
    # Kept as their choice: a button press (no text to detect) is answered in it too.
    await chat.press("country:DE")
    assert all(m.language == lang for m in chat.replies)
    async with chat_db.sessions() as session:
        row = await session.scalar(select(Conversation))
    assert row is not None and row.language == lang


async def test_a_stored_choice_wins_over_the_script_written(make_chat: MakeChat) -> None:
    chat = await started(make_chat, "en")
    await chat.press("lang:en", offered=False)
    await chat.say(FAMILY_NO_COUNTRY["ar"])
    assert all(m.language == "en" for m in chat.replies)


async def test_a_short_latin_message_keeps_the_platform_language(make_chat: MakeChat) -> None:
    # Latin-script detection is unreliable on a word or two ("taxi" reads as Nepali).
    chat = await started(make_chat, "fr")
    await chat.say("taxi")
    assert all(m.language == "fr" for m in chat.replies)
