"""The ASGI application: the composition root that wires storage, NLU, bot and channels."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.db.migrate import upgrade_async
from api.db.session import Database
from api.handoff.wiring import install_error_handler, start_handoff
from api.limits import BodySizeLimit
from api.routes import health
from api.runtime import Runtime
from api.settings import Settings, get_settings
from api.telegram import start_telegram
from bot.sanitize import replace_surrogates

log = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None, *, migrate: bool = True, telegram_polling: bool = False
) -> FastAPI:
    """Build the FastAPI app for `settings`; `telegram_polling` lets it poll (one process)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if migrate:
            await upgrade_async(settings.database_url)
        runtime = Runtime(settings=settings, db=Database(settings.database_url))
        app.state.runtime = runtime
        await runtime.load_content()
        app.state.nlu = runtime.build_nlu()
        gateway = start_handoff(app, runtime)
        app.state.engine = runtime.build_engine(handoff=gateway)
        app.state.telegram = await start_telegram(runtime, polling=telegram_polling)
        try:
            yield
        finally:
            await runtime.stop()

    app = FastAPI(
        title="Pathways",
        version="0.1.0",
        summary="Trusted pre-departure information and handoff to vetted diaspora volunteers.",
        lifespan=lifespan,
    )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    install_error_handler(app)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Errors echo the input, and "\ud800" is valid JSON but cannot be written as UTF-8:
        # without this, rejecting such a body would itself fail with a 500.
        detail = _json_safe(jsonable_encoder(exc.errors()))
        return JSONResponse({"detail": detail}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Never show a traceback to a client; the log keeps it.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    for router in _routers():
        app.include_router(router)
    return app


def _json_safe(value: Any) -> Any:
    """Return `value` with lone surrogates replaced in every string, keys included."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, dict):
        return {_json_safe(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    return value


def _routers() -> list[APIRouter]:
    from api.console import routers as console_routers
    from api.routes import admin, admin_cases, auth, cases, chat, nlu, volunteers
    from api.telegram import webhook as telegram_webhook

    return [
        health.router,
        nlu.router,
        chat.router,
        auth.router,
        volunteers.router,
        cases.router,
        admin.router,
        admin_cases.router,
        telegram_webhook.router,
        *console_routers(),
    ]
