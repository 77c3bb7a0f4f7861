"""Make incoming text safe to analyse, store and show to a volunteer."""

from __future__ import annotations

import re
import unicodedata

MAX_TEXT_CHARS = 2000

# C0/C1 controls except tab and newline, and the bidi embeddings, overrides and isolates that
# could make a message read differently on a volunteer's screen than it was written.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BLANK_LINES = re.compile(r"\n{3,}")


def replace_surrogates(text: str) -> str:
    """Replace lone surrogates (half an emoji, cut by a client) with U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """Return `text` without unsafe characters, in NFC, with line ends normalised and trimmed."""
    text = replace_surrogates(text)  # a lone surrogate cannot be encoded for storage
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNSAFE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return _BLANK_LINES.sub("\n\n", text).strip()
