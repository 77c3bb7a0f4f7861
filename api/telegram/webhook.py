"""`POST /telegram/webhook`: check the secret, drop redeliveries, queue the update, answer fast."""

from __future__ import annotations

import hmac
import json
import logging

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy.exc import SQLAlchemyError

from api.telegram.service import WEBHOOK_PATH, TelegramService

log = logging.getLogger(__name__)

router = APIRouter(tags=["telegram"])
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@router.post(
    WEBHOOK_PATH,
    status_code=200,
    summary="Receive an update from Telegram (webhook mode)",
    responses={400: {}, 403: {}, 404: {}, 503: {}},
)
async def telegram_webhook(request: Request) -> Response:
    """Receive one update from Telegram."""
    service: TelegramService | None = getattr(request.app.state, "telegram", None)
    expected = service.settings.telegram_webhook_secret if service is not None else None
    if service is None or service.mode != "webhook" or not expected:
        raise HTTPException(404, "the Telegram webhook is not enabled")
    received = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(received.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(403, "wrong or missing secret token")
    if not service.ready:
        # Telegram redelivers later; nothing is lost.
        raise HTTPException(503, "the Telegram channel is starting")
    try:
        data = json.loads(await request.body())
    except (ValueError, RecursionError) as err:  # not UTF-8, not JSON, or nested absurdly
        raise HTTPException(400, "the body is not JSON") from err
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        raise HTTPException(400, "not a Telegram update (no integer update_id)")
    try:
        update = service.parse(data)
    except Exception as err:  # de_json raises whatever a malformed field provokes
        log.warning("malformed Telegram update %s: %s", update_id, type(err).__name__)
        raise HTTPException(400, "malformed Telegram update") from err
    try:
        await service.accept(update)
    except SQLAlchemyError as err:
        log.error("cannot record Telegram update %s: %s", update_id, type(err).__name__)
        raise HTTPException(503, "storage unavailable; retry later") from err
    return Response(status_code=200)
