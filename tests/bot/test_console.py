"""The terminal chat: numbered choices, typed text, and `pathways chat` end to end."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from api.settings import PROJECT_ROOT
from bot.channels import console
from bot.channels.console import ConsoleChannel, run_console
from bot.engine import Engine
from bot.messages import OutgoingMessage


def lines(*typed: str) -> Iterator[str | None]:
    yield from typed
    yield None


async def test_numbers_pick_buttons_and_text_is_a_message(engine: Engine) -> None:
    out = io.StringIO()
    channel = ConsoleChannel(out)
    typed = lines("2", "", "je veux parler à une vraie personne", "99", "/quit", "never read")

    async def read_line(prompt: str) -> str | None:
        return next(typed)

    await run_console(
        engine, user_id="console-test", language="en", read_line=read_line, channel=channel
    )
    text = out.getvalue()
    assert "  [1] ✓ English" in text and "  [2] Français" in text
    assert "D'accord, je vous écris désormais en français." in text
    assert "Si vous êtes d'accord, le bénévole verra" in text
    assert "never read" not in text
    # "99" was not a choice: it went to the bot as text and got an answer, not a crash.
    assert text.count("Pathways") >= 1


def test_pathways_chat_in_the_terminal(sqlite_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": sqlite_url, "CONTENT_DIR": str(PROJECT_ROOT / "content")}
    result = subprocess.run(
        [sys.executable, "-m", "api.cli", "chat", "--lang", "es"],
        input="4\n/privacy\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "  [4] العربية" in result.stdout
    assert "حسنًا، سأكتب لك باللغة العربية." in result.stdout
    assert "كيف تُستخدم بياناتك:" in result.stdout


async def test_later_messages_are_printed_while_waiting(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "POLL_SECONDS", 0.01)
    out = io.StringIO()
    queued = [OutgoingMessage("A volunteer replied (case PW-00001):\n\nhello", language="en")]

    async def inbox() -> list[OutgoingMessage]:
        taken = list(queued)
        queued.clear()
        return taken

    async def read_line(prompt: str) -> str | None:
        await asyncio.sleep(0.2)
        return None

    await run_console(
        engine,
        user_id="console-poll",
        read_line=read_line,
        channel=ConsoleChannel(out),
        inbox=inbox,
    )
    assert "A volunteer replied (case PW-00001):" in out.getvalue()
