"""Case references: 8 random Crockford base32 characters, carrying no personal data."""

from __future__ import annotations

import re
import secrets

# Crockford's alphabet leaves out I, L, O and U, which are easy to misread or spell words.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
PATTERN = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")


def new_reference() -> str:
    """Return a fresh random reference (40 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize_reference(text: str) -> str | None:
    """Return the canonical form of a typed reference, or None if it cannot be one."""
    value = text.strip().upper().translate(str.maketrans("ILO", "110"))
    return value if PATTERN.match(value) else None
