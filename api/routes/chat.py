"""The web chat: `POST /v1/chat`, its history and later messages, and the page at `/chat`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from api.runtime import Runtime
from api.stores.transcripts import load_history
from api.stores.web_outbox import WEB_CHANNEL, fetch_web_messages
from bot.engine import Engine
from bot.i18n import Translator, choose_language
from bot.messages import MAX_PAYLOAD_BYTES, IncomingMessage
from bot.sanitize import replace_surrogates

router = APIRouter(tags=["web chat"])

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
USER_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
MAX_TEXT_CHARS = 20_000  # longer is refused (422); above 2,000 the bot asks to shorten
ASSETS = {"chat.js": "text/javascript", "chat.css": "text/css"}
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
_templates = Environment(
    loader=FileSystemLoader(WEB_DIR), autoescape=select_autoescape(["html"]), auto_reload=False
)


class ChatRequest(BaseModel):
    """A message from the web chat: free text or the payload of a pressed button."""

    model_config = ConfigDict(extra="forbid")

    user_id: str = Field(pattern=USER_ID_PATTERN, description="1-64 of A-Z a-z 0-9 _ -")
    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    payload: str | None = Field(default=None, min_length=1, max_length=MAX_PAYLOAD_BYTES)
    lang: str | None = Field(default=None, max_length=64, description="browser language")

    @model_validator(mode="after")
    def _text_or_payload(self) -> ChatRequest:
        if (self.text is None) == (self.payload is None):
            raise ValueError("give either 'text' or 'payload'")
        if self.text is not None and not self.text.strip():
            raise ValueError("'text' must not be empty")
        return self


def _error(status: int, detail: Any) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


def _problems(err: ValidationError) -> list[dict[str, Any]]:
    # Leave out the offending input: it may hold characters a JSON response cannot carry.
    return [
        {"loc": list(e["loc"]), "msg": e["msg"].removeprefix("Value error, ")}
        for e in err.errors(include_url=False, include_input=False)
    ]


def _engine(request: Request) -> Engine:
    engine: Engine | None = getattr(request.app.state, "engine", None)
    if engine is None:
        raise HTTPException(status_code=503, detail="the chat is not ready yet")
    return engine


def _runtime(request: Request) -> Runtime:
    runtime: Runtime | None = getattr(request.app.state, "runtime", None)
    if runtime is None:
        raise HTTPException(status_code=503, detail="the chat is not ready yet")
    return runtime


@router.post(
    "/v1/chat",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ChatRequest.model_json_schema()}},
        }
    },
)
async def chat(request: Request) -> JSONResponse:
    """Handle one message and return the bot's replies."""
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as err:
        return _error(400, f"the body must be a JSON object ({type(err).__name__})")
    if not isinstance(data, dict):
        return _error(400, "the body must be a JSON object")
    if isinstance(data.get("text"), str):
        # Half an emoji (a client cut the text) should not cost the person their message.
        data["text"] = replace_surrogates(data["text"])
    try:
        body = ChatRequest.model_validate(data)
    except ValidationError as err:
        return _error(422, _problems(err))
    replies = await _engine(request).handle(
        IncomingMessage(
            channel=WEB_CHANNEL,
            user_id=body.user_id,
            text=body.text,
            payload=body.payload,
            language_hint=body.lang,
        )
    )
    return JSONResponse({"messages": [reply.to_dict() for reply in replies]})


@router.get("/v1/chat/{user_id}/messages")
async def later_messages(
    request: Request,
    user_id: Annotated[str, PathParam(pattern=USER_ID_PATTERN)],
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
) -> dict[str, Any]:
    """Return the messages delivered after `after` (e.g. a volunteer's replies)."""
    messages, cursor = await fetch_web_messages(_runtime(request).db, user_id, after)
    return {"messages": [m.to_dict() for m in messages], "cursor": cursor}


@router.get("/v1/chat/{user_id}/history")
async def history(
    request: Request,
    user_id: Annotated[str, PathParam(pattern=USER_ID_PATTERN)],
    messages: bool = True,
) -> dict[str, Any]:
    """Return the conversation so far (after a reload), which buttons still count, the case."""
    return await load_history(
        _runtime(request).db, channel=WEB_CHANNEL, user_id=user_id, messages=messages
    )


def _page_language(request: Request) -> str:
    accept = request.headers.get("accept-language", "")
    first = re.split(r"[,;]", accept, maxsplit=1)[0]
    return choose_language(stored=request.query_params.get("lang"), hint=first)


@router.get("/chat", response_class=HTMLResponse)
async def page(request: Request) -> HTMLResponse:
    """Serve the web chat page, its labels in the browser's language."""
    tr = Translator(_page_language(request))
    labels = {
        "title": tr._("Pathways chat"),
        "log": tr._("Conversation"),
        "input": tr._("Your message"),
        "placeholder": tr._("Write your question…"),
        "send": tr._("Send"),
        "choices": tr._("Choices"),
        "source": tr._("Open the source"),
        "error": tr._("The message could not be sent. Please try again."),
        "answered": tr._("Already answered"),
        "case": tr._("Your case reference: {reference}"),
        "leave": tr._("End the conversation with the volunteer"),
        "urgent": tr._("Urgent help"),
        "urgent_text": tr._("I need urgent help"),
        "menu": tr._("Menu"),
        "too_long": tr._("{count} of {limit} characters"),
    }
    html = _templates.get_template("chat.html").render(
        lang=tr.lang, dir=tr.direction, labels=labels, max_chars=MAX_TEXT_CHARS
    )
    return HTMLResponse(html, headers=PAGE_HEADERS)


@router.get("/chat/assets/{name}")
async def asset(name: str) -> FileResponse:
    """Serve the page's script and style sheet."""
    if name not in ASSETS:
        raise HTTPException(status_code=404, detail="not found")
    return FileResponse(WEB_DIR / name, media_type=ASSETS[name])
