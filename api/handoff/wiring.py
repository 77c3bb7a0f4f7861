"""Plug the handoff service into the app: error mapping, context, dispatcher and loops."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.delivery.dispatcher import Dispatcher
from api.handoff.context import HandoffContext
from api.handoff.errors import HandoffError
from api.handoff.gateway import CaseGateway
from api.handoff.maintenance import maintenance_loop
from api.runtime import Runtime


def install_error_handler(app: FastAPI) -> None:
    """Answer the service's refusals with their status code and message."""

    async def handle(request: Request, exc: Exception) -> JSONResponse:
        code = exc.status_code if isinstance(exc, HandoffError) else 400
        headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
        return JSONResponse({"detail": str(exc)}, status_code=code, headers=headers)

    app.add_exception_handler(HandoffError, handle)


def start_handoff(app: FastAPI, runtime: Runtime) -> CaseGateway:
    """Create the service context, start the outbox dispatcher and the periodic jobs."""
    settings = runtime.settings
    ctx = HandoffContext(db=runtime.db, settings=settings, knowledge=lambda: runtime.knowledge)
    app.state.handoff = ctx
    dispatcher = Dispatcher(
        runtime.db,
        runtime.senders,
        max_attempts=settings.outbox_max_attempts,
        poll_seconds=settings.outbox_poll_seconds,
    )
    runtime.extras["dispatcher"] = dispatcher
    runtime.spawn("outbox-dispatcher", dispatcher.run_forever)
    interval = settings.maintenance_interval_seconds
    runtime.spawn("handoff-maintenance", lambda: maintenance_loop(ctx, interval=interval))
    return CaseGateway(ctx)
