"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.runtime import Runtime

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Answer while the process is up."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request) -> JSONResponse:
    """Answer 200 when the database is reachable and content is loaded, else 503."""
    runtime: Runtime = request.app.state.runtime
    database = await runtime.db.ping()
    content = runtime.content_loaded
    ready = database and content
    body = {
        "status": "ok" if ready else "unavailable",
        "database": database,
        "content": content,
        "entries": len(runtime.knowledge.entries),
    }
    return JSONResponse(body, status_code=200 if ready else 503)
