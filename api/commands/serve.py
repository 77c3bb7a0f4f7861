"""`pathways serve`: migrate, seed and run the whole system."""

from __future__ import annotations

import argparse

from api.db.migrate import upgrade
from api.settings import get_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `serve` command."""
    serve = subparsers.add_parser("serve", help="run the API, web chat and channels")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app

    settings = get_settings()
    upgrade(settings.database_url)
    # One process: it may poll Telegram when no webhook secret is set (webhook mode otherwise).
    app = create_app(settings, migrate=False, telegram_polling=True)
    uvicorn.run(app, host=args.host, port=args.port, proxy_headers=True, log_level="info")
    return 0
