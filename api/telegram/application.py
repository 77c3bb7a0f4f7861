"""Build python-telegram-bot's Application the way this project runs it."""

from __future__ import annotations

import importlib.util
from typing import Any, Literal

from telegram.ext import AIORateLimiter, Application
from telegram.request import BaseRequest, HTTPXRequest

from api.settings import Settings
from api.telegram.processing import ChatOrderedProcessor

Mode = Literal["webhook", "polling"]
Http = Literal["aiohttp", "httpx"]
PTBApplication = Application[Any, Any, Any, Any, Any, Any]

WORKERS = 8  # updates processed at once (different chats); see docs/telegram.md
MAX_RETRIES = 3  # times a request is retried after Telegram's `retry_after`


def default_http() -> Http:
    """Use aiohttp when it is installed (much cheaper per call), else PTB's httpx."""
    return "aiohttp" if importlib.util.find_spec("aiohttp") is not None else "httpx"


def http_requests(http: Http | None = None, *, workers: int = WORKERS) -> tuple[BaseRequest, ...]:
    """Return the HTTP clients of the bot: one for Bot API calls, one for getUpdates."""
    connections = max(8, 2 * workers)
    if (http or default_http()) == "aiohttp":
        from api.telegram.aiohttp_request import AiohttpRequest

        return AiohttpRequest(connections=connections), AiohttpRequest(connections=1)
    # PTB's httpx pool gets slower as it grows (it scans its connections on every request).
    return HTTPXRequest(connection_pool_size=connections), HTTPXRequest(connection_pool_size=1)


def build_application(
    settings: Settings,
    *,
    mode: Mode,
    workers: int = WORKERS,
    requests: tuple[BaseRequest, ...] | None = None,
) -> PTBApplication:
    """Build the Application; in webhook mode without an Updater (our route feeds it)."""
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    calls, polls = requests or http_requests(workers=workers)
    limiter = AIORateLimiter(
        overall_max_rate=settings.telegram_max_messages_per_second, max_retries=MAX_RETRIES
    )
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .request(calls)
        .get_updates_request(polls)
        .rate_limiter(limiter)
        .concurrent_updates(ChatOrderedProcessor(workers) if workers > 1 else False)
    )
    if mode == "webhook":
        builder = builder.updater(None)
    return builder.build()
