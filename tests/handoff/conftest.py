"""Fixtures of the handoff tests: a service context on each database, cheap password hashing."""

from __future__ import annotations

import pytest

from api.db.session import Database
from api.handoff.context import HandoffContext
from bot.knowledge import KnowledgeBase
from tests.handoff.factories import Clock


@pytest.fixture(autouse=True)
def _cheap_hashing(cheap_hashing: None) -> None:
    """Every test here creates accounts: hash cheaply."""


@pytest.fixture
def clock() -> Clock:
    """A clock the test moves by hand."""
    return Clock()


@pytest.fixture
def ctx(db: Database, make_settings, knowledge: KnowledgeBase, clock: Clock) -> HandoffContext:  # type: ignore[no-untyped-def]
    """The handoff service on the parametrised database (SQLite and PostgreSQL)."""
    settings = make_settings(db.url)
    return HandoffContext(db=db, settings=settings, knowledge=lambda: knowledge, clock=clock)
