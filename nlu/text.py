"""Text normalisation and tokenisation shared by every NLU component."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters, digits and the combining marks that live inside words: Python's \w leaves out
# Devanagari vowel signs, which would cut "कतारमा" into pieces.
_MARKS = (
    "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0903\u093a-\u094f"
    "\u0951-\u0957\u0962\u0963"
)
TOKEN_RE = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")

_LATIN_MARKS = range(0x0300, 0x0370)
_DROP = frozenset(
    [*range(0x064B, 0x0660), 0x0670, 0x0640, 0x093C, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF]
)
_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",
    "ی": "ي",
    "ँ": "ं",
    "’": "'",
    "‘": "'",
    "`": "'",
    "،": ",",
    "؟": "?",
    "।": ".",
}
for _base, _start in ((0x0660, 0), (0x06F0, 0), (0x0966, 0)):
    for _i in range(10):
        _MAP[chr(_base + _i)] = str(_start + _i)

ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
DEVANAGARI_RE = re.compile(r"[\u0900-\u097f]")
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _emoji_word(ch: str) -> str:
    """Return a pictograph as a word of its own (" emojithumbsupsign "), so "👍" is evidence."""
    name = unicodedata.name(ch, "")
    if not name:
        return " "
    return " emoji" + "".join(part for part in name.casefold().split() if part.isalnum()) + " "


@lru_cache(maxsize=4096)
def _normalize_char(ch: str) -> str:
    """Return the normalised form of one character (possibly empty or several characters)."""
    if unicodedata.category(ch) == "So":
        return _emoji_word(ch)
    out = []
    for part in unicodedata.normalize("NFD", ch.casefold()):
        code = ord(part)
        if code in _LATIN_MARKS or code in _DROP:
            continue
        out.append(_MAP.get(part, part))
    return unicodedata.normalize("NFC", "".join(out))


def normalize(text: str) -> str:
    """Casefold, strip Latin accents and Arabic diacritics, unify letter variants and digits."""
    return "".join(_normalize_char(ch) for ch in text)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise `text` and map each output character to the index of its source character."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        norm = _normalize_char(ch)
        chars.append(norm)
        origin.extend([index] * len(norm))
    return "".join(chars), origin


def tokens(text: str) -> list[str]:
    """Split already-normalised text into word tokens (marks stay inside their word)."""
    return TOKEN_RE.findall(text)


def analyzer_text(text: str) -> str:
    """Return the normalised text with punctuation collapsed to single spaces."""
    return " ".join(TOKEN_RE.findall(normalize(text)))


def script_counts(text: str) -> dict[str, int]:
    """Count letters per script: arabic, devanagari and latin."""
    return {
        "arabic": len(ARABIC_RE.findall(text)),
        "devanagari": len(DEVANAGARI_RE.findall(text)),
        "latin": len(LATIN_RE.findall(text)),
    }
