"""Send due outbox rows through their channel's sender, with retries and back-off.

A row is claimed by pushing its `available_at` past a visibility timeout (and counting the
attempt) in one conditional statement: PostgreSQL workers skip each other's rows with
`FOR UPDATE SKIP LOCKED`, SQLite serialises writers. If the process dies while sending, the row
becomes due again when the timeout passes, so nothing is lost (delivery is at least once).
Rows to one recipient go out in order: a row waits while an older one to the same person is live.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import aliased

from api.db.base import utcnow
from api.db.delivery_models import OutboxMessage
from api.db.session import Database
from api.delivery.registry import SenderRegistry
from bot.delivery import DeliveryError

log = logging.getLogger(__name__)

LIVE = ("pending", "failed")


@dataclass(frozen=True)
class Claimed:
    """An outbox row this worker is sending."""

    id: int
    channel: str
    recipient: str
    body: dict[str, Any]
    attempts: int


class Dispatcher:
    """Deliver the outbox; run one per process (several processes may share a database)."""

    def __init__(
        self,
        db: Database,
        senders: SenderRegistry,
        *,
        max_attempts: int = 8,
        batch_size: int = 20,
        poll_seconds: float = 1.0,
        visibility_seconds: float = 120.0,
        base_delay: float = 2.0,
        max_delay: float = 900.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.senders = senders
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.visibility = timedelta(seconds=visibility_seconds)
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.clock = clock
        self._paused_until: dict[str, datetime] = {}
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look for due rows now instead of at the next poll."""
        self._wake.set()

    async def run_forever(self) -> None:
        """Deliver until cancelled."""
        while True:
            try:
                handled = await self.run_once()
            except Exception:
                log.exception("outbox dispatch failed; retrying after a pause")
                handled = 0
            if handled:
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)

    async def run_once(self) -> int:
        """Claim and send one batch of due rows; return how many were handled."""
        rows = await self._claim()
        if rows:
            await asyncio.gather(*(self._deliver(row) for row in rows))
        return len(rows)

    async def _claim(self) -> list[Claimed]:
        now = self.clock()
        channels = [c for c in self.senders.channels if self._paused_until.get(c, now) <= now]
        if not channels:
            return []
        older = aliased(OutboxMessage)
        waits_for_older = exists().where(
            older.channel == OutboxMessage.channel,
            older.recipient == OutboxMessage.recipient,
            older.status.in_(LIVE),
            older.id < OutboxMessage.id,
        )
        due = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status.in_(LIVE),
                OutboxMessage.available_at <= now,
                OutboxMessage.channel.in_(channels),
                ~waits_for_older,
            )
            .order_by(OutboxMessage.id)
            .limit(self.batch_size)
            .with_for_update(skip_locked=True)
        )
        claim = (
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(due.scalar_subquery()),
                OutboxMessage.status.in_(LIVE),
                OutboxMessage.available_at <= now,
            )
            .values(available_at=now + self.visibility, attempts=OutboxMessage.attempts + 1)
            .returning(
                OutboxMessage.id,
                OutboxMessage.channel,
                OutboxMessage.recipient,
                OutboxMessage.body,
                OutboxMessage.attempts,
            )
            .execution_options(synchronize_session=False)
        )
        async with self.db.transaction() as session:
            result = await session.execute(claim)
            return [Claimed(*row) for row in result.all()]

    async def _deliver(self, row: Claimed) -> None:
        sender = self.senders.get(row.channel)
        if sender is None:
            await self._finish(row, status="pending", delay=0.0, error="no sender")
            return
        try:
            timeout = self.visibility.total_seconds() / 2
            await asyncio.wait_for(sender.send(row.recipient, row.body), timeout=timeout)
        except DeliveryError as err:
            await self._failed(row, err, retry_after=err.retry_after, permanent=err.permanent)
        except Exception as err:
            log.exception("sender of %s crashed on outbox row %s", row.channel, row.id)
            await self._failed(row, err, retry_after=None, permanent=False)
        else:
            await self._finish(row, status="sent", delay=0.0, error=None)

    async def _failed(
        self, row: Claimed, err: Exception, *, retry_after: float | None, permanent: bool
    ) -> None:
        error = f"{type(err).__name__}: {err}"[:500]
        if permanent or row.attempts >= self.max_attempts:
            log.error(
                "outbox row %s on %s is dead after %s attempt(s): %s",
                row.id,
                row.channel,
                row.attempts,
                type(err).__name__,
            )
            await self._finish(row, status="dead", delay=0.0, error=error)
            return
        if retry_after is not None:
            # A rate limit concerns the whole bot, not one chat: pause the channel.
            self._paused_until[row.channel] = self.clock() + timedelta(seconds=retry_after)
        log.warning(
            "outbox row %s on %s failed (attempt %s): %s",
            row.id,
            row.channel,
            row.attempts,
            type(err).__name__,
        )
        await self._finish(row, status="failed", delay=self._delay(row, retry_after), error=error)

    def _delay(self, row: Claimed, retry_after: float | None) -> float:
        if retry_after is not None:
            return max(0.0, retry_after)
        backoff = min(self.base_delay * 2 ** (row.attempts - 1), self.max_delay)
        return backoff * random.uniform(1.0, 1.25)

    async def _finish(self, row: Claimed, *, status: str, delay: float, error: str | None) -> None:
        now = self.clock()
        values: dict[str, Any] = {"status": status, "last_error": error}
        if status == "sent":
            values["sent_at"] = now
        else:
            values["available_at"] = now + timedelta(seconds=delay)
        if status == "pending":
            values["attempts"] = OutboxMessage.attempts - 1
        # The attempts guard ignores a late result for a row another worker has re-claimed.
        async with self.db.transaction() as session:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id, OutboxMessage.attempts == row.attempts)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
