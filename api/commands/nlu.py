"""`pathways nlu ...`: parse messages, evaluate on labelled rows, rebuild the model."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from api.settings import get_settings
from bot.knowledge import load_knowledge
from nlu import LANGUAGES, TOPIC_INTENTS, NLUError, NLUPipeline, create_pipeline
from nlu.evaluation import evaluate, format_report, read_rows
from nlu.faq_index import FaqSettings
from nlu.model_store import default_cache_dir, load_models
from nlu.pipeline import create_builtin
from nlu.training_data import load_training_data
from nlu.tuning import faq_leave_one_out, faq_threshold_table


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `nlu` commands."""
    nlu = subparsers.add_parser("nlu", help="language understanding")
    sub = nlu.add_subparsers(dest="nlu_command", required=True, metavar="ACTION")

    parse = sub.add_parser("parse", help="stdin lines -> one JSON parse per line")
    parse.add_argument("--jsonl", action="store_true", help='read {"text", "lang"?} objects')
    parse.add_argument("--lang", choices=LANGUAGES, help="language to assume (no detection)")
    parse.set_defaults(func=_parse)

    run_eval = sub.add_parser("eval", help="score labelled rows (dev.jsonl shape)")
    run_eval.add_argument("file", type=Path, help="JSON lines: text, lang, intent[, country, faq]")
    run_eval.add_argument("--json", action="store_true", help="print the report as JSON")
    run_eval.add_argument(
        "--min-accuracy", type=float, default=None, help="exit 1 below this intent accuracy"
    )
    run_eval.set_defaults(func=_eval)

    train = sub.add_parser("train", help="retrain the builtin model now (ignore the cache)")
    train.set_defaults(func=_train)

    tune = sub.add_parser("tune-faq", help="leave-one-out FAQ retrieval figures per threshold")
    tune.set_defaults(func=_tune_faq)

    for command in (parse, run_eval, train, tune):
        command.add_argument("--data-dir", type=Path, default=None, help="training data")
        command.add_argument("--cache-dir", type=Path, default=None, help="model cache")
    for command in (parse, run_eval, tune):
        command.add_argument("--content", type=Path, default=None, help="content directory")


def _pipeline(args: argparse.Namespace) -> NLUPipeline:
    """Build the configured pipeline over the content's FAQ entries."""
    settings = get_settings()
    content = args.content or settings.content_dir
    return create_pipeline(
        backend=settings.nlu_backend,
        rasa_url=settings.rasa_url,
        faq_documents=load_knowledge(Path(content)).faq_documents(),
        data_dir=args.data_dir,
        cache_dir=args.cache_dir,
    )


def _requests(args: argparse.Namespace) -> Iterator[tuple[str | None, str | None, str]]:
    """Yield (text, lang, error) for each input line; error is "" when the line is usable."""
    for number, line in enumerate(sys.stdin, start=1):
        line = line.rstrip("\r\n")
        if not args.jsonl:
            yield line, args.lang, ""
            continue
        if not line.strip():
            continue
        try:
            item: Any = json.loads(line)
        except json.JSONDecodeError as err:
            yield None, None, f"line {number}: not JSON ({err.msg})"
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            yield None, None, f'line {number}: expected an object with a "text" string'
            continue
        yield item["text"], item.get("lang") or args.lang, ""


def _parse(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)

    async def run() -> int:
        failures = 0
        for text, lang, error in _requests(args):
            if not error and text is not None:
                try:
                    analysis = await pipeline.analyse(text, lang=lang)
                except NLUError as err:
                    error = str(err)
                else:
                    print(json.dumps(analysis.to_rasa(), ensure_ascii=False), flush=True)
                    continue
            failures += 1
            print(json.dumps({"error": error}, ensure_ascii=False), flush=True)
        return 1 if failures else 0

    return asyncio.run(run())


def _eval(args: argparse.Namespace) -> int:
    try:
        rows = read_rows(args.file)
    except (OSError, NLUError) as err:
        print(f"nlu eval: {err}", file=sys.stderr)
        return 2
    pipeline = _pipeline(args)
    try:
        report = asyncio.run(evaluate(pipeline, rows))
    except NLUError as err:
        print(f"nlu eval: {err}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"{args.file}: {len(rows)} rows")
        print(format_report(report))
    accuracy = report.intent.value or 0.0
    if args.min_accuracy is not None and accuracy < args.min_accuracy:
        print(f"intent accuracy {accuracy:.3f} < {args.min_accuracy}", file=sys.stderr)
        return 1
    return 0


def _train(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    models = load_models(args.data_dir, args.cache_dir, force=True)
    elapsed = time.perf_counter() - started
    cache = args.cache_dir or default_cache_dir()
    print(
        f"trained on {models.examples} examples in {elapsed:.1f} s (cache {cache}, {models.key})"
    )
    return 0


def _tune_faq(args: argparse.Namespace) -> int:
    content = Path(args.content or get_settings().content_dir)
    docs = load_knowledge(content).faq_documents()
    pipeline = create_builtin(data_dir=args.data_dir, cache_dir=args.cache_dir)
    negatives = [
        e.text
        for e in load_training_data(args.data_dir)
        if e.intent not in TOPIC_INTENTS and e.intent != "emergency"
    ]
    results = faq_leave_one_out(pipeline, docs, negatives)
    phrasings = len(results) - len(negatives)
    print(f"{len(docs)} entries, {phrasings} phrasings, {len(negatives)} negatives")
    print(f"current threshold {FaqSettings().threshold}")
    for line in faq_threshold_table(results, [x / 20 for x in range(4, 15)]):
        print(line)
    return 0
