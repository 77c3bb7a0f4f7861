"""People in danger, as a new user would meet the bot in the web chat, in every language.

Each test walks a whole conversation and asserts what the person reads and what the volunteer
sees through the handoff API: the case's priority and topic, the country and numbers shown.
"""

from __future__ import annotations

import pytest

from bot.i18n import Translator
from bot.knowledge import KnowledgeBase
from tests.conversations.conftest import LANGUAGES
from tests.conversations.harness import Person, Volunteer
from tests.conversations.scripts import (
    ASK_FOR_A_PERSON,
    DANGER,
    DANGER_IN,
    DESTINATION_QUESTIONS,
    LOOK_ALIKES,
    ROMANIZED_NEPALI,
    SAFE_DETAIL,
    YES,
)

CASES = [(lang, i) for lang in LANGUAGES for i in range(3)]


def emergency_numbers(knowledge: KnowledgeBase, country: str) -> list[str]:
    """The confirmed police/emergency numbers of a country."""
    return [
        h.number
        for h in knowledge.helplines.countries.get(country, [])
        if h.kind == "emergency" and h.number
    ]


def is_helpline_reply(person: Person) -> bool:
    """Tell whether the bot answered with emergency numbers and an urgent offer."""
    return "handoff:urgent" in person.payloads() or any(
        p.startswith("sos:") for p in person.payloads()
    )


