"""Console sessions and CSRF tokens, on top of the auth service's session tokens."""

from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from api.auth.deps import SESSION_COOKIE
from api.auth.tokens import csrf_token
from api.settings import Settings

CSRF_FIELD = "csrf_token"
# Before sign-in there is no session: forms are tied to this random cookie instead.
ANON_COOKIE = "pathways_console_csrf"
COOKIE_PATH = "/"


def is_secure(request: Request, settings: Settings) -> bool:
    """Tell whether cookies must be marked Secure (served over https)."""
    return request.url.scheme == "https" or settings.public_base_url.startswith("https://")


def set_session_cookie(
    response: Response, request: Request, settings: Settings, secret: str
) -> None:
    """Store the session secret in an HttpOnly, SameSite=Strict cookie."""
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=is_secure(request, settings),
        path=COOKIE_PATH,
    )


def clear_session_cookie(response: Response, request: Request, settings: Settings) -> None:
    """Remove the session cookie from the browser."""
    response.delete_cookie(
        SESSION_COOKIE,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=is_secure(request, settings),
    )


def new_anonymous_secret() -> str:
    """Return a fresh secret for the pre-sign-in CSRF cookie."""
    return secrets.token_urlsafe(32)


def expected_token(settings: Settings, *, session: str | None, anonymous: str | None) -> str:
    """Return the CSRF token forms must carry: tied to the session, or before it the cookie."""
    if session:
        return csrf_token(settings.secret_key, session)
    if anonymous:
        return csrf_token(settings.secret_key, "anonymous:" + anonymous)
    return ""


def token_matches(form: FormData, expected: str) -> bool:
    """Tell whether the form carries the expected CSRF token (compared in constant time)."""
    sent = form.get(CSRF_FIELD)
    return bool(expected) and isinstance(sent, str) and hmac.compare_digest(sent, expected)
