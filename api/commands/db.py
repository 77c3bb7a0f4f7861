"""`pathways db ...`: schema migrations."""

from __future__ import annotations

import argparse

from api.db.migrate import upgrade
from api.settings import get_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `db` commands."""
    db = subparsers.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = db_sub.add_parser("upgrade", help="apply migrations (safe to run again)")
    up.add_argument("--revision", default="heads")
    up.set_defaults(func=_upgrade)


def _upgrade(args: argparse.Namespace) -> int:
    settings = get_settings()
    upgrade(settings.database_url, args.revision)
    print(f"database at {args.revision}: {settings.database_url.split('@')[-1]}")
    return 0
