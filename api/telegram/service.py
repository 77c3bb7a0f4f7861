"""Run the Telegram channel in a process: webhook (inside the web app) or long polling."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, TelegramError

from api.db.session import Database
from api.settings import Settings
from api.telegram.application import Http, Mode, build_application, http_requests
from api.telegram.ledger import InboundLedger
from bot.channels.telegram import (
    CHANNEL,
    PRESS,
    Ledger,
    Responder,
    TelegramChannel,
    publish_commands,
)
from bot.channels.telegram_send import TelegramSender

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"
ALLOWED_UPDATES = ("message", "callback_query", "channel_post")
LEDGER_KEEP = timedelta(days=7)  # Telegram gives up redelivering an update well before this
PRUNE_EVERY = 3600.0


def telegram_mode(settings: Settings) -> Mode | None:
    """Return how this configuration runs Telegram: webhook with a secret, else polling."""
    if not settings.telegram_bot_token:
        return None
    return "webhook" if settings.telegram_webhook_secret else "polling"


def webhook_url(settings: Settings) -> str:
    """Return the URL Telegram posts updates to."""
    return settings.public_base_url.rstrip("/") + WEBHOOK_PATH


class TelegramService:
    """The Application, the channel and the ledger of one process."""

    def __init__(
        self,
        settings: Settings,
        engine: Responder,
        ledger: Ledger,
        *,
        mode: Mode,
        http: Http | None = None,
    ) -> None:
        self.settings = settings
        self.mode = mode
        self.ledger = ledger
        self._requests = http_requests(http)
        self.application = build_application(settings, mode=mode, requests=self._requests)
        self.channel = TelegramChannel(self.application.bot, engine, ledger)
        self.channel.install(self.application)
        self.sender = TelegramSender(self.application.bot, ready=lambda: self.ready)

    @classmethod
    def create(
        cls, settings: Settings, db: Database, engine: Responder, *, mode: Mode
    ) -> TelegramService:
        """Build the service over the shared database ledger."""
        return cls(settings, engine, InboundLedger(db, settings.secret_key), mode=mode)

    @property
    def ready(self) -> bool:
        """Tell whether updates can be fed in."""
        return bool(self.application.running)

    async def start(self) -> None:
        """Connect (getMe), start processing, and start polling in polling mode."""
        await self.application.initialize()
        if not self.application.running:
            await self.application.start()
        updater = self.application.updater
        if self.mode == "polling" and updater is not None and not updater.running:
            await updater.start_polling(
                allowed_updates=list(ALLOWED_UPDATES), error_callback=_polling_error
            )
        log.info("Telegram channel started (%s) as @%s", self.mode, self.application.bot.username)

    async def configure(self) -> None:
        """Publish the command menus and, in webhook mode, register the webhook with its secret."""
        bot = self.application.bot
        # Only an explicit PUBLIC_BASE_URL: the default (localhost) would unhook a working bot.
        if self.mode == "webhook" and "public_base_url" in self.settings.model_fields_set:
            await bot.set_webhook(
                webhook_url(self.settings),
                secret_token=self.settings.telegram_webhook_secret,
                allowed_updates=list(ALLOWED_UPDATES),
            )
            log.info("Telegram webhook set to %s", webhook_url(self.settings))
        await publish_commands(bot)

    async def configure_quietly(self) -> None:
        """Configure the bot; a failure is logged (the bot still answers)."""
        try:
            await self.configure()
        except TelegramError as err:
            log.error("cannot configure the Telegram bot (webhook, commands): %s", err)

    async def stop(self) -> None:
        """Stop polling, finish the queued updates and close the HTTP connections."""
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        # A start that failed half-way leaves connections PTB does not know it opened.
        for request in self._requests:
            await request.shutdown()

    def parse(self, data: dict[str, Any]) -> Update:
        """Read an update posted to the webhook (raises on a malformed one)."""
        return Update.de_json(data, self.application.bot)

    async def accept(self, update: Update) -> bool:
        """Queue an update received by the webhook; False when it is a redelivery."""
        if not await self.ledger.first(CHANNEL, str(update.update_id)):
            return False
        await self.application.update_queue.put(update)
        return True

    async def prune_forever(self) -> None:
        """Forget old update ids and button presses now and then."""
        if not isinstance(self.ledger, InboundLedger):
            return
        while True:
            await self.ledger.prune((CHANNEL, PRESS), older_than=LEDGER_KEEP)
            await asyncio.sleep(PRUNE_EVERY)


async def keep_starting(service: TelegramService, *, max_delay: float = 60.0) -> None:
    """Start the service, retrying with back-off while Telegram cannot be reached."""
    delay = 1.0
    while True:
        try:
            await service.start()
        except InvalidToken:
            log.error("Telegram refused TELEGRAM_BOT_TOKEN; the Telegram channel is off")
            return
        except TelegramError as err:
            log.warning("cannot reach Telegram (%s); retrying in %.0f s", err, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, max_delay)
        else:
            await service.configure_quietly()
            return


def _polling_error(err: TelegramError) -> None:
    log.warning("Telegram polling failed, retrying: %s", err)


__all__ = [
    "WEBHOOK_PATH",
    "TelegramService",
    "keep_starting",
    "telegram_mode",
    "webhook_url",
]
