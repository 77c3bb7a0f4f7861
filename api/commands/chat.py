"""`pathways chat`: talk to the bot in the terminal, over the configured database."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import re

from api.db.migrate import upgrade
from api.db.session import Database
from api.handoff.context import HandoffContext
from api.handoff.gateway import CaseGateway
from api.runtime import Runtime
from api.settings import get_settings
from api.stores.web_outbox import fetch_web_messages
from bot.channels.console import CHANNEL, run_console
from bot.i18n import LANGUAGES
from bot.messages import OutgoingMessage


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `chat` command."""
    chat = subparsers.add_parser(
        "chat", help="chat with the bot in the terminal (numbers pick buttons, /quit ends)"
    )
    chat.add_argument("--lang", choices=LANGUAGES, default=None, help="platform language hint")
    chat.add_argument("--user", default=None, help="conversation id (default: your login)")
    chat.set_defaults(func=_chat)


def _user_id(given: str | None) -> str:
    if given:
        return given[:128]
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "local"
    return "console-" + (re.sub(r"[^A-Za-z0-9_-]", "", login) or "local")


def _chat(args: argparse.Namespace) -> int:
    settings = get_settings()
    upgrade(settings.database_url)

    async def run() -> None:
        runtime = Runtime(settings=settings, db=Database(settings.database_url))
        try:
            await runtime.load_content()
            runtime.build_nlu()
            # Real cases, so a volunteer can answer from the console; replies are polled here.
            context = HandoffContext(
                db=runtime.db, settings=settings, knowledge=lambda: runtime.knowledge
            )
            engine = runtime.build_engine(handoff=CaseGateway(context))
            user_id = _user_id(args.user)
            cursor = 0

            async def inbox() -> list[OutgoingMessage]:
                nonlocal cursor
                messages, cursor = await fetch_web_messages(
                    runtime.db, user_id, cursor, channel=CHANNEL
                )
                return messages

            await run_console(engine, user_id=user_id, language=args.lang, inbox=inbox)
        finally:
            await runtime.stop()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        print()
    return 0
