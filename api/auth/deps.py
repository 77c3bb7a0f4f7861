"""Authentication and authorization, declared once as FastAPI dependencies.

A request is authenticated by an `Authorization: Bearer` token (API clients) or by the
console's session cookie; a cookie-authenticated request that changes something must also
carry the session's `X-CSRF-Token`. Roles are checked here and nowhere else.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer

from api.auth.accounts import Principal, principal_for
from api.auth.tokens import BEARER, SESSION, csrf_token
from api.handoff.context import HandoffContext

SESSION_COOKIE = "pathways_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/v1/auth/token", auto_error=False)


def get_context(request: Request) -> HandoffContext:
    """Return the handoff service context of the running app."""
    ctx: HandoffContext = request.app.state.handoff
    return ctx


Context = Annotated[HandoffContext, Depends(get_context)]


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


def _forbidden(detail: str) -> HTTPException:
    return HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail=detail)


async def current_user(
    request: Request, ctx: Context, bearer: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    """Return the signed-in user from a bearer token or the session cookie, else 401."""
    if bearer:
        principal = await principal_for(ctx, secret=bearer, kind=BEARER)
        if principal is None:
            raise _unauthorized("invalid or expired token")
        return principal
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise _unauthorized("not signed in")
    principal = await principal_for(ctx, secret=cookie, kind=SESSION)
    if principal is None:
        raise _unauthorized("session expired")
    if request.method not in SAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent, csrf_token(ctx.settings.secret_key, cookie)):
            raise _forbidden(f"missing or wrong {CSRF_HEADER} header")
    return principal


CurrentUser = Annotated[Principal, Depends(current_user)]


async def _admin(user: CurrentUser) -> Principal:
    if not user.is_admin:
        raise _forbidden("admins only")
    return user


async def _editor(user: CurrentUser) -> Principal:
    if user.role not in ("admin", "editor"):
        raise _forbidden("editors and admins only")
    return user


async def _volunteer(user: CurrentUser) -> Principal:
    if user.role != "volunteer":
        raise _forbidden("volunteers only")
    return user


async def _active_volunteer(user: CurrentUser) -> Principal:
    if not user.is_active_volunteer:
        raise _forbidden("only active, vetted volunteers can work on cases")
    return user


async def _case_worker(user: CurrentUser) -> Principal:
    if not (user.is_admin or user.is_active_volunteer):
        raise _forbidden("only active, vetted volunteers and admins can work on cases")
    return user


RequireAdmin = Annotated[Principal, Depends(_admin)]
RequireEditor = Annotated[Principal, Depends(_editor)]
RequireVolunteer = Annotated[Principal, Depends(_volunteer)]
RequireActiveVolunteer = Annotated[Principal, Depends(_active_volunteer)]
RequireCaseWorker = Annotated[Principal, Depends(_case_worker)]
