"""What every handoff service function needs: the database, settings, knowledge and a clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from api.db.base import utcnow
from api.db.session import Database
from api.settings import Settings
from bot.knowledge import KnowledgeBase


@dataclass(frozen=True)
class HandoffContext:
    """The service's dependencies; tests pass a fake clock."""

    db: Database
    settings: Settings
    knowledge: Callable[[], KnowledgeBase] = field(default=KnowledgeBase)
    clock: Callable[[], datetime] = field(default=utcnow)

    def now(self) -> datetime:
        """Return the current time (aware, UTC)."""
        return self.clock()
