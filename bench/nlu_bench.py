"""NLU benchmark: in-process parse latency, and parses per second over HTTP.

    .venv/bin/python bench/nlu_bench.py                # in-process only
    .venv/bin/python bench/nlu_bench.py --spawn        # + HTTP, local NLU-only server
    .venv/bin/python bench/nlu_bench.py --url http://127.0.0.1:8000   # + `pathways serve`
    .venv/bin/python bench/nlu_bench.py --no-train     # skip training time and memory

Speed bars (issue 11): in-process parse p50 <= 3 ms and p99 <= 15 ms, training <= 60 s,
RSS growth from the NLU <= 150 MB; each line says whether its bar holds.

Messages are drawn (seeded) from the training data in every language, so the mix of
scripts and lengths is the real one.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlu.pipeline import BuiltinPipeline, create_builtin  # noqa: E402
from nlu.training_data import load_training_data  # noqa: E402


def faq_documents() -> list[Any]:
    """Return the published FAQ entries of content/, as the server indexes them."""
    from bot.knowledge import load_knowledge

    return list(load_knowledge(ROOT / "content").faq_documents())


def messages(count: int, seed: int = 7) -> list[str]:
    """Return `count` training texts in every language, drawn with a fixed seed."""
    texts = [example.text for example in load_training_data()]
    rng = random.Random(seed)
    return [rng.choice(texts) for _ in range(count)]


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def in_process(pipeline: BuiltinPipeline, texts: list[str]) -> dict[str, float]:
    """Time one synchronous parse per message (after a warm-up)."""
    for text in texts[:200]:
        pipeline.parse(text)
    timings: list[float] = []
    started = time.perf_counter()
    for text in texts:
        begin = time.perf_counter_ns()
        pipeline.parse(text)
        timings.append((time.perf_counter_ns() - begin) / 1e6)
    elapsed = time.perf_counter() - started
    return _summary(timings, len(texts) / elapsed)


async def over_http(url: str, texts: list[str], concurrency: int) -> dict[str, float]:
    """POST every message to /v1/nlu/parse with `concurrency` requests in flight (aiohttp)."""
    import aiohttp  # a dev dependency; httpx's pool costs more than the server here

    queue: asyncio.Queue[str] = asyncio.Queue()
    for text in texts:
        queue.put_nowait(text)
    timings: list[float] = []
    failures = 0
    endpoint = url.rstrip("/") + "/v1/nlu/parse"

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal failures
        while not queue.empty():
            text = queue.get_nowait()
            begin = time.perf_counter_ns()
            async with session.post(endpoint, json={"text": text}) as response:
                await response.read()
                failures += response.status != 200
            timings.append((time.perf_counter_ns() - begin) / 1e6)

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        for text in texts[:50]:
            async with session.post(endpoint, json={"text": text}) as response:
                await response.read()
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    summary = _summary(timings, len(texts) / elapsed)
    summary["failures"] = float(failures)
    return summary


def _summary(timings: list[float], rate: float) -> dict[str, float]:
    """Return p50/p90/p99/max latency in ms and the rate."""
    return {
        "p50": statistics.median(timings),
        "p90": percentile(timings, 0.90),
        "p99": percentile(timings, 0.99),
        "max": max(timings),
        "rate": rate,
    }


def minimal_app() -> Any:
    """Build an app with only the NLU route (for --spawn; no database needed)."""
    from fastapi import FastAPI

    from api.routes import nlu

    app = FastAPI()
    app.include_router(nlu.router)
    app.state.nlu = create_builtin(faq_documents=faq_documents())
    return app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def spawn_server() -> tuple[subprocess.Popen[bytes], str]:
    """Start the NLU-only app under uvicorn in a child process and wait until it answers."""
    port = _free_port()
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "nlu_bench:minimal_app",
        "--app-dir", str(Path(__file__).resolve().parent), "--host", "127.0.0.1",
        "--port", str(port), "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.post(url + "/v1/nlu/parse", json={"text": "hi"}, timeout=2)
            return process, url
        except httpx.TransportError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the benchmark server did not start")


def _cpu() -> str:
    """Return the CPU model and core count."""
    model = platform.processor() or "cpu"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model}, {os.cpu_count()} cores"


def _row(name: str, figures: dict[str, float]) -> str:
    return (
        f"{name:<24} {figures['p50']:>8.2f} {figures['p90']:>8.2f} {figures['p99']:>8.2f}"
        f" {figures['max']:>8.2f} {figures['rate']:>10.0f}"
    )


def _ok(held: bool) -> str:
    return "holds" if held else "MISSED"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000, help="messages per run")
    parser.add_argument("--url", help="server to POST /v1/nlu/parse to")
    parser.add_argument("--spawn", action="store_true", help="start a local NLU-only server")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--no-train", action="store_true", help="skip training time and memory growth"
    )
    args = parser.parse_args(argv)

    texts = messages(args.count)
    pipeline = create_builtin(faq_documents=faq_documents())
    print(f"NLU benchmark, {date.today()}, {platform.node()}, {_cpu()}")
    print(
        f"python {platform.python_version()}, {len(texts)} mixed-language messages, "
        f"{len(pipeline.faq_index)} FAQ entries"
    )
    print(f"{'':<24} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} {'parses/s':>10}")
    parse = in_process(pipeline, texts)
    print(_row("in-process parse", parse))
    print(f"  bar p50 <= 3 ms: {_ok(parse['p50'] <= 3)}, p99 <= 15 ms: {_ok(parse['p99'] <= 15)}")
    if not args.no_train:
        from nlu_compare import builtin_rss_mb, builtin_training_seconds

        seconds = builtin_training_seconds()
        print(f"training from scratch    {seconds:>8.1f} s   (bar <= 60 s: {_ok(seconds <= 60)})")
        growth = builtin_rss_mb()
        if growth is not None:
            print(
                f"RSS growth from the NLU  {growth:>8.0f} MB  "
                f"(bar <= 150 MB: {_ok(growth <= 150)})"
            )

    process = None
    url = args.url
    if args.spawn and not url:
        process, url = spawn_server()
    try:
        if url:
            figures = asyncio.run(over_http(url, texts, args.concurrency))
            print(_row(f"HTTP x{args.concurrency}", figures))
            if figures["failures"]:
                print(f"  {int(figures['failures'])} request(s) failed")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
