"""Measure web chat throughput: messages per second through `POST /v1/chat`.

Starts the app in its own process (uvicorn, one worker, no access log) on a fresh database,
then sends conversations over `--concurrency` connections: each simulated person sends
/start, chooses a language, asks free-text questions (through the NLU) and presses buttons.
Each request waits for its replies, so the figure is replies produced per second.

    .venv/bin/python bench/chat_bench.py                      # SQLite in a temporary file
    .venv/bin/python bench/chat_bench.py --postgres           # a throw-away PostgreSQL database
    .venv/bin/python bench/chat_bench.py --database-url postgresql+asyncpg://...
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "fr", "es", "ar", "ne")
QUESTIONS = {
    "en": ("what documents should I carry", "is my agent fake", "can my children join me later"),
    "fr": ("comment obtenir un visa pour le Canada", "je veux faire venir ma femme", "bonjour"),
    "es": (
        "quiero reunir a mi familia en España",
        "¿debo pagar una cuota de reclutamiento?",
        "muchas gracias",
    ),
    "ar": ("كيف أحصل على تأشيرة عمل في ألمانيا", "هل يجب أن أعطي جوازي لصاحب العمل", "مرحبا"),
    "ne": ("मलाई जापान जान भिसा चाहियो", "एजेन्टले धेरै पैसा माग्यो", "धन्यवाद"),
}
BUTTONS = ("topic:visa_info", "topic:protection_risk", "cmd:menu", "cmd:privacy")


def conversation(person: int, length: int) -> list[dict[str, Any]]:
    """Return one person's messages: /start, a language, then questions and buttons in turn."""
    lang = LANGUAGES[person % len(LANGUAGES)]
    user_id = f"bench-{person}"
    steps: list[dict[str, Any]] = [
        {"user_id": user_id, "text": "/start", "lang": lang},
        {"user_id": user_id, "payload": f"lang:{lang}"},
    ]
    for index in range(length - 2):
        if index % 2 == 0:
            text = QUESTIONS[lang][(person + index // 2) % len(QUESTIONS[lang])]
            steps.append({"user_id": user_id, "text": text, "lang": lang})
        else:
            steps.append({"user_id": user_id, "payload": BUTTONS[(person + index) % len(BUTTONS)]})
    return steps


async def run_load(
    base_url: str, people: list[list[dict[str, Any]]], concurrency: int
) -> list[float]:
    """Send every person's messages in order, `concurrency` people at a time; return latencies."""
    queue: asyncio.Queue[list[dict[str, Any]]] = asyncio.Queue()
    for steps in people:
        queue.put_nowait(steps)
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(base_url, connector=connector) as session:

        async def worker() -> None:
            while not queue.empty():
                for body in queue.get_nowait():
                    started = time.perf_counter()
                    async with session.post("/v1/chat", json=body) as response:
                        data = await response.json()
                        if response.status != 200 or not data.get("messages"):
                            raise RuntimeError(f"{response.status}: {data}")
                    latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


@contextmanager
def server(database_url: str, port: int) -> Iterator[str]:
    """Run the app with uvicorn in its own process until the block ends."""
    env = {**os.environ, "DATABASE_URL": database_url, "ENVIRONMENT": "development"}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "api.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise RuntimeError("the server stopped while starting")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not become ready")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Create a PostgreSQL database on 127.0.0.1:5432 for the run, and drop it afterwards."""
    name = f"pathways_bench_{uuid.uuid4().hex[:8]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(
            host="127.0.0.1", port=5432, user="postgres", database="postgres"
        )
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def measure(database_url: str, args: argparse.Namespace) -> None:
    """Warm up, then time the load and print the figures."""
    people = [conversation(p, args.length) for p in range(args.messages // args.length)]
    warmup = [conversation(10_000 + p, args.length) for p in range(args.concurrency)]
    with server(database_url, free_port()) as base:
        asyncio.run(run_load(base, warmup, args.concurrency))
        started = time.perf_counter()
        latencies = asyncio.run(run_load(base, people, args.concurrency))
        elapsed = time.perf_counter() - started
    kind = "PostgreSQL" if database_url.startswith("postgresql") else "SQLite"
    count = len(latencies)
    quantiles = statistics.quantiles(latencies, n=100)
    print(
        f"{kind}: {count} messages in {elapsed:.2f} s = {count / elapsed:.0f} messages/s "
        f"(concurrency {args.concurrency}, p50 {quantiles[49] * 1000:.1f} ms, "
        f"p95 {quantiles[94] * 1000:.1f} ms)"
    )


def main() -> None:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--messages", type=int, default=3000, help="messages to time")
    parser.add_argument("--length", type=int, default=10, help="messages per person")
    parser.add_argument("--concurrency", type=int, default=16, help="people at the same time")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--database-url", help="SQLAlchemy URL (default: a temporary SQLite)")
    where.add_argument("--postgres", action="store_true", help="a throw-away PostgreSQL DB")
    args = parser.parse_args()
    print(
        f"{platform.node()}: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    if args.postgres:
        with throwaway_postgres() as url:
            measure(url, args)
    elif args.database_url:
        measure(args.database_url, args)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            measure(f"sqlite+aiosqlite:///{tmp}/bench.db", args)


if __name__ == "__main__":
    main()
