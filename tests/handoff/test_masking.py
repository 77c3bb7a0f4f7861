"""Contact details the person typed are hidden from volunteers, however they are written."""

from __future__ import annotations

import pytest

from bot.privacy import CHAT_LINK, EMAIL, HANDLE, PHONE, mask

PHONES = [
    "+977 98XXXXXXXX",
    "+977 9812345678",
    "+9779812345678",
    "9812345678",
    "98-1234-5678",
    "98.1234.5678",
    "+977-981-234-5678",
    "(+974) 5555-1234",
    "00974 5555 1234",
    "0044 7700 900123",
    "+44 (0)7700 900123",
    "98\u200b1234\u200b5678",  # zero-width spaces inside
    "+977\u00a098\u00a01234\u00a05678",  # no-break spaces
    "٩٨١٢٣٤٥٦٧٨",  # Arabic-Indic digits
    "+٩٧٤ ٥٥٥٥ ١٢٣٤",
    "۹۸۱۲۳۴۵۶۷۸",  # extended Arabic-Indic (Persian/Urdu) digits
    "९८१२३४५६७८",  # Devanagari digits
    "+९७७ ९८-१२३४-५६७८",
    "＋９７７ ９８１２３４５６７８",  # full-width
]

EMAILS = [
    "name@gmail.com",
    "ram.bahadur+work@yahoo.co.uk",
    "name at gmail dot com",
    "name AT gmail DOT com",
    "name[at]gmail.com",
    "helper[at]gmail[.]com",
    "name [at] gmail [dot] com",
    "name(at)hotmail(dot)fr",
    "name {at} mail {dot} com",
    "name @ gmail . com",
    "name＠gmail.com",
    "na\u200bme@gm\u200bail.com",
]

HANDLES = ["@ram_bahadur", "@Sita.Gurung99"]

LINKS = [
    "t.me/ram_bahadur",
    "https://t.me/ram_bahadur",
    "telegram.me/ram_bahadur",
    "wa.me/9779812345678",
    "https://wa.me/9779812345678",
    "https://api.whatsapp.com/send?phone=9779812345678",
    "m.me/ram.bahadur",
]

SENTENCES = {
    "en": "Please call me on {}, I am scared.",
    "fr": "Appelez-moi au {} s'il vous plaît.",
    "es": "Llámeme al {} por favor.",
    "ar": "أرجو الاتصال بي على {} من فضلك.",
    "ne": "कृपया मलाई {} मा सम्पर्क गर्नुहोस्।",
}


@pytest.mark.parametrize("lang", SENTENCES)
@pytest.mark.parametrize("phone", PHONES)
def test_phone_numbers_are_hidden_in_every_language(phone: str, lang: str) -> None:
    text = SENTENCES[lang].format(phone)
    masked = mask(text)
    assert masked.text == SENTENCES[lang].format(PHONE)
    assert masked.hidden == (PHONE,)


@pytest.mark.parametrize("lang", SENTENCES)
@pytest.mark.parametrize("email", EMAILS)
def test_email_addresses_are_hidden_in_every_language(email: str, lang: str) -> None:
    assert mask(SENTENCES[lang].format(email)).text == SENTENCES[lang].format(EMAIL)


@pytest.mark.parametrize("handle", HANDLES)
def test_handles_are_hidden(handle: str) -> None:
    assert mask(f"my telegram is {handle} write me").text == f"my telegram is {HANDLE} write me"


@pytest.mark.parametrize("link", LINKS)
def test_chat_links_are_hidden(link: str) -> None:
    assert mask(f"message me here {link} please").text == f"message me here {CHAT_LINK} please"


def test_several_details_in_one_message() -> None:
    text = "they took my passport. +977 98XXXXXXXX … name@gmail.com, or t.me/ram_b"
    masked = mask(text)
    assert masked.text == f"they took my passport. {PHONE} … {EMAIL}, or {CHAT_LINK}"
    assert set(masked.hidden) == {PHONE, EMAIL, CHAT_LINK}
    assert "98" not in masked.text and "gmail" not in masked.text


@pytest.mark.parametrize(
    "text",
    [
        "The agent asked 2000 euros for a job in Saudi Arabia",
        "I paid 1 500 000 rupees",
        "my flight is on 2026-12-03",
        "le vol est le 03/12/2026",
        "I called 999 and 112 but nobody answered",
        "passport number N1234567 was taken",
        "رقم الطوارئ 999",
        "मैले ५०००० रुपैयाँ तिरें",
        "I am at home and it is 5.30 now",
        "visit https://www.gov.uk/skilled-worker-visa for details",
        "",
    ],
)
def test_what_is_not_contact_detail_stays(text: str) -> None:
    masked = mask(text)
    assert masked.text == text
    assert not masked.changed
