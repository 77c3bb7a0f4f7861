"""The Telegram channel: updates in, the engine's replies out, private chats only."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any, Protocol

from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, Chat, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.channels.telegram_send import send_replies
from bot.i18n import LANGUAGES, N_, Translator, normalize_language
from bot.messages import IncomingMessage, OutgoingMessage

__all__ = [
    "CHANNEL",
    "COMMAND_DESCRIPTIONS",
    "Ledger",
    "MemoryLedger",
    "Responder",
    "TelegramChannel",
    "command_menu",
    "publish_commands",
]

log = logging.getLogger(__name__)

CHANNEL = "telegram"
PRESS = "telegram-press"  # ledger kind: a message whose keyboard was already used
GROUP = "telegram-group"  # ledger kind: a group already told to write privately
COMMAND_DESCRIPTIONS: dict[str, str] = {
    "start": N_("start again"),
    "menu": N_("topics and questions"),
    "language": N_("change the language"),
    "help": N_("how to use this bot"),
    "privacy": N_("how your data is used"),
    "delete": N_("erase your data"),
}
GROUP_NOTICE = N_(
    "Hello! To protect your privacy, I only answer in a private chat. "
    "Please write to me directly: {link}"
)


class Responder(Protocol):
    """The dialogue engine, as this channel uses it."""

    async def handle(self, message: IncomingMessage) -> list[OutgoingMessage]:
        """Return the replies to one message."""
        ...


class Ledger(Protocol):
    """Remembers what was done once, shared by every worker."""

    async def first(self, kind: str, key: str) -> bool:
        """Record (`kind`, `key`); True only for the first caller ever."""
        ...


class MemoryLedger:
    """A ledger for one process (tests, the terminal)."""

    def __init__(self) -> None:
        self._seen: set[tuple[str, str]] = set()

    async def first(self, kind: str, key: str) -> bool:
        """Record (`kind`, `key`); True only the first time."""
        if (kind, key) in self._seen:
            return False
        self._seen.add((kind, key))
        return True


class TelegramChannel:
    """Translate Telegram updates to neutral messages and send the engine's replies back."""

    name = CHANNEL

    def __init__(self, bot: Bot, engine: Responder, ledger: Ledger) -> None:
        self.bot = bot
        self.engine = engine
        self.ledger = ledger

    def install(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Add this channel's handlers to a python-telegram-bot application."""
        updates = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
        application.add_handler(MessageHandler(updates, self.on_message))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_error_handler(_log_error)

    async def send(self, recipient: str, messages: Sequence[OutgoingMessage]) -> None:
        """Send replies to the chat `recipient` (the `OutputChannel` interface)."""
        await send_replies(self.bot, int(recipient), messages)

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Answer a message in a private chat; in a group, ask once to write privately."""
        message, chat = update.effective_message, update.effective_chat
        user = update.effective_user
        if message is None or chat is None or (user is not None and user.is_bot):
            return
        if chat.type != ChatType.PRIVATE:
            await self._tell_group_once(chat, user)
            return
        text = message.text or message.caption
        text = text if isinstance(text, str) else ""
        incoming = IncomingMessage(CHANNEL, str(chat.id), text=text, language_hint=_hint(user))
        await self._reply(chat.id, incoming)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Act on a pressed button once: stop the spinner, remove the keyboard, reply."""
        query = update.callback_query
        if query is None:
            return
        message = query.message
        if message is None or message.chat.type != ChatType.PRIVATE or not query.data:
            await _quietly(query.answer())
            return
        chat_id = message.chat.id
        first = await self.ledger.first(PRESS, f"{chat_id}:{message.message_id}")
        if not first:
            await _quietly(query.answer())
            return
        incoming = IncomingMessage(
            CHANNEL, str(chat_id), payload=query.data, language_hint=_hint(query.from_user)
        )
        # The keyboard goes away while the engine works, so the old buttons cannot act twice.
        replies, *_ = await asyncio.gather(
            self.engine.handle(incoming),
            _quietly(query.answer()),
            _quietly(self.bot.edit_message_reply_markup(chat_id, message.message_id)),
        )
        await self._send_safely(chat_id, replies)

    async def _reply(self, chat_id: int, incoming: IncomingMessage) -> None:
        await self._send_safely(chat_id, await self.engine.handle(incoming))

    async def _send_safely(self, chat_id: int, replies: Sequence[OutgoingMessage]) -> None:
        try:
            await send_replies(self.bot, chat_id, replies)
        except Forbidden:
            log.info("a Telegram user blocked the bot; replies dropped")

    async def _tell_group_once(self, chat: Chat, user: User | None) -> None:
        if not await self.ledger.first(GROUP, str(chat.id)):
            return
        tr = Translator(_hint(user) or "en")
        link = f"https://t.me/{self.bot.username}"
        notice = OutgoingMessage(tr._(GROUP_NOTICE).format(link=link), language=tr.lang)
        await self._send_safely(chat.id, [notice])


def command_menu(lang: str) -> list[BotCommand]:
    """Return the command menu in `lang`, descriptions from the gettext catalog."""
    tr = Translator(lang)
    return [
        BotCommand(name, _capitalized(tr._(description)))
        for name, description in COMMAND_DESCRIPTIONS.items()
    ]


async def publish_commands(bot: Bot) -> None:
    """Set the command menu of private chats for every language (and the default, English)."""
    scope = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands(command_menu("en"), scope=scope)
    for lang in LANGUAGES:
        await bot.set_my_commands(command_menu(lang), scope=scope, language_code=lang)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _hint(user: User | None) -> str | None:
    return normalize_language(user.language_code) if user is not None else None


async def _quietly(call: Any) -> None:
    """Await a courtesy request (answer a button, remove a keyboard); a failure is not fatal."""
    try:
        await call
    except BadRequest as err:
        log.debug("Telegram refused a courtesy request: %s", err)
    except TelegramError as err:
        log.warning("Telegram courtesy request failed: %s", err)


async def _log_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("Telegram update failed", exc_info=context.error)
