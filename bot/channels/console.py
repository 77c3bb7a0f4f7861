"""The terminal chat: the same conversation, with buttons shown as numbered choices."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TextIO

from bot.engine import Engine
from bot.messages import IncomingMessage, OutgoingMessage

log = logging.getLogger(__name__)

CHANNEL = "console"
QUIT_WORDS = frozenset({"/quit", "/exit"})

LineReader = Callable[[str], Awaitable[str | None]]
Inbox = Callable[[], Awaitable[Sequence[OutgoingMessage]]]
POLL_SECONDS = 2.0


class ConsoleChannel:
    """Print replies to a text stream and remember the buttons offered, by number."""

    name = CHANNEL

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stdout
        self.choices: list[str] = []

    async def send(self, recipient: str, messages: Sequence[OutgoingMessage]) -> None:
        """Print the replies; number every button across them."""
        self.choices = []
        for message in messages:
            print(file=self.out)
            print(message.text, file=self.out)
            if message.link and message.link not in message.text:
                print(f"-> {message.link}", file=self.out)
            for button in message.buttons:
                self.choices.append(button.payload)
                print(f"  [{len(self.choices)}] {button.title}", file=self.out)
        self.out.flush()

    def incoming(self, line: str, *, user_id: str, language: str | None) -> IncomingMessage:
        """Turn a typed line into a message: a number picks a button, anything else is text."""
        stripped = line.strip()
        if stripped.isdigit() and 1 <= int(stripped) <= len(self.choices):
            return IncomingMessage(
                CHANNEL,
                user_id,
                payload=self.choices[int(stripped) - 1],
                language_hint=language,
            )
        return IncomingMessage(CHANNEL, user_id, text=line, language_hint=language)


async def read_stdin(prompt: str) -> str | None:
    """Read a line from the terminal without blocking the event loop; None at end of input."""
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def run_console(
    engine: Engine,
    *,
    user_id: str,
    language: str | None = None,
    read_line: LineReader = read_stdin,
    channel: ConsoleChannel | None = None,
    inbox: Inbox | None = None,
) -> None:
    """Chat in the terminal until end of input or /quit; print what `inbox` brings meanwhile."""
    channel = channel or ConsoleChannel()
    await engine.deliver(
        IncomingMessage(CHANNEL, user_id, text="/start", language_hint=language), channel
    )
    poller = asyncio.create_task(_poll(inbox, channel, user_id)) if inbox else None
    try:
        while True:
            line = await read_line("> ")
            if line is None or line.strip().lower() in QUIT_WORDS:
                return
            if not line.strip():
                continue
            message = channel.incoming(line, user_id=user_id, language=language)
            await engine.deliver(message, channel)
    finally:
        if poller is not None:
            poller.cancel()


async def _poll(inbox: Inbox, channel: ConsoleChannel, user_id: str) -> None:
    """Print messages delivered later (a volunteer's replies) as they arrive."""
    while True:
        await asyncio.sleep(POLL_SECONDS)
        try:
            messages = await inbox()
        except Exception:
            log.exception("cannot fetch the messages delivered later")
            continue
        if messages:
            await channel.send(user_id, messages)