@pytest.mark.parametrize(("lang", "i"), CASES)
def test_danger_then_asking_for_a_person_in_words_opens_an_urgent_protection_case(
    person, volunteer: Volunteer, lang: str, i: int
) -> None:
    chat: Person = person(lang)
    chat.say(DESTINATION_QUESTIONS[lang][i][1])  # an earlier, unrelated question
    chat.say(DANGER[lang][i])
    assert "handoff:urgent" in chat.payloads()
    # The person does not press the urgent button: they ask for a human in their own words.
    chat.say(ASK_FOR_A_PERSON[lang])
    assert "handoff:urgent" in chat.payloads(), chat.text
    chat.say(YES[lang])
    case = volunteer.case(chat.reference())
    assert case["priority"] == "urgent"
    assert case["topic"] == "protection_risk"
    assert DANGER[lang][i] in volunteer.everything_seen(case["reference"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_danger_declined_then_a_later_consent_is_still_urgent(
    person, volunteer: Volunteer, lang: str
) -> None:
    chat: Person = person(lang)
    chat.say(DANGER[lang][0])
    chat.press("handoff:no")
    chat.say(ASK_FOR_A_PERSON[lang])
    chat.say(YES[lang])
    case = volunteer.case(chat.reference())
    assert (case["priority"], case["topic"]) == ("urgent", "protection_risk")


@pytest.mark.parametrize(("lang", "i"), CASES)
def test_a_destination_asked_about_is_not_where_the_person_is(
    person, knowledge: KnowledgeBase, lang: str, i: int
) -> None:
    destination, question = DESTINATION_QUESTIONS[lang][i]
    chat: Person = person(lang)
    chat.say(question)
    chat.say(DANGER[lang][i])
    tr = Translator(lang)
    helplines = chat.replies[0]["text"]
    head = helplines.split("\n", 1)[0]
    assert tr.country_name(destination) not in head  # never "You are in <destination>"
    assert f"sos:{destination}" in chat.payloads()  # but one tap away
    assert "sos:QA" in chat.payloads() and "sos:SA" in chat.payloads()
    for line in knowledge.helplines.countries.get(destination, []):
        if line.kind != "emergency" and line.number:
            assert line.number not in helplines  # no local hotline as if they were there
    # One tap on where they really are: that country's numbers, named.
    chat.press("sos:QA")
    text = chat.replies[0]["text"]
    assert tr.country_name("QA") in text.split("\n", 1)[0]
    assert all(n in text for n in emergency_numbers(knowledge, "QA"))


@pytest.mark.parametrize(("lang", "i"), CASES)
def test_danger_in_a_named_country_gives_its_numbers_at_once(
    person, volunteer: Volunteer, knowledge: KnowledgeBase, lang: str, i: int
) -> None:
    country, text = DANGER_IN[lang][i]
    chat: Person = person(lang)
    chat.say(text)
    tr = Translator(lang)
    first = chat.replies[0]["text"]
    numbers = emergency_numbers(knowledge, country)
    assert numbers, f"no confirmed emergency number for {country}"
    assert tr.country_name(country) in first.split("\n", 1)[0]  # the country assumed is said
    international = knowledge.helplines.international[0].localized_name(lang)
    assert first.index(numbers[0]) < first.index(international)  # local number first
    assert not [p for p in chat.payloads() if p.startswith("sos:")]  # no need to ask where
    chat.press("handoff:urgent")
    assert numbers[0] in chat.text  # "call 999 (Qatar)", never "the numbers above"
    case = volunteer.case(chat.reference())
    assert case["priority"] == "urgent"


@pytest.mark.parametrize(("lang", "i"), CASES)
def test_look_alikes_get_no_police_numbers(person, lang: str, i: int) -> None:
    chat: Person = person(lang)
    chat.say("/start")
    chat.say(LOOK_ALIKES[lang][i])
    assert not is_helpline_reply(chat), chat.text


def test_a_safe_detail_during_a_case_is_passed_on_without_raising_it(
    person, volunteer: Volunteer
) -> None:
    """In every language the detail reaches the volunteer; false alarms stay rare.

    The bar is the issue's (false alarms <= 3% of non-emergency messages): one language of
    five may still be over-cautious on this phrasing (known: Arabic), never more.
    """
    raised = []
    for lang in LANGUAGES:
        chat: Person = person(lang)
        chat.say(ASK_FOR_A_PERSON[lang])
        chat.say(YES[lang])
        reference = chat.reference()
        chat.say(SAFE_DETAIL[lang])
        assert SAFE_DETAIL[lang] in volunteer.everything_seen(reference)
        if is_helpline_reply(chat) or volunteer.case(reference)["priority"] != "normal":
            raised.append(lang)
    assert len(raised) <= 1, f"raised to urgent in {raised}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_danger_during_a_case_raises_it_once_and_does_not_repeat_the_list(
    person, volunteer: Volunteer, knowledge: KnowledgeBase, lang: str
) -> None:
    chat: Person = person(lang)
    chat.say(ASK_FOR_A_PERSON[lang])
    chat.say(YES[lang])
    reference = chat.reference()
    country, text = DANGER_IN[lang][0]
    chat.say(text)
    assert emergency_numbers(knowledge, country)[0] in chat.replies[0]["text"]
    assert volunteer.case(reference)["priority"] == "urgent"
    chat.say(DANGER[lang][1])  # more danger: passed on, one line to dial, not the whole list
    assert len(chat.text) < 400, chat.text
    assert emergency_numbers(knowledge, country)[0] in chat.text
    assert DANGER[lang][1] in volunteer.everything_seen(reference)


@pytest.mark.parametrize("i", range(3))
def test_romanized_nepali_danger_then_a_typed_request_is_urgent(
    person, volunteer: Volunteer, i: int
) -> None:
    chat: Person = person("ne")
    chat.say(ROMANIZED_NEPALI["danger"][i])
    assert "handoff:urgent" in chat.payloads(), chat.text
    chat.say(ROMANIZED_NEPALI["ask_for_a_person"])
    chat.say(ROMANIZED_NEPALI["yes"])
    case = volunteer.case(chat.reference())
    assert (case["priority"], case["topic"]) == ("urgent", "protection_risk")


@pytest.mark.parametrize("i", range(3))
def test_romanized_nepali_danger_in_a_named_country_gives_its_numbers(
    person, knowledge: KnowledgeBase, i: int
) -> None:
    country, text = ROMANIZED_NEPALI["danger_in"][i]
    chat: Person = person("ne")
    chat.say(text)
    first = chat.replies[0]["text"]
    assert Translator("ne").country_name(country) in first.split("\n", 1)[0], chat.text
    assert emergency_numbers(knowledge, country)[0] in first
