"""Updates of one chat in order, of different chats side by side."""

from __future__ import annotations

import asyncio

from telegram import Update

from api.telegram.processing import ChatOrderedProcessor
from tests.telegram.updates import message_update


def update(update_id: int, chat: int) -> Update:
    return Update.de_json(message_update(update_id, chat, "hi"), None)


async def test_one_chat_in_order_many_chats_at_once() -> None:
    processor = ChatOrderedProcessor(workers=4)
    log: list[tuple[str, int, int]] = []
    running = 0
    peak = 0

    async def work(chat: int, index: int, delay: float) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        log.append(("start", chat, index))
        await asyncio.sleep(delay)
        log.append(("end", chat, index))
        running -= 1

    jobs = []
    for index in range(5):
        for chat in (1, 2, 3):
            # Earlier updates of a chat take longer: they must still finish first.
            delay = 0.05 * (5 - index) / 5
            jobs.append(
                processor.process_update(update(index * 10 + chat, chat), work(chat, index, delay))
            )
    await asyncio.gather(*jobs)
    for chat in (1, 2, 3):
        events = [(kind, index) for kind, c, index in log if c == chat]
        assert events == [(kind, i) for i in range(5) for kind in ("start", "end")]
    assert 1 < peak <= 3
    assert not processor._chats  # nothing left behind


async def test_worker_limit_is_respected() -> None:
    processor = ChatOrderedProcessor(workers=2)
    running = 0
    peak = 0

    async def work() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    await asyncio.gather(*(processor.process_update(update(i, i), work()) for i in range(10)))
    assert peak == 2
