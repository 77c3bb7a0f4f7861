"""Notices above answers (once, by destination and origin) and referrals after them."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from api.db.conversation_models import Conversation
from api.db.session import Database
from api.stores import sql_ports
from bot.engine import Engine
from bot.flows.referrals import referrals_for_emergency
from bot.i18n import LANGUAGES, Translator
from bot.knowledge import KnowledgeBase, Notice
from bot.ports import ConversationState, Ports
from bot.turn import Turn
from nlu import NLUPipeline
from tests.bot.conftest import MakeChat
from tests.bot.dialogue import Chat

StartChat = Callable[..., Awaitable[Chat]]

TODAY = date.today()
PAUSE_URL = "https://travel.state.gov/content/travel/en/News/visas-news.html"
HEAD = "Important change, since {date}:"
REFERRAL = "An organisation that can help in {country}:"
# A Nepali person asking how to bring their spouse to the US (origin and destination named).
NEPALI_US = {
    "en": "I am from Nepal, how can I bring my wife to the USA",
    "ne": "म नेपालबाट हुँ, अमेरिकामा श्रीमतीलाई कसरी बोलाउने",
}
SECOND_US = {
    "en": "what about temporary work visas in the usa",
    "ne": "अमेरिकाको अस्थायी काम भिसा",
}
EGYPTIAN_US = {
    "en": "I am from Egypt, how can I bring my wife to the USA",
    "ar": "أنا من مصر، كيف أحضر زوجتي إلى أمريكا",
}
WORK_IN_MALAYSIA = {
    "en": "I want to work in Malaysia",
    "ar": "أريد العمل في ماليزيا",
    "ne": "म मलेसिया काम गर्न जाँदैछु",
}
RIGHTS_AT_WORK = {
    "en": "what are my rights at work abroad",
    "ar": "ما هي حقوقي في العمل في الخارج",
    "ne": "विदेशमा कामदारको अधिकार के हुन्छ",
}


def _notice(notice_id: str, **overrides: object) -> Notice:
    data: dict[str, object] = {
        "id": notice_id,
        "countries": ["US"],
        "nationalities": ["NP"],
        "topics": ["visa_info", "family_reunification", "sponsorship"],
        "starts": TODAY - timedelta(days=300),
        "expires": TODAY + timedelta(days=200),
        "review_by": TODAY + timedelta(days=100),
        "reviewed": TODAY,
        "source": {"title": "U.S. Department of State", "url": PAUSE_URL},
        "text": {lang: f"[{notice_id} {lang}] see {PAUSE_URL}" for lang in LANGUAGES},
    }
    data.update(overrides)
    return Notice.model_validate(data)


PAUSE = _notice("us-immigrant-visa-pause-2026")
EXPIRED = _notice("us-expired-notice", expires=TODAY - timedelta(days=1))


@pytest.fixture
def noticed(knowledge: KnowledgeBase) -> KnowledgeBase:
    """The repository's content plus a current and an expired US notice."""
    return dataclasses.replace(knowledge, notices=[PAUSE, EXPIRED])


@pytest.fixture
def chat_with_notices(
    chat_db: Database, noticed: KnowledgeBase, nlu_pipeline: NLUPipeline
) -> StartChat:
    """Start a conversation with an engine that knows the notices above."""
    engine = Engine(knowledge=lambda: noticed, nlu=lambda: nlu_pipeline, ports=sql_ports(chat_db))

    async def start(lang: str, user_id: str = "person-1") -> Chat:
        chat = Chat(engine=engine, hint=lang, user_id=user_id)
        await chat.say("/start")
        return chat

    return start


async def _memo(db: Database) -> dict[str, object]:
    async with db.sessions() as session:
        row = (await session.scalars(select(Conversation))).one()
    return dict(row.memo or {})


@pytest.mark.parametrize("lang", ["en", "ne"])
async def test_a_nepali_asking_about_the_us_sees_the_notice_once_above_the_answer(
    chat_with_notices: StartChat, chat_db: Database, lang: str
) -> None:
    chat = await chat_with_notices(lang)
    replies = await chat.say(NEPALI_US[lang])
    tr = Translator(lang)
    notice, answer = replies[0], replies[1]
    assert notice.text.startswith(tr._(HEAD).format(date=tr.date(PAUSE.starts)))
    assert PAUSE.localized_text(lang) in notice.text and PAUSE_URL in notice.text
    assert tr._("Last reviewed: {date}").format(date=tr.date(PAUSE.reviewed)) in notice.text
    assert notice.language == lang and notice.link == PAUSE_URL
    assert tr._("Was this helpful?") not in notice.text and answer.link  # the answer follows
    assert "us-expired-notice" not in chat.text
    assert (await _memo(chat_db))["notices"] == [PAUSE.id]

    await chat.say(SECOND_US[lang])
    assert PAUSE.localized_text(lang) not in chat.text  # once per conversation
    chat.expect(lang, "Was this helpful?")


@pytest.mark.parametrize("lang", ["en", "ar"])
async def test_a_person_whose_origin_is_not_listed_does_not_see_it(
    chat_with_notices: StartChat, lang: str
) -> None:
    chat = await chat_with_notices(lang)
    await chat.say(EGYPTIAN_US[lang])
    chat.expect(lang, "Was this helpful?")
    assert PAUSE.id not in chat.text and "[us-" not in chat.text


async def test_a_person_of_unknown_origin_sees_it(chat_with_notices: StartChat) -> None:
    chat = await chat_with_notices("en")
    await chat.say("how can I bring my wife to the USA")
    assert chat.replies[0].text.startswith("Important change, since")
    assert PAUSE.localized_text("en") in chat.replies[0].text


@pytest.mark.parametrize("lang", ["en", "ar", "ne"])
async def test_a_worker_in_malaysia_gets_the_answer_plus_one_referral(
    make_chat: MakeChat, knowledge: KnowledgeBase, chat_db: Database, lang: str
) -> None:
    chat = make_chat(hint=lang)
    await chat.say("/start")
    await chat.say(WORK_IN_MALAYSIA[lang])
    assert not any(m.text.startswith(Translator(lang)._(REFERRAL)[:10]) for m in chat.replies)
    replies = await chat.say(RIGHTS_AT_WORK[lang])
    tr = Translator(lang)
    iom = next(o for o in knowledge.organisations if o.id == "iom-malaysia")
    head = tr._(REFERRAL).format(country=tr.country_name("MY"))
    answer, referral, helpful = replies
    assert answer.link and helpful.text == tr._("Was this helpful?")
    assert referral.text.startswith(head)
    assert iom.localized_name(lang) in referral.text and iom.url in referral.text
    assert iom.localized_helps_with(lang) in referral.text
    assert referral.language == lang
    assert (await _memo(chat_db))["referrals"] == ["iom-malaysia"]
    # One referral per country in a conversation: the next answer comes without another.
    await chat.say(RIGHTS_AT_WORK[lang])
    assert head not in chat.text


def _turn(knowledge: KnowledgeBase, lang: str) -> Turn:
    ports: Ports = None  # type: ignore[assignment]  # the emergency referral needs no port
    return Turn(ConversationState("test", "x"), Translator(lang), knowledge, None, ports)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_emergency_reply_can_name_a_protection_organisation(
    knowledge: KnowledgeBase, lang: str
) -> None:
    turn = _turn(knowledge, lang)
    for country in ("MY", "KW", "OM", "QA"):
        text = referrals_for_emergency(turn, country)
        assert text is not None and "iom.int" in text
        assert Translator(lang).country_name(country) in text
    assert referrals_for_emergency(turn, None) is None
    assert referrals_for_emergency(turn, "AQ") is None
