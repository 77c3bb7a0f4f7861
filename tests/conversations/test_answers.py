"""Honest answers: the entry that answers the question, shown with it, or "I don't know"."""

from __future__ import annotations

import pytest

from bot.i18n import Translator
from bot.knowledge import KnowledgeBase
from bot.payloads import resolve_ref
from tests.conversations.conftest import LANGUAGES
from tests.conversations.harness import Person, Volunteer
from tests.conversations.scripts import ASK_FOR_A_PERSON, CONTACT_PARTS, CONTACTS, YES

FEE_ENTRIES = {"protection-recruitment-fees", "protection-usa-h2-no-fees"}
# Fee questions naming a destination: the fee guidance, never the country's visa entry.
FEE_QUESTIONS = [
    ("fr", "Un agent me demande 2000 euros pour un travail en Arabie saoudite, c'est normal ?"),
    ("fr", "l'agence veut 1500 euros pour un contrat en Allemagne, je dois payer ?"),
    ("en", "the agency wants 3000 dollars for a job in Germany, is that ok"),
    ("en", "recruiter asks me to pay a fee for a job in Canada, should I pay"),
    ("en", "agent says pay 4000 dollars and he gets me a job in Saudi Arabia, normal?"),
    ("es", "una agencia me pide 1500 euros para un trabajo en Canadá, ¿es normal?"),
    ("es", "el reclutador quiere que pague 2000 dólares por un empleo en Alemania"),
    ("es", "me cobran por conseguirme trabajo en Arabia Saudita, ¿debo pagar?"),
    ("ar", "الوكيل يطلب مني 2000 دولار مقابل عمل في السعودية، هل هذا طبيعي؟"),
    ("ar", "مكتب التوظيف يريد رسوما مقابل وظيفة في ألمانيا، هل أدفع؟"),
    ("ar", "طلبوا مني فلوس عشان يجيبولي شغل في كندا، عادي؟"),
    ("ne", "एजेन्टले क्यानडामा कामका लागि ५ लाख माग्यो, यो ठिक हो?"),
    ("ne", "साउदीमा काम दिलाउन म्यानपावरले धेरै पैसा माग्यो, तिर्ने कि नतिर्ने?"),
    ("ne", "germany ma kaam ko lagi agent le 10 lakh magyo, tirnu parcha?"),
]
US_CITIZEN_SPOUSE = [
    ("en", "I am a US citizen and want to bring my wife"),
    ("en", "I'm American, how can my husband come live with me in the US"),
    ("en", "as a US citizen can I bring my wife from Nepal"),
    ("es", "soy ciudadano estadounidense y quiero traer a mi esposa"),
    ("es", "tengo la ciudadanía de Estados Unidos, ¿cómo traigo a mi marido?"),
    ("es", "soy ciudadana americana, quiero pedir a mi esposo"),
    ("ne", "म अमेरिकी नागरिक हुँ, श्रीमतीलाई अमेरिका ल्याउन चाहन्छु"),
    ("ne", "मसँग अमेरिकाको नागरिकता छ, श्रीमान्‌लाई कसरी बोलाउने?"),
    ("ne", "ma US citizen hu, srimati lai america bolauna milcha?"),
]
# Questions on topics no entry covers: never a confident, unrelated answer.
NOT_COVERED = {
    "en": [
        "how do I exchange my driving licence in Spain",
        "can I transfer my pension from Nepal to the UK",
        "which university in Canada has the best ranking",
    ],
    "fr": [
        "comment échanger mon permis de conduire en Espagne",
        "puis-je transférer ma retraite du Népal au Royaume-Uni",
        "quelle université au Canada est la mieux classée",
    ],
    "es": [
        "cómo canjeo mi licencia de conducir en España",
        "puedo transferir mi pensión de Nepal al Reino Unido",
        "qué universidad de Canadá tiene el mejor ranking",
    ],
    "ar": [
        "كيف أبدل رخصة القيادة في إسبانيا",
        "هل يمكنني تحويل معاشي التقاعدي من نيبال إلى بريطانيا",
        "ما هي أفضل جامعة في كندا حسب التصنيف",
    ],
    "ne": [
        "स्पेनमा ड्राइभिङ लाइसेन्स कसरी साट्ने",
        "नेपालको पेन्सन बेलायतमा सार्न मिल्छ?",
        "क्यानडाको कुन विश्वविद्यालयको र्‍याङ्किङ राम्रो छ",
    ],
}
THANKS_EMOJI = ["👍", "🙏", "❤️", "👍👍", "🙏🙏"]


@pytest.mark.parametrize(("lang", "text"), FEE_QUESTIONS)
def test_fee_questions_naming_a_country_reach_the_fee_guidance(
    person, knowledge: KnowledgeBase, lang: str, text: str
) -> None:
    chat: Person = person(lang)
    chat.say(text)
    if chat.served(knowledge) is None and any(p.startswith("country:") for p in chat.payloads()):
        chat.press("country:none")
    entry = chat.served(knowledge)
    assert entry is not None and entry.id in FEE_ENTRIES, chat.text
    assert "Parfois oui" not in chat.text


