"""A console user over real HTTP: follows forms the way a browser does, keeps every page."""

from __future__ import annotations

import html
import re
from typing import Any

import httpx

from tests.handoff.factories import PASSWORD

CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


class ConsoleUser:
    """A browser-like client of the console: cookies, CSRF tokens from the pages it reads."""

    def __init__(self, base_url: str, *, lang: str = "en") -> None:
        self.http = httpx.AsyncClient(
            base_url=base_url, headers={"Accept-Language": lang}, timeout=30
        )
        self.pages: dict[str, str] = {}
        self.token = ""

    async def __aenter__(self) -> ConsoleUser:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()

    async def get(self, path: str, **kw: Any) -> httpx.Response:
        """Open a page, remember its HTML and CSRF token."""
        response = await self.http.get(path, **kw)
        self._keep(path, response)
        return response

    async def post(
        self, path: str, data: dict[str, Any] | None = None, *, token: str | None = None
    ) -> httpx.Response:
        """Submit a form with the token of the last page read (or `token`)."""
        body = {"csrf_token": self.token if token is None else token, **(data or {})}
        if token == "":
            body.pop("csrf_token")
        response = await self.http.post(path, data=body)
        self._keep(path, response)
        return response

    async def sign_in(self, email: str, password: str = PASSWORD) -> httpx.Response:
        """Sign in through the form."""
        await self.get("/console/sign-in")
        response = await self.post("/console/sign-in", {"email": email, "password": password})
        assert response.status_code == 303, response.text
        await self.get("/console/account")
        return response

    def _keep(self, path: str, response: httpx.Response) -> None:
        if response.headers.get("content-type", "").startswith("text/html"):
            self.pages[f"{response.request.method} {path}"] = response.text
            found = CSRF.search(response.text)
            if found:
                self.token = html.unescape(found.group(1))


def text_of(page: str) -> str:
    """Return the visible text of a page, roughly (tags dropped, spaces collapsed)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
