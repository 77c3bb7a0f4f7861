"""Start and stop the Telegram channel with the web app (or the polling command)."""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from api.runtime import Runtime
from api.telegram.service import TelegramService, keep_starting, telegram_mode
from bot.channels.telegram import CHANNEL

log = logging.getLogger(__name__)


async def start_telegram(runtime: Runtime, *, polling: bool) -> TelegramService | None:
    """Start the channel the settings ask for; polling only where the caller allows it.

    Several web workers may share one webhook, but only one process may poll a bot, so the
    web app polls only when `pathways serve` (a single process) asks it to.
    """
    settings = runtime.settings
    mode = telegram_mode(settings)
    if mode is None:
        return None
    if mode == "polling" and not polling:
        log.warning(
            "TELEGRAM_WEBHOOK_SECRET is not set: Telegram polling runs only under "
            "`pathways serve` or `pathways telegram poll`"
        )
        return None
    service = TelegramService.create(settings, runtime.db, runtime.extras["engine"], mode=mode)
    runtime.extras["telegram"] = service
    # The outbox dispatcher delivers volunteer replies to Telegram chats through this sender.
    runtime.senders.register(CHANNEL, service.sender)

    async def stop(_: Runtime) -> None:
        await service.stop()

    runtime.on_stop(stop)
    try:
        await service.start()
    except TelegramError as err:
        log.warning("Telegram is not reachable yet (%s); retrying in the background", err)
        runtime.spawn("telegram-start", lambda: keep_starting(service))
    else:
        runtime.spawn("telegram-configure", service.configure_quietly)
    runtime.spawn("telegram-prune", service.prune_forever)
    return service
