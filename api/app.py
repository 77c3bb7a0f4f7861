"""The ASGI application: the composition root that wires storage, NLU, bot and channels."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from api.db.migrate import upgrade_async
from api.db.session import Database
from api.limits import BodySizeLimit
from api.routes import health
from api.runtime import Runtime
from api.settings import Settings, get_settings

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    """Build the FastAPI app for `settings` (the environment's by default)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if migrate:
            await upgrade_async(settings.database_url)
        runtime = Runtime(settings=settings, db=Database(settings.database_url))
        app.state.runtime = runtime
        await runtime.load_content()
        app.state.nlu = runtime.build_nlu()
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

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Never show a traceback to a client; the log keeps it.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    for router in _routers():
        app.include_router(router)
    return app


def _routers() -> list[APIRouter]:
    from api.routes import nlu

    return [health.router, nlu.router]
