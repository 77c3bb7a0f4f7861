"""`pathways telegram`: run the bot by long polling, or register and remove its webhook."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from collections.abc import Coroutine
from typing import Any

from telegram.error import TelegramError

from api.db.migrate import upgrade
from api.settings import Settings, get_settings
from api.telegram.application import build_application
from api.telegram.service import ALLOWED_UPDATES, webhook_url
from bot.channels.telegram import publish_commands

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `telegram` commands."""
    telegram = subparsers.add_parser("telegram", help="run or configure the Telegram bot")
    commands = telegram.add_subparsers(dest="telegram_command", required=True, metavar="ACTION")
    poll = commands.add_parser(
        "poll", help="answer Telegram by long polling (no public URL needed; one process only)"
    )
    poll.set_defaults(func=_poll)
    hook = commands.add_parser(
        "set-webhook",
        help="register PUBLIC_BASE_URL/telegram/webhook with TELEGRAM_WEBHOOK_SECRET",
    )
    hook.set_defaults(func=_set_webhook)
    unhook = commands.add_parser("delete-webhook", help="remove the webhook (to poll again)")
    unhook.set_defaults(func=_delete_webhook)


def _require_token(settings: Settings) -> bool:
    if settings.telegram_bot_token:
        return True
    log.error("TELEGRAM_BOT_TOKEN is not set (create a bot with @BotFather first)")
    return False


def _poll(args: argparse.Namespace) -> int:
    settings = get_settings()
    if not _require_token(settings):
        return 2
    if settings.telegram_webhook_secret:
        log.warning("TELEGRAM_WEBHOOK_SECRET is set but ignored: polling removes the webhook")
    settings = settings.model_copy(update={"telegram_webhook_secret": None})
    upgrade(settings.database_url)
    try:
        return asyncio.run(_run_polling(settings))
    except KeyboardInterrupt:
        return 0


async def _run_polling(settings: Settings) -> int:
    """Run the app's whole runtime (engine, outbox dispatcher, Telegram) without a web server."""
    from api.app import create_app

    app = create_app(settings, migrate=False, telegram_polling=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with app.router.lifespan_context(app):
        if app.state.telegram is None:
            return 2
        log.info("polling Telegram; press Ctrl-C to stop")
        await stop.wait()
    return 0


def _set_webhook(args: argparse.Namespace) -> int:
    settings = get_settings()
    if not _require_token(settings):
        return 2
    if not settings.telegram_webhook_secret:
        log.error("TELEGRAM_WEBHOOK_SECRET is not set: Telegram would post unauthenticated")
        return 2
    if "public_base_url" not in settings.model_fields_set:
        log.error("PUBLIC_BASE_URL is not set: where can Telegram reach this server?")
        return 2

    async def run() -> None:
        async with build_application(settings, mode="webhook").bot as bot:
            await bot.set_webhook(
                webhook_url(settings),
                secret_token=settings.telegram_webhook_secret,
                allowed_updates=list(ALLOWED_UPDATES),
            )
            await publish_commands(bot)

    return _run_call(run(), f"webhook set to {webhook_url(settings)}")


def _delete_webhook(args: argparse.Namespace) -> int:
    settings = get_settings()
    if not _require_token(settings):
        return 2

    async def run() -> None:
        async with build_application(settings, mode="webhook").bot as bot:
            await bot.delete_webhook()

    return _run_call(run(), "webhook removed")


def _run_call(call: Coroutine[Any, Any, None], done: str) -> int:
    try:
        asyncio.run(call)
    except TelegramError as err:
        log.error("Telegram refused: %s", err)
        return 1
    log.info(done)
    return 0
