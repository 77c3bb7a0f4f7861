"""Fixtures shared by the tests that create accounts or load the content."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from api.auth import passwords
from api.settings import PROJECT_ROOT
from bot.knowledge import KnowledgeBase, load_knowledge


@pytest.fixture
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hash with argon2's cheapest parameters: the real ones take half a second per hash."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
    passwords._dummy_hash.cache_clear()
    yield
    passwords._dummy_hash.cache_clear()


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    """The curated content, loaded once."""
    return load_knowledge(PROJECT_ROOT / "content")
