"""Process Telegram updates concurrently across chats, in order within each chat."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

BACKLOG = 10_000  # updates held in memory while waiting their turn


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Run up to `workers` updates at once, but one chat's updates one after the other.

    A person's two quick messages must not race on their conversation state, while one slow
    chat (or Telegram's round trip) must not hold up everybody else.
    """

    def __init__(self, workers: int) -> None:
        super().__init__(max_concurrent_updates=BACKLOG)
        self.workers = workers
        self._slots = asyncio.Semaphore(workers)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's earlier updates and a free worker, then process the update."""
        chat = _chat_id(update)
        if chat is None:
            async with self._slots:
                await coroutine
            return
        lock, waiting = self._chats.get(chat, (asyncio.Lock(), 0))
        self._chats[chat] = (lock, waiting + 1)
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            lock, waiting = self._chats[chat]
            if waiting == 1:
                del self._chats[chat]
            else:
                self._chats[chat] = (lock, waiting - 1)

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free."""


def _chat_id(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None