@pytest.mark.parametrize(("lang", "text"), US_CITIZEN_SPOUSE)
def test_a_us_citizen_bringing_a_spouse_gets_the_family_petition(
    person, knowledge: KnowledgeBase, lang: str, text: str
) -> None:
    chat: Person = person(lang)
    chat.say(text)
    entry = chat.served(knowledge)
    assert entry is not None and entry.id == "sponsorship-usa-family-petition", chat.text


def test_questions_no_entry_covers_get_an_honest_answer(person, knowledge: KnowledgeBase) -> None:
    """15 questions on topics no entry covers: an honest answer and a volunteer, nearly always.

    The issue's bar for false answers on such questions is 15%; this holds them to one in 15
    (known: a Nepali pension question still reaches the UK family entry).
    """
    false_answers = []
    for lang in LANGUAGES:
        for text in NOT_COVERED[lang]:
            chat: Person = person(lang)
            chat.say("/start")
            chat.say(text)
            entry = chat.served(knowledge)
            if entry is not None:
                false_answers.append((text, entry.id))
            else:
                assert "handoff:offer" in chat.payloads(), chat.text  # a volunteer instead
    assert len(false_answers) <= 1, false_answers


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_answer_opens_with_the_question_it_answers(
    person, knowledge: KnowledgeBase, lang: str
) -> None:
    chat: Person = person(lang)
    chat.say("/start")
    chat.press("topic:protection_risk")
    chat.press(next(p for p in chat.payloads() if p.startswith("faq:")))
    entry = chat.served(knowledge)
    assert entry is not None
    assert chat.replies[0]["text"].startswith(f"❓ {entry.translation(lang).question}")


@pytest.mark.parametrize(("lang", "emoji"), list(zip(LANGUAGES, THANKS_EMOJI, strict=True)))
def test_a_thumbs_up_is_thanked_not_refused(person, lang: str, emoji: str) -> None:
    chat: Person = person(lang)
    chat.say("/start")
    chat.say(emoji)
    assert chat.text == Translator(lang)._("You are welcome! Ask me anything else, or type /menu.")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_contact_details_are_hidden_from_volunteers_and_the_person_is_warned_once(
    person, volunteer: Volunteer, lang: str
) -> None:
    chat: Person = person(lang)
    chat.say(ASK_FOR_A_PERSON[lang])
    chat.say(YES[lang])
    reference = chat.reference()
    chat.say(CONTACTS[lang])
    warning = Translator(lang)._(
        "For your safety, please do not share your phone number, e-mail address or other "
        "contact details here. Volunteers see them hidden, and the volunteer will answer you "
        "in this chat."
    )
    assert warning in chat.text
    seen = volunteer.everything_seen(reference)
    for part in CONTACT_PARTS[lang]:
        assert part not in seen
    chat.say(CONTACTS[lang])  # again: passed on, not warned twice
    assert warning not in chat.text


def test_a_nepali_asking_about_the_us_sees_the_visa_pause_notice_once(
    person, knowledge: KnowledgeBase
) -> None:
    """The real notice of content/notices.yaml, in Nepali, above the answer, once."""
    notice = next(n for n in knowledge.notices if n.id == "us-immigrant-visa-pause-2026")
    start = notice.text["ne"][:40]

    def notice_bubbles(chat: Person) -> list[int]:
        return [
            i for i, m in enumerate(chat.replies) if start in m["text"] and "❓" not in m["text"]
        ]

    chat: Person = person("ne")
    chat.say("म नेपालबाट हुँ, अमेरिकामा श्रीमतीलाई बोलाउन कसरी निवेदन दिने?")
    shown = notice_bubbles(chat)
    answer = next(i for i, m in enumerate(chat.replies) if m["text"].startswith("❓"))
    assert shown and shown[0] < answer, chat.text  # its own message, above the answer
    chat.say("अमेरिकामा आमाबुबालाई पनि बोलाउन मिल्छ?")
    assert notice_bubbles(chat) == []  # once per conversation


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ne", "म मलेसियामा काम गर्छु, कम्पनीले तीन महिनादेखि तलब दिएको छैन, के गर्ने?"),
        ("ne", "malaysia ma kaam garchu, company le 3 mahina dekhi talab diyeko chaina"),
        ("en", "I work in Malaysia and my employer has not paid my salary for three months"),
    ],
)
def test_a_worker_in_malaysia_with_unpaid_wages_gets_the_answer_and_a_referral(
    person, knowledge: KnowledgeBase, lang: str, text: str
) -> None:
    chat: Person = person(lang)
    chat.say(text)
    if chat.served(knowledge) is None:
        # Taken as possible danger (numbers first), or unsure: the answer is one tap away.
        wages = [
            p
            for p in chat.payloads()
            if p.startswith("faq:")
            and (e := knowledge.get(resolve_ref(knowledge, p[4:]) or "")) is not None
            and e.topic in {"pre_departure", "protection_risk"}
        ]
        assert wages, chat.text
        chat.press(wages[0])
    entry = chat.served(knowledge)
    assert entry is not None and entry.topic in {"pre_departure", "protection_risk"}, chat.text
    organisations = [o for o in knowledge.published_organisations() if "MY" in o.countries]
    assert any(o.localized_name(lang) in chat.text for o in organisations), chat.text
