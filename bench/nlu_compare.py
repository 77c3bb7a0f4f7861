"""Built-in NLU against Rasa 3.6, side by side on the same labelled sets.

    .venv/bin/python bench/nlu_compare.py                      # default sets, Rasa if it answers
    .venv/bin/python bench/nlu_compare.py --start-rasa         # + `scripts/rasa_server.sh start`
    .venv/bin/python bench/nlu_compare.py nlu/eval/heldout.jsonl --rasa-url http://127.0.0.1:5005
    .venv/bin/python bench/nlu_compare.py --json               # machine-readable

For every set and backend: intent accuracy, the worst language, emergency recall, the
false-alarm rate, protection_risk recall and, on rows with a `faq` key, FAQ right / wrong /
abstain and false answers on `"faq": null` rows (`nlu/evaluation.py`). For every backend:
parse latency (p50/p99 over the rows, one at a time), memory (the builtin's RSS growth in a
child process; the Rasa server's RSS) and training time (the builtin trained from scratch;
Rasa's `scripts/rasa_server.sh train`, which only trains when the data changed). Rasa is
measured when a server answers at --rasa-url (or RASA_URL); without one its columns say so.
Both backends share language detection, country extraction, FAQ retrieval and the danger
net (DESIGN.md): only the intent model differs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlu.evaluation import EvalReport, evaluate, read_rows  # noqa: E402
from nlu.schema import NLUPipeline  # noqa: E402

DEFAULT_SETS = (
    ROOT / "nlu/eval/heldout.jsonl",
    ROOT / "nlu/eval/fresh.jsonl",
    ROOT / "nlu/eval/faq.jsonl",
    ROOT / "nlu/eval/own_hard.jsonl",
    ROOT / "nlu/eval/own_faq.jsonl",
    ROOT / "nlu/eval/own_final.jsonl",
    # shared/ sits beside the clone (CI) or beside the worktrees' folder
    *(base / "shared/eval/dev.jsonl" for base in (ROOT.parent, ROOT.parent.parent)),
)
# The NLU's own memory, measured in a fresh interpreter: RSS once the knowledge base is loaded
# (the server holds it anyway) and after importing the NLU (numpy, scipy, scikit-learn) and
# building the pipeline over it: what a server process grows by because of the NLU.
RSS_PROBE = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
def rss():
    for line in Path('/proc/self/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
from bot.knowledge import load_knowledge
knowledge = load_knowledge(Path(sys.argv[1]) / 'content')
before = rss()
from nlu.pipeline import create_builtin
pipeline = create_builtin(faq_documents=knowledge.faq_documents())
for text in ('hello', 'visa canada', 'they locked me in', 'malai visa chahiyo'):
    pipeline.parse(text)
print(rss() - before)
"""


def faq_documents() -> list[Any]:
    """Return the published FAQ entries of content/."""
    from bot.knowledge import load_knowledge

    return list(load_knowledge(ROOT / "content").faq_documents())


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def latency(pipeline: NLUPipeline, texts: list[str]) -> dict[str, float]:
    """Time one analysis per text, after a short warm-up."""
    for text in texts[:20]:
        await pipeline.analyse(text)
    timings: list[float] = []
    for text in texts:
        begin = time.perf_counter_ns()
        await pipeline.analyse(text)
        timings.append((time.perf_counter_ns() - begin) / 1e6)
    return {"p50": statistics.median(timings), "p99": percentile(timings, 0.99)}


def builtin_training_seconds() -> float:
    """Train the builtin models from scratch (no cache) and return the seconds it took."""
    from nlu.model_store import load_models

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        load_models(cache_dir=Path(cache), force=True)
        return time.perf_counter() - started


