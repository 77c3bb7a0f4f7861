"""A person's own contact details in their messages: found, so volunteers see them hidden.

Volunteers never see a phone number, e-mail address or handle (DESIGN.md, safety rule 3),
neither from the channel nor typed by the person into a message. Numbers are matched in any
script (Arabic-Indic and Devanagari digits too) and through the usual disguises (spaces, dots,
zero-width characters, "name at gmail dot com", "[at]").
"""

from __future__ import annotations

import re
import unicodedata

PHONE_HIDDEN = "[phone number hidden]"
EMAIL_HIDDEN = "[e-mail hidden]"
HANDLE_HIDDEN = "[contact hidden]"

_INVISIBLE = dict.fromkeys(
    (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F, 0x202A, 0x202C), None
)
# Seven or more digits, with the separators people type between them.
# (Digits hidden with X, "+977 98XXXXXXXX", are still a number being shared.)
_PHONE = re.compile(r"(?<![\w])\+?\(?\d(?:[\dXx*\s().\-/]{5,}[\dXx*])(?![\w])")
_DATE = re.compile(r"^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$")
_AT = r"(?:@|\s*[\[(\{]\s*at\s*[\])\}]\s*|\s+at\s+|\s*\(@\)\s*)"
_DOT = r"(?:\.|\s*[\[(\{]\s*(?:dot|point|\.)\s*[\])\}]\s*|\s+(?:dot|point)\s+)"
_EMAIL = re.compile(rf"[\w.+\-]+{_AT}[\w\-]+(?:{_DOT}[\w\-]+)*{_DOT}[a-z]{{2,}}\b", re.IGNORECASE)
_LINK = re.compile(
    r"(?:https?://)?(?:t\.me|telegram\.me|wa\.me|api\.whatsapp\.com|m\.me|instagram\.com|"
    r"facebook\.com|fb\.com|x\.com|twitter\.com|tiktok\.com|snapchat\.com|signal\.me)/\S+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_.]{3,}")


def _digits_ascii(text: str) -> str:
    """Write every decimal digit (Arabic-Indic, Devanagari, ...) as its ASCII digit."""
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text
    )


def _prepared(text: str) -> str:
    return _digits_ascii(text.translate(_INVISIBLE))


def _is_phone(match: str) -> bool:
    digits = sum(ch.isdigit() for ch in match)
    hidden = sum(ch in "Xx*" for ch in match)
    if _DATE.match(match.strip()):
        return False
    return digits >= 2 and 7 <= digits + hidden <= 15 and (hidden == 0 or digits >= 2)


def has_contact_details(text: str) -> bool:
    """Tell whether a message holds a phone number, an e-mail address or a handle."""
    prepared = _prepared(text)
    return bool(
        _EMAIL.search(prepared)
        or _LINK.search(prepared)
        or _HANDLE.search(prepared)
        or any(_is_phone(m.group()) for m in _PHONE.finditer(prepared))
    )


def mask_contact_details(text: str) -> str:
    """Return the message with its phone numbers, e-mail addresses and handles hidden."""
    masked = _prepared(text)
    masked = _EMAIL.sub(EMAIL_HIDDEN, masked)
    masked = _LINK.sub(HANDLE_HIDDEN, masked)
    masked = _HANDLE.sub(HANDLE_HIDDEN, masked)
    masked = _PHONE.sub(lambda m: PHONE_HIDDEN if _is_phone(m.group()) else m.group(), masked)
    return masked if masked != _prepared(text) else text
