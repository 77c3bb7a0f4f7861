"""Telegram updates in the Bot API's JSON shape, as Telegram posts them."""

from __future__ import annotations

import time
from typing import Any


def user(chat_id: int, language_code: str | None = "en") -> dict[str, Any]:
    """Return the `from` object of a person."""
    person: dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": "Amina"}
    if language_code:
        person["language_code"] = language_code
    return person


def message_update(
    update_id: int,
    chat_id: int,
    text: str,
    *,
    language_code: str | None = "en",
    chat_type: str = "private",
    message_id: int | None = None,
) -> dict[str, Any]:
    """Return an update carrying a text message."""
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = "Amina"
    else:
        chat["title"] = "Migrants' forum"
    sender = user(abs(chat_id) if chat_type == "private" else 777, language_code)
    return {
        "update_id": update_id,
        "message": {
            "message_id": message_id or update_id,
            "date": int(time.time()),
            "chat": chat,
            "from": sender,
            "text": text,
        },
    }


def button_update(
    update_id: int,
    chat_id: int,
    data: str,
    *,
    message_id: int,
    language_code: str | None = "en",
    chat_type: str = "private",
) -> dict[str, Any]:
    """Return an update for a pressed inline button under the bot's message `message_id`."""
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cb-{update_id}",
            "chat_instance": f"ci-{chat_id}",
            "from": user(abs(chat_id), language_code),
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": chat_type},
                "from": {"id": 123456, "is_bot": True, "first_name": "Pathways"},
                "text": "(an earlier message)",
            },
        },
    }