def builtin_rss_mb() -> float | None:
    """Return the RSS growth of a fresh interpreter that builds the builtin pipeline."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", RSS_PROBE, str(ROOT)],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
            cwd=ROOT,
        )
        return float(out.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError):
        return None


def rasa_alive(url: str) -> bool:
    """Return whether a Rasa server answers GET /status."""
    try:
        return httpx.get(url.rstrip("/") + "/status", timeout=3).status_code == 200
    except httpx.HTTPError:
        return False


def rasa_rss_mb(port: str) -> float | None:
    """Return the RSS of the Rasa server started by scripts/rasa_server.sh (from its pid file)."""
    pidfile = ROOT / ".cache" / f"rasa-server-{port}.pid"
    try:
        pid = pidfile.read_text().strip()
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def rasa_script(action: str) -> tuple[bool, float, str]:
    """Run `scripts/rasa_server.sh ACTION`; return (ok, seconds, last line of its output)."""
    started = time.perf_counter()
    done = subprocess.run(
        ["bash", str(ROOT / "scripts/rasa_server.sh"), action],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    elapsed = time.perf_counter() - started
    lines = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode == 0, elapsed, lines[-1] if lines else ""


def figures(report: EvalReport) -> dict[str, Any]:
    """Return the compared figures of one report."""
    worst = min(
        ((g.intent.value, name) for name, g in report.groups.items() if g.intent.total),
        default=(None, ""),
    )
    return {
        "rows": report.intent.total,
        "intent": report.intent.value,
        "worst_language": worst[1],
        "worst_language_intent": worst[0],
        "emergency_recall": report.emergency_recall.value,
        "false_alarms": report.false_alarms.value,
        "protection_risk_recall": report.protection_risk_recall.value,
        "faq_right": report.faq_right.value,
        "faq_wrong": report.faq_wrong.value,
        "faq_abstain": report.faq_abstain.value,
        "faq_false_answer": report.faq_false_answer.value,
    }


async def measure(name: str, pipeline: NLUPipeline, sets: list[Path]) -> dict[str, Any]:
    """Evaluate one backend on every set and time its parses."""
    results: dict[str, Any] = {"backend": name, "sets": {}}
    texts: list[str] = []
    for path in sets:
        rows = read_rows(path)
        texts += [str(r["text"]) for r in rows]
        results["sets"][path.name] = figures(await evaluate(pipeline, rows))
    results["latency_ms"] = await latency(pipeline, texts)
    return results


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def table(results: list[dict[str, Any]], system: dict[str, dict[str, Any]]) -> str:
    """Format the comparison as Markdown tables."""
    columns = [
        ("intent", "intent"),
        ("worst lang", "worst_language_intent"),
        ("emerg. recall", "emergency_recall"),
        ("false alarms", "false_alarms"),
        ("protection recall", "protection_risk_recall"),
        ("FAQ right", "faq_right"),
        ("FAQ wrong", "faq_wrong"),
        ("FAQ abstain", "faq_abstain"),
        ("FAQ false answers", "faq_false_answer"),
    ]
    lines = [
        "| set | backend | rows | " + " | ".join(c for c, _ in columns) + " |",
        "|---|---|---:|" + "---:|" * len(columns),
    ]
    names = list(results[0]["sets"]) if results else []
    for set_name in names:
        for result in results:
            row = result["sets"][set_name]
            worst = f"{_cell(row['worst_language_intent'])} ({row['worst_language']})"
            cells = [
                worst if key == "worst_language_intent" else _cell(row[key]) for _, key in columns
            ]
            lines.append(
                f"| {set_name} | {result['backend']} | {row['rows']} | " + " | ".join(cells) + " |"
            )
    lines += [
        "",
        "| backend | parse p50 ms | parse p99 ms | memory MB | training s | note |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, info in system.items():
        lines.append(
            f"| {name} | {_cell(info.get('p50'))} | {_cell(info.get('p99'))} | "
            f"{_cell(info.get('memory_mb'))} | {_cell(info.get('training_s'))} | "
            f"{info.get('note', '')} |"
        )
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure the builtin backend, and Rasa when a server answers."""
    from nlu.factory import create_pipeline

    sets = [Path(p) for p in args.sets] if args.sets else [p for p in DEFAULT_SETS if p.exists()]
    docs = faq_documents()
    system: dict[str, dict[str, Any]] = {}
    training = builtin_training_seconds()
    builtin = create_pipeline(faq_documents=docs)
    results = [await measure("builtin", builtin, sets)]
    system["builtin"] = {
        **results[0]["latency_ms"],
        "memory_mb": builtin_rss_mb(),
        "training_s": training,
        "note": "in-process; memory = RSS growth of a fresh interpreter",
    }
    url = args.rasa_url or os.environ.get("RASA_URL") or "http://127.0.0.1:5005"
    port = url.rsplit(":", 1)[-1].strip("/")
    rasa_note = ""
    rasa_training: float | None = None
    if args.start_rasa:
        ok, seconds, last = rasa_script("train")
        rasa_training = seconds if ok else None
        rasa_note = f"train step {seconds:.0f} s ({last}); "
        ok, seconds, last = rasa_script("start")
        rasa_note += f"start {seconds:.0f} s" if ok else f"start failed: {last}"
    if rasa_alive(url):
        rasa = create_pipeline(backend="rasa", rasa_url=url, faq_documents=docs)
        try:
            results.append(await measure("rasa 3.6", rasa, sets))
        finally:
            await rasa.aclose()
        system["rasa 3.6"] = {
            **results[-1]["latency_ms"],
            "memory_mb": rasa_rss_mb(port),
            "training_s": rasa_training,
            "note": (rasa_note + "; " if rasa_note else "")
            + "HTTP to rasa run; memory = server RSS",
        }
    else:
        system["rasa 3.6"] = {"note": f"no Rasa server at {url} ({rasa_note or 'not started'})"}
    return {"results": results, "system": system}


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="JSON-lines sets (default: nlu/eval + dev)")
    parser.add_argument("--rasa-url", help="Rasa server (default RASA_URL or :5005)")
    parser.add_argument(
        "--start-rasa", action="store_true", help="run scripts/rasa_server.sh train + start first"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    outcome = asyncio.run(run(args))
    if args.json:
        print(json.dumps(outcome, indent=2))
    else:
        print(table(outcome["results"], outcome["system"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
