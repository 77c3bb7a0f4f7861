"""Find and hide the contact details a person typed (phone numbers, e-mails, handles).

Volunteers never see them (DESIGN.md, safety rule 3); the dialogue warns the person once.

The stored text stays as the person wrote it; every volunteer view shows it through `mask`.
Written variants count too: spaces, dashes, dots and zero-width characters inside a number,
Arabic-Indic and Devanagari digits, "name at gmail dot com", "name[at]mail.com", "@handle",
t.me, wa.me and similar chat links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PHONE = "[phone number hidden]"
EMAIL = "[e-mail address hidden]"
HANDLE = "[username hidden]"
CHAT_LINK = "[chat link hidden]"

# Invisible characters people (or apps) put inside numbers and addresses.
_INVISIBLE = frozenset(
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2066\u2067\u2068\u2069\ufeff"
)
# Look-alikes of the signs that matter, mapped one to one (full-width @, +, dot, dashes).
_SIGNS = str.maketrans(
    {
        "＠": "@",
        "﹫": "@",
        "＋": "+",
        "．": ".",
        "。": ".",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "−": "-",
    }
)

_SEP = r"[\s\-.()/\\]"
# `\d` matches every script's decimal digits (Arabic-Indic, Devanagari, ...); "X" stands for
# digits someone blanked out ("98XXXXXXXX") and still marks a number.
_PHONE = re.compile(
    rf"(?<![\w+(])\(?(?:\+|00)?{_SEP}{{0,2}}\d(?:{_SEP}{{0,3}}[\dXx]){{5,18}}(?![\w])"
)
_DATE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[ .,]\d{3})+$")

_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|AT|At)\s*[\])}>]\s*|\s+(?:at|AT)\s+)"
_DOT = r"(?:\s*\.\s*|\s*[\[({<]\s*(?:dot|DOT|Dot|\.)\s*[\])}>]\s*|\s+(?:dot|DOT)\s+)"
_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{1,64}}{_AT}[\w-]{{1,63}}(?:{_DOT}[\w-]{{1,63}})*{_DOT}[A-Za-z]{{2,24}}\b"
)
_CHAT_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?"
    r"(?:t\.me|telegram\.(?:me|dog)|wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|"
    r"wa\.link|m\.me|instagram\.com|facebook\.com|fb\.com|tiktok\.com|signal\.me|viber\.com)"
    r"/[^\s]*",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@./])@[A-Za-z0-9_.]{3,32}\b")


@dataclass(frozen=True)
class Masked:
    """A text with the contact details hidden, and which kinds were hidden."""

    text: str
    hidden: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Tell whether anything was hidden."""
        return bool(self.hidden)


def _visible(text: str) -> tuple[str, list[int]]:
    """Return the text without invisible characters, and each kept character's position."""
    kept: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if char not in _INVISIBLE:
            kept.append(char)
            positions.append(index)
    return "".join(kept).translate(_SIGNS), positions


def _is_phone(candidate: str) -> bool:
    digits = sum(c.isdigit() or c in "Xx" for c in candidate)
    if digits < 7 or digits > 17:
        return False
    plain = candidate.strip()
    ascii_digits = "".join(str(int(c)) if c.isdigit() else c for c in plain)
    if _DATE.match(ascii_digits):
        return False
    # "1 500 000" is an amount of money, not a number to call.
    return not (not plain.startswith(("+", "00")) and _THOUSANDS.match(ascii_digits))


def _spans(visible: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _ in found)

    for pattern, label in ((_CHAT_LINK, CHAT_LINK), (_EMAIL, EMAIL), (_HANDLE, HANDLE)):
        for match in pattern.finditer(visible):
            if free(match.start(), match.end()):
                found.append((match.start(), match.end(), label))
    for match in _PHONE.finditer(visible):
        start, end = match.start(), match.end()
        text = match.group(0)
        # Keep the space before the number where the pattern took it in.
        lead = len(text) - len(text.lstrip())
        if _is_phone(text) and free(start, end):
            found.append((start + lead, end, PHONE))
    return sorted(found)


def mask(text: str) -> Masked:
    """Hide phone numbers, e-mail addresses, handles and chat links in a person's message."""
    if not text:
        return Masked(text)
    visible, positions = _visible(text)
    spans = _spans(visible)
    if not spans:
        return Masked(text)
    parts: list[str] = []
    last = 0
    for start, end, label in spans:
        begin, finish = positions[start], positions[end - 1] + 1
        parts.append(text[last:begin])
        parts.append(label)
        last = finish
    parts.append(text[last:])
    return Masked("".join(parts), tuple(dict.fromkeys(label for _s, _e, label in spans)))


def mask_text(text: str | None) -> str | None:
    """Return `text` with contact details hidden (None stays None)."""
    return None if text is None else mask(text).text


def has_contact_details(text: str) -> bool:
    """Tell whether a message holds a phone number, an e-mail address, a handle or chat link."""
    return mask(text).changed
