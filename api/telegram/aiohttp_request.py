"""python-telegram-bot's HTTP layer on aiohttp: about four times less CPU per call than httpx.

Measured on this project's machines (bench/telegram_bench.py): ~0.3 ms of CPU per Bot API call
instead of ~1.2 ms with PTB's default `HTTPXRequest`, the largest cost of a reply.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_CONNECT = 5.0
DEFAULT_READ = 5.0
DEFAULT_POOL = 1.0
_NOT_GIVEN = type(BaseRequest.DEFAULT_NONE)  # PTB's marker class for "use the default"


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` over one aiohttp session with a bounded connection pool."""

    def __init__(
        self,
        *,
        connections: int = 32,
        read_timeout: float = DEFAULT_READ,
        connect_timeout: float = DEFAULT_CONNECT,
        pool_timeout: float = DEFAULT_POOL,
    ) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """Return the default read timeout (PTB adds it to long-polling timeouts)."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the session (again, after a shutdown)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request and return the status code and body."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        read = _value(read_timeout, self._read_timeout)
        connect = _value(connect_timeout, self._connect_timeout)
        pool = _value(pool_timeout, self._pool_timeout)
        # aiohttp's `connect` covers waiting for a pooled connection and opening a new one.
        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=None if connect is None or pool is None else connect + pool,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from err


def _value(given: Any, default: float | None) -> float | None:
    """Return a timeout argument, PTB's "not given" replaced by the default."""
    if isinstance(given, _NOT_GIVEN):
        return default
    return None if given is None else float(given)


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Return form fields, or a multipart form when files are attached."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not request_data.contains_files:
        return fields
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, part in request_data.multipart_data.items():
        filename, content, mimetype = part
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
