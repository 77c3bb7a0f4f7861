"""Send replies to a Telegram chat, and deliver outbox messages there."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.channels.telegram_format import Part, keyboard, render_parts
from bot.delivery import DeliveryError
from bot.messages import OutgoingMessage

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# Telegram's descriptions of requests that can never succeed for this chat.
_PERMANENT = ("chat not found", "user is deactivated", "peer_id_invalid", "bot was blocked")


async def send_replies(bot: Bot, chat_id: int | str, messages: Sequence[OutgoingMessage]) -> None:
    """Send the replies in order: HTML parts, the keyboard under the last part of each."""
    for message in messages:
        parts = render_parts(message)
        if not parts:
            log.warning("skipped an empty reply")
            continue
        markup = keyboard(message.buttons)
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await send_part(bot, chat_id, part, markup if last else None)


async def send_part(
    bot: Bot, chat_id: int | str, part: Part, markup: InlineKeyboardMarkup | None
) -> None:
    """Send one part as HTML; if Telegram cannot parse it, send the same text unformatted."""
    try:
        await bot.send_message(
            chat_id,
            part.html,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as err:
        if not is_parse_error(err):
            raise
        log.warning("Telegram could not parse a reply (%s); sending it as plain text", err)
        await bot.send_message(
            chat_id, part.plain, reply_markup=markup, link_preview_options=NO_PREVIEW
        )


def is_parse_error(err: BadRequest) -> bool:
    """Tell whether Telegram refused a message because of its markup."""
    text = err.message.lower()
    return "parse" in text or "entit" in text


def retry_seconds(err: RetryAfter) -> float:
    """Return how long Telegram asked to wait, in seconds."""
    with warnings.catch_warnings():
        # PTB 22 warns that `retry_after` becomes a timedelta; both shapes are handled.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: int | timedelta = err.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def body_messages(body: dict[str, Any]) -> list[OutgoingMessage]:
    """Read an outbox body: one message (`OutgoingMessage.to_dict`) or `{"messages": [...]}`."""
    items = body.get("messages")
    if isinstance(items, list):
        return [OutgoingMessage.from_dict(item) for item in items if isinstance(item, dict)]
    return [OutgoingMessage.from_dict(body)]


class TelegramSender:
    """Deliver outbox rows to Telegram chats (the handoff service's volunteer replies)."""

    def __init__(self, bot: Bot, ready: Callable[[], bool] = lambda: True) -> None:
        self.bot = bot
        self.ready = ready

    async def send(self, recipient: str, body: dict[str, Any]) -> None:
        """Send `body` to the chat `recipient`, or raise `DeliveryError`."""
        if not self.ready():
            raise DeliveryError("the Telegram channel is not connected yet", retry_after=5.0)
        try:
            chat_id = int(recipient)
        except ValueError as err:
            raise DeliveryError("not a Telegram chat id", permanent=True) from err
        try:
            await send_replies(self.bot, chat_id, body_messages(body))
        except RetryAfter as err:
            raise DeliveryError(str(err), retry_after=retry_seconds(err)) from err
        except (Forbidden, ChatMigrated) as err:
            raise DeliveryError(str(err), permanent=True) from err
        except BadRequest as err:
            permanent = any(reason in err.message.lower() for reason in _PERMANENT)
            raise DeliveryError(str(err), permanent=permanent) from err
        except TelegramError as err:
            raise DeliveryError(str(err)) from err
