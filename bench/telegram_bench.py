"""Measure Telegram webhook throughput: updates per second until every reply reached the API.

Runs three processes, as in production where Telegram is another machine: `pathways serve`
(webhook mode, SQLite by default) with python-telegram-bot pointed at the tests' fake Bot API
(its own process), and this script posting N signed updates to `/telegram/webhook` over 40
connections, as Telegram does. The clock stops when the last reply reaches the fake.
Each simulated person sends /start, presses a language button, then menu buttons and commands
(or, with --questions, free-text questions answered through the NLU).

    .venv/bin/python bench/telegram_bench.py --updates 2000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.telegram.fake_bot_api import TOKEN  # noqa: E402
from tests.telegram.updates import button_update, message_update  # noqa: E402
from tests.utils.server import free_port  # noqa: E402

SECRET = "bench-secret"
QUESTIONS = (
    "How do I apply for a work visa for Canada?",
    "Can my wife join me in Germany?",
    "An agent asks me to pay a recruitment fee, is it normal?",
    "What should I take with me before I leave?",
    "Can my employer keep my passport?",
)
LANGUAGES = ("en", "fr", "es", "ar", "ne")
MENU_STEPS = ("topic:visa_info", "/menu", "topic:protection_risk", "/help", "cmd:privacy")
BIN = Path(sys.executable).parent


def conversation(user: int, length: int, first_id: int, questions: bool) -> list[dict[str, Any]]:
    """Return one person's updates: /start, a language, then questions or menu buttons."""
    chat = 10_000 + user
    lang = LANGUAGES[user % len(LANGUAGES)]
    updates = [message_update(first_id, chat, "/start", language_code=lang)]
    steps = [f"lang:{lang}", *MENU_STEPS]
    for index in range(1, length):
        update_id = first_id + index
        step = steps[(index - 1) % len(steps)]
        if questions and index > 1:
            text = QUESTIONS[(user + index) % len(QUESTIONS)]
            updates.append(message_update(update_id, chat, text, language_code=lang))
        elif step.startswith("/"):
            updates.append(message_update(update_id, chat, step, language_code=lang))
        else:
            updates.append(button_update(update_id, chat, step, message_id=index))
    return updates


async def post_all(base_url: str, people: list[list[dict[str, Any]]], concurrency: int) -> None:
    """Post every person's updates in order, `concurrency` people at a time."""
    queue: asyncio.Queue[list[dict[str, Any]]] = asyncio.Queue()
    for updates in people:
        queue.put_nowait(updates)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base_url, headers=headers, connector=connector) as client:

        async def worker() -> None:
            while not queue.empty():
                for update in queue.get_nowait():
                    async with client.post("/telegram/webhook", json=update) as response:
                        response.raise_for_status()

        await asyncio.gather(*(worker() for _ in range(concurrency)))


def cpu_seconds(pid: int) -> float:
    """Return the CPU time a process has used (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stats(fake_url: str, method: str = "sendMessage") -> dict[str, Any]:
    """Ask the fake how many `method` calls it received, per chat."""
    return dict(httpx.get(f"{fake_url}/_stats/{method}", timeout=10).json())


def wait_for_replies(fake_url: str, people: list[list[dict[str, Any]]], timeout: float) -> float:
    """Wait until every update has been answered; return when the last reply arrived."""
    needed = {str(updates[0]["message"]["chat"]["id"]): len(updates) for updates in people}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = stats(fake_url)
        if all(sent["chats"].get(chat, 0) >= count for chat, count in needed.items()):
            time.sleep(0.5)  # let the last parts of multi-message answers land
            settled = stats(fake_url)
            if settled["count"] == sent["count"]:
                return float(settled["last_at"])
        time.sleep(0.05)
    raise SystemExit("timed out waiting for the replies")


def wait_until(check: Any, what: str, timeout: float = 120.0) -> None:
    """Poll `check()` until it is true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{what} did not come up")


@contextmanager
def running(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """Run a process for the duration of a `with` block."""
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


def run(args: argparse.Namespace) -> float:
    """Run the benchmark once and return updates per second."""
    directory = tempfile.mkdtemp(prefix="telegram-bench-")
    fake_port, app_port = free_port(), free_port()
    fake_url, app_url = f"http://127.0.0.1:{fake_port}", f"http://127.0.0.1:{app_port}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "DATABASE_URL": args.database_url or f"sqlite+aiosqlite:///{directory}/bench.db",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": f"{fake_url}/bot",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "PUBLIC_BASE_URL": app_url,
        "TELEGRAM_MAX_MESSAGES_PER_SECOND": str(args.rate),
    }
    people = [
        conversation(user, args.per_person, 1 + user * args.per_person, args.questions)
        for user in range(max(1, args.updates // args.per_person))
    ]
    total = sum(len(p) for p in people)
    fake_command = [sys.executable, "-m", "tests.telegram.fake_bot_api", "--port", str(fake_port)]
    serve_command = [str(BIN / "pathways"), "serve", "--port", str(app_port)]
    with running(fake_command, env), running(serve_command, env) as server:
        wait_until(lambda: stats(fake_url, "setMyCommands")["count"] >= 6, "the server")
        cpu_before = cpu_seconds(server.pid)
        started = time.time()
        asyncio.run(post_all(app_url, people, args.concurrency))
        posted = time.time() - started
        last = wait_for_replies(fake_url, people, timeout=args.timeout)
        replies = stats(fake_url)["count"]
        cpu = cpu_seconds(server.pid) - cpu_before
    elapsed = last - started
    rate = total / elapsed
    print(
        f"{total} updates from {len(people)} people, {replies} replies; "
        f"posted in {posted:.2f} s, all answered in {elapsed:.2f} s: {rate:.0f} updates/s; "
        f"server CPU {cpu * 1000 / total:.1f} ms per update",
        flush=True,
    )
    return rate


def main() -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000, help="updates to post")
    parser.add_argument("--per-person", type=int, default=5, help="updates per person")
    parser.add_argument("--concurrency", type=int, default=40, help="parallel webhook posts")
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    parser.add_argument(
        "--questions",
        action="store_true",
        help="after /start and the language, ask free-text questions (NLU) instead of menus",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="TELEGRAM_MAX_MESSAGES_PER_SECOND (default 0: measure our code, not the cap)",
    )
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    print(
        f"{platform.node()} {platform.machine()} {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}",
        flush=True,
    )
    run(args)


if __name__ == "__main__":
    main()
