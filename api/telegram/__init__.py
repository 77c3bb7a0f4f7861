"""The Telegram channel in the web app: webhook route, python-telegram-bot Application, polling."""

from api.telegram.lifecycle import start_telegram
from api.telegram.service import TelegramService, telegram_mode

__all__ = ["TelegramService", "start_telegram", "telegram_mode"]
