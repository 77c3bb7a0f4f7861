"""`pathways admin ...`: accounts from the command line (the first admin)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

from api.auth.accounts import create_user
from api.db.migrate import upgrade
from api.db.session import Database
from api.handoff.context import HandoffContext
from api.handoff.errors import HandoffError
from api.settings import get_settings

STAFF_ROLES = ("admin", "editor")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `admin` commands."""
    admin = subparsers.add_parser("admin", help="accounts of admins, editors and volunteers")
    sub = admin.add_subparsers(dest="admin_command", required=True, metavar="ACTION")
    create = sub.add_parser("create-user", help="create an admin or editor account")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    # Volunteers register themselves (POST /v1/volunteers/register) and are vetted.
    create.add_argument("--role", choices=STAFF_ROLES, default="admin")
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    create.set_defaults(func=_create_user)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise HandoffError("the passwords differ")
    return first


def _create_user(args: argparse.Namespace) -> int:
    settings = get_settings()
    try:
        password = _read_password(args.password_stdin)
    except HandoffError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    upgrade(settings.database_url)

    async def run() -> int:
        db = Database(settings.database_url)
        try:
            user = await create_user(
                HandoffContext(db=db, settings=settings),
                email=args.email,
                name=args.name,
                role=args.role,
                password=password,
            )
        except HandoffError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        finally:
            await db.dispose()
        print(f"created {user.role} {user.email} (id {user.id})")
        return 0

    return asyncio.run(run())
