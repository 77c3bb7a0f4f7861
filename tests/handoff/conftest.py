"""Fixtures of the handoff tests: a service context on each database, cheap password hashing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from api.auth import passwords
from api.db.session import Database
from api.handoff.context import HandoffContext
from bot.knowledge import KnowledgeBase, load_knowledge
from tests.conftest import CONTENT_DIR
from tests.handoff.factories import Clock


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Hash with argon2's cheapest parameters: the real ones take half a second per hash."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
    passwords._dummy_hash.cache_clear()
    yield
    passwords._dummy_hash.cache_clear()


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    """The curated content, loaded once."""
    return load_knowledge(CONTENT_DIR)


@pytest.fixture
def clock() -> Clock:
    """A clock the test moves by hand."""
    return Clock()


@pytest.fixture
def ctx(db: Database, make_settings, knowledge: KnowledgeBase, clock: Clock) -> HandoffContext:  # type: ignore[no-untyped-def]
    """The handoff service on the parametrised database (SQLite and PostgreSQL)."""
    settings = make_settings(db.url)
    return HandoffContext(db=db, settings=settings, knowledge=lambda: knowledge, clock=clock)
