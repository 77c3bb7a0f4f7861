"""The shared memory of what was done once: updates received, buttons pressed, groups told."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from api.db.base import utcnow
from api.db.delivery_models import InboundUpdate
from api.db.session import Database

KEY_CHARS = 40
MAX_BATCH = 500

Entry = tuple[str, str]  # (kind, stored key)


class InboundLedger:
    """The `inbound_updates` table as a ledger: a unique row per (kind, key), first writer wins.

    Keys are stored as an HMAC, so the table holds no chat id in clear. Concurrent claims are
    written together in one statement (a group commit): one database round trip for a burst of
    webhook calls instead of one each, and no writers queueing for SQLite's lock.
    """

    def __init__(self, db: Database, secret: str) -> None:
        self.db = db
        self._secret = secret.encode("utf-8")
        self._dialect: Any = postgresql if db.engine.dialect.name == "postgresql" else sqlite
        self._waiting: list[tuple[Entry, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None

    def digest(self, key: str) -> str:
        """Return the stored form of `key`."""
        mac = hmac.new(self._secret, key.encode("utf-8"), hashlib.sha256)
        return mac.hexdigest()[:KEY_CHARS]

    async def first(self, kind: str, key: str) -> bool:
        """Record (`kind`, `key`); True only for the first caller, across every worker."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append(((kind, self.digest(key)), future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_batches())
        return await future

    async def _write_batches(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
            try:
                inserted = await self._insert({entry for entry, _ in batch})
            except Exception as err:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(err)
                continue
            for entry, future in batch:
                if not future.done():
                    # A key claimed twice in one batch is first only for the earlier caller.
                    future.set_result(entry in inserted)
                    inserted.discard(entry)

    async def _insert(self, entries: set[Entry]) -> set[Entry]:
        now = utcnow()
        statement = (
            self._dialect.insert(InboundUpdate)
            .values([{"channel": k, "update_id": u, "received_at": now} for k, u in entries])
            .on_conflict_do_nothing(index_elements=["channel", "update_id"])
            .returning(InboundUpdate.channel, InboundUpdate.update_id)
        )
        async with self.db.engine.begin() as conn:
            result = await conn.execute(statement)
            return {(row.channel, row.update_id) for row in result}

    async def prune(self, kinds: tuple[str, ...], *, older_than: timedelta) -> int:
        """Forget the entries of `kinds` older than `older_than`; return how many."""
        cutoff = utcnow() - older_than
        async with self.db.engine.begin() as conn:
            result = await conn.execute(
                delete(InboundUpdate).where(
                    InboundUpdate.channel.in_(kinds), InboundUpdate.received_at < cutoff
                )
            )
        return int(result.rowcount or 0)
