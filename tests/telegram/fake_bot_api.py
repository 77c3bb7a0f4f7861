"""A small fake of Telegram's Bot API on 127.0.0.1, for python-telegram-bot to talk to.

It checks what the real API checks where our code could get it wrong (HTML that does not
parse, texts over 4,096 characters, callback data over 64 bytes), records every call, serves
queued updates to `getUpdates`, and can answer a method with an error once on demand.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.telegram.bot_api_rules import (
    MAX_TEXT,
    ApiError,
    check_markup,
    utf16_length,
    visible_text,
)

TOKEN = "123456:TEST-token_for-the-fake"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Pathways",
    "username": "pathways_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
JSON_FIELDS = frozenset(
    {"reply_markup", "commands", "scope", "allowed_updates", "link_preview_options", "entities"}
)
MAX_LONG_POLL = 0.5  # the real API holds getUpdates up to `timeout`; shorter keeps tests quick


@dataclass(frozen=True)
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.time)


class FakeBotAPI:
    """The fake server: start it, point `TELEGRAM_API_BASE_URL` at `base_url`, inspect `calls`."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.port = 0
        self._changed = threading.Condition()
        self._failures: dict[str, list[ApiError]] = {}
        self._updates: list[dict[str, Any]] = []
        self._message_ids = itertools.count(1000)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        """Return the value for `TELEGRAM_API_BASE_URL`."""
        return f"http://127.0.0.1:{self.port}/bot"

    # -- control from the test --------------------------------------------------------------

    def fail_next(self, method: str, status: int = 429, **extra: Any) -> None:
        """Answer the next call of `method` with an error (429 asks to retry after 1 s)."""
        if status == 429:
            extra.setdefault("parameters", {"retry_after": 1})
            error = ApiError(429, "Too Many Requests: retry after 1", **extra)
        else:
            error = ApiError(status, extra.pop("description", "Bad Request"), **extra)
        with self._changed:
            self._failures.setdefault(method, []).append(error)

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an update for `getUpdates` (polling mode)."""
        with self._changed:
            self._updates.append(update)
        if self._loop is not None and self._new_update is not None:
            self._loop.call_soon_threadsafe(self._new_update.set)

    def calls_of(self, method: str) -> list[Call]:
        """Return the calls of one method so far."""
        with self._changed:
            return [call for call in self.calls if call.method == method]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        *,
        timeout: float = 15.0,
        where: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Wait until `method` was called `count` times (matching `where`); return those calls."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [
                    c for c in self.calls if c.method == method and (where is None or where(c))
                ]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"{method} x{count} not seen in {timeout}s; saw {seen}")
                self._changed.wait(remaining)

    def reset(self) -> None:
        """Forget the calls recorded so far."""
        with self._changed:
            self.calls.clear()

    # -- the server --------------------------------------------------------------------------

    def stats(self, method: str) -> dict[str, Any]:
        """Return how often `method` was called, per chat, and when last (for other processes)."""
        calls = self.calls_of(method)
        chats: dict[str, int] = {}
        for call in calls:
            chat = str(call.params.get("chat_id"))
            chats[chat] = chats.get(chat, 0) + 1
        return {
            "count": len(calls),
            "chats": chats,
            "first_at": calls[0].at if calls else None,
            "last_at": calls[-1].at if calls else None,
            "total": len(self.calls),
        }

    def start(self, port: int = 0) -> FakeBotAPI:
        """Serve on `port` (a random one by default) in a background thread."""
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready, port), daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fake Bot API did not start")
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._loop is None or self._runner is None:
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def _serve(self, ready: threading.Event, port: int) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._new_update = asyncio.Event()
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/_stats/{method}", self._stats)
        self._runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        loop.run_until_complete(site.start())
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        ready.set()
        loop.run_forever()
        loop.close()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await _params(request)
        with self._changed:
            self.calls.append(Call(method, params))
            failures = self._failures.get(method)
            failure = failures.pop(0) if failures else None
            self._changed.notify_all()
        try:
            if failure is not None:
                raise failure
            result = await self._answer(method, params)
        except ApiError as err:
            return web.json_response(err.body, status=err.status)
        return web.json_response({"ok": True, "result": result})

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats(request.match_info["method"]))

    async def _answer(self, method: str, params: dict[str, Any]) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        return await handler(params)

    # -- Bot API methods ---------------------------------------------------------------------

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return BOT_USER

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        text = str(params.get("text", ""))
        shown = visible_text(text, params.get("parse_mode"))
        if not shown.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_length(shown) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        check_markup(params.get("reply_markup"))
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": BOT_USER,
            "text": shown,
        }

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        check_markup(params.get("reply_markup"))
        return {
            "message_id": int(params["message_id"]),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "text": "(edited)",
        }

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        for command in params.get("commands", []):
            if not 1 <= len(command["description"]) <= 256:
                raise ApiError(400, "Bad Request: command description is invalid")
        return True

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), MAX_LONG_POLL)
        deadline = time.monotonic() + wait
        assert self._new_update is not None
        while True:
            with self._changed:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = list(self._updates)
            remaining = deadline - time.monotonic()
            if ready or remaining <= 0:
                return ready
            self._new_update.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), timeout=remaining)


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        data = await request.json()
        return dict(data) if isinstance(data, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = value if isinstance(value, str) else ""
        params[key] = json.loads(text) if key in JSON_FIELDS else text
    return params


@contextmanager
def fake_bot_api() -> Iterator[FakeBotAPI]:
    """Run a fake Bot API for the duration of a `with` block."""
    fake = FakeBotAPI().start()
    try:
        yield fake
    finally:
        fake.stop()


def main() -> None:
    """Run the fake on a port until interrupted (the benchmark runs it in its own process)."""
    import argparse

    parser = argparse.ArgumentParser(description="a fake Telegram Bot API on 127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    fake = FakeBotAPI().start(args.port)
    print(f"fake Bot API at {fake.base_url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
