"""`pathways purge`: delete closed cases older than the retention period."""

from __future__ import annotations

import argparse
import asyncio

from api.db.migrate import upgrade
from api.db.session import Database
from api.handoff.context import HandoffContext
from api.handoff.retention import purge
from api.settings import get_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `purge` command."""
    cmd = subparsers.add_parser(
        "purge", help="delete closed cases and their messages past the retention period"
    )
    cmd.set_defaults(func=_purge)


def _purge(args: argparse.Namespace) -> int:
    settings = get_settings()
    upgrade(settings.database_url)

    async def run() -> None:
        db = Database(settings.database_url)
        try:
            deleted, days = await purge(HandoffContext(db=db, settings=settings))
        finally:
            await db.dispose()
        print(f"purged {deleted} closed case(s) older than {days} days")

    asyncio.run(run())
    return 0
