"""The periodic work of the handoff service: lease expiry, SLA flags and retention."""

from __future__ import annotations

import asyncio
import logging

from api.handoff.claims import expire_leases
from api.handoff.context import HandoffContext
from api.handoff.retention import purge
from api.handoff.sla import flag_overdue

log = logging.getLogger(__name__)


async def run_maintenance(ctx: HandoffContext) -> None:
    """Run each periodic job once; a failing job is logged and does not stop the others."""
    for job in (expire_leases, flag_overdue, purge):
        try:
            await job(ctx)
        except Exception:
            log.exception("handoff maintenance job %s failed", job.__name__)


async def maintenance_loop(ctx: HandoffContext, *, interval: float) -> None:
    """Run the periodic jobs every `interval` seconds until cancelled."""
    while True:
        await run_maintenance(ctx)
        await asyncio.sleep(interval)
