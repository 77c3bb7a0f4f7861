"""Password hashing with argon2id, off the event loop (one hash takes about half a second)."""

from __future__ import annotations

import asyncio
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 10


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Verified when the e-mail is unknown, so a wrong address costs as long as a wrong password.
    return _hasher.hash("pathways-dummy-password")


async def hash_password(password: str) -> str:
    """Return an argon2id hash of `password`."""
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Tell whether `password` matches `password_hash` (None: compare against a dummy)."""

    def check() -> bool:
        try:
            return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(check)


def needs_rehash(password_hash: str) -> bool:
    """Tell whether the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)
