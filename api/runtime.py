"""The long-lived parts of a running server, built once and shared by routes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from api.content_store import entry_count, import_knowledge, load_knowledge_from_db
from api.db.session import Database
from api.delivery.registry import SenderRegistry
from api.settings import Settings
from bot.engine import Engine
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.ports import HandoffGateway
from nlu import NLUPipeline, create_pipeline

log = logging.getLogger(__name__)

Hook = Callable[["Runtime"], Awaitable[None]]


@dataclass
class Runtime:
    """Settings, database, knowledge base, NLU and the background tasks of one process."""

    settings: Settings
    db: Database
    knowledge: KnowledgeBase = field(default_factory=KnowledgeBase)
    nlu: NLUPipeline | None = None
    content_loaded: bool = False
    extras: dict[str, Any] = field(default_factory=dict)
    senders: SenderRegistry = field(default_factory=SenderRegistry)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _on_stop: list[Hook] = field(default_factory=list)

    async def load_content(self) -> None:
        """Seed the database from content/ on first start, then load what it holds."""
        if await entry_count(self.db) == 0:
            result = await import_knowledge(self.db, load_knowledge(self.settings.content_dir))
            log.info("content imported: %s", result)
        self.knowledge = await load_knowledge_from_db(self.db)
        self.content_loaded = bool(self.knowledge.entries)

    def build_nlu(self) -> NLUPipeline:
        """Create the NLU pipeline over the published FAQ entries."""
        self.nlu = create_pipeline(
            backend=self.settings.nlu_backend,
            rasa_url=self.settings.rasa_url,
            faq_documents=self.knowledge.faq_documents(),
        )
        return self.nlu

    def build_engine(self, handoff: HandoffGateway | None = None) -> Engine:
        """Create the dialogue engine over the SQL stores (`handoff` overrides the gateway)."""
        from api.stores import sql_ports

        engine = Engine(
            knowledge=lambda: self.knowledge,
            nlu=lambda: self.nlu,
            ports=sql_ports(self.db, handoff=handoff),
        )
        self.extras["engine"] = engine
        return engine

    def spawn(self, name: str, coro: Callable[[], Awaitable[None]]) -> None:
        """Run a background loop until the server stops; a crash is logged, not silent."""

        async def guarded() -> None:
            try:
                await coro()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("background task %s crashed", name)

        self._tasks.append(asyncio.create_task(guarded(), name=name))

    def on_stop(self, hook: Hook) -> None:
        """Register a coroutine to run at shutdown (reverse order)."""
        self._on_stop.append(hook)

    async def stop(self) -> None:
        """Cancel background tasks, run stop hooks and close the database."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        for hook in reversed(self._on_stop):
            try:
                await hook(self)
            except Exception:
                log.exception("stop hook failed")
        if self.nlu is not None:
            await self.nlu.aclose()
        await self.db.dispose()
