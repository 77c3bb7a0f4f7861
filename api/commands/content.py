"""`pathways content ...`: lint, stats, import and export of the knowledge base."""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import date
from pathlib import Path

from api.content_store import import_knowledge, load_knowledge_from_db
from api.db.migrate import upgrade
from api.db.session import Database
from api.settings import get_settings
from bot.knowledge import load_knowledge
from bot.knowledge.lint import lint_content
from bot.knowledge.yaml_io import write_content


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `content` commands."""
    content = subparsers.add_parser("content", help="the curated knowledge base")
    sub = content.add_subparsers(dest="content_command", required=True, metavar="ACTION")
    for name, func, help_text in (
        ("lint", _lint, "validate content/ (exit 1 on errors)"),
        (
            "stats",
            _stats,
            "count entries, languages, helplines, stale entries, notices, directory",
        ),
        ("import", _import, "load content/ into the database (idempotent)"),
        ("export", _export, "write the database back to content/"),
        ("format", _format, "rewrite content/ in the canonical layout export writes"),
    ):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--dir", type=Path, default=None, help="content directory")
        cmd.set_defaults(func=func)
        if name == "stats":
            cmd.add_argument("--json", action="store_true", help="print JSON")


def _dir(args: argparse.Namespace) -> Path:
    return Path(args.dir) if args.dir else get_settings().content_dir


def _lint(args: argparse.Namespace) -> int:
    problems = lint_content(_dir(args))
    for problem in problems:
        print(problem)
    errors = sum(1 for p in problems if p.level == "error")
    warnings = len(problems) - errors
    print(f"content lint: {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def _stats(args: argparse.Namespace) -> int:
    stats = load_knowledge(_dir(args)).stats(date.today())
    if args.json:
        print(json.dumps(stats))
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return 0


def _import(args: argparse.Namespace) -> int:
    settings = get_settings()
    upgrade(settings.database_url)
    knowledge = load_knowledge(_dir(args))

    async def run() -> None:
        db = Database(settings.database_url)
        try:
            result = await import_knowledge(db, knowledge)
        finally:
            await db.dispose()
        print(
            f"imported: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.helplines} helplines, "
            f"{result.notices} notices, {result.organisations} organisations"
        )

    asyncio.run(run())
    return 0


def _export(args: argparse.Namespace) -> int:
    settings = get_settings()

    async def run() -> None:
        db = Database(settings.database_url)
        try:
            knowledge = await load_knowledge_from_db(db)
        finally:
            await db.dispose()
        changed = write_content(
            _dir(args),
            list(knowledge.entries.values()),
            knowledge.helplines,
            knowledge.notices,
            knowledge.organisations,
        )
        print(f"exported {len(knowledge.entries)} entries ({changed} file(s) changed)")

    asyncio.run(run())
    return 0


def _format(args: argparse.Namespace) -> int:
    # A hand-written file (say a new notices.yaml) then survives import and export byte for byte.
    content_dir = _dir(args)
    knowledge = load_knowledge(content_dir)
    changed = write_content(
        content_dir,
        list(knowledge.entries.values()),
        knowledge.helplines,
        knowledge.notices,
        knowledge.organisations,
    )
    print(f"content format: {changed} file(s) rewritten")
    return 0
