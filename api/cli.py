"""The `pathways` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from importlib import import_module

# Each module adds its own sub-commands with `register(subparsers)`.
COMMAND_MODULES = (
    "api.commands.serve",
    "api.commands.db",
    "api.commands.content",
    "api.commands.nlu",
    "api.commands.chat",
    "api.commands.admin",
    "api.commands.purge",
    "api.commands.telegram",
)


def build_parser() -> argparse.ArgumentParser:
    """Assemble the parser from every command module."""
    parser = argparse.ArgumentParser(
        prog="pathways", description="Pathways: trusted migration information chatbot."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command and return its exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # One INFO line per HTTP request (Rasa, Telegram) drowns what the commands print.
    logging.getLogger("httpx").setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    code = args.func(args)
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
