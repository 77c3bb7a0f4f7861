"""Sign in and out: OAuth2 password flow for API clients, a session cookie for the console."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from api.auth import accounts
from api.auth.deps import SESSION_COOKIE, Context, CurrentUser
from api.auth.schemas import LoginIn, SessionOut, TokenOut, UserOut
from api.auth.tokens import BEARER, SESSION, csrf_token
from api.handoff.schemas import ERROR_RESPONSES

router = APIRouter(prefix="/v1/auth", tags=["auth"], responses=ERROR_RESPONSES)


def _user_out(login: accounts.Login) -> UserOut:
    user = login.user
    status_ = user.volunteer.status if user.volunteer is not None else None
    return UserOut(
        id=user.id,
        email=user.email,
        name=user.name,
        role=user.role,  # type: ignore[arg-type]
        volunteer_status=status_,  # type: ignore[arg-type]
        created_at=user.created_at,
    )


@router.post("/token", response_model=TokenOut)
async def token(ctx: Context, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> TokenOut:
    """Exchange e-mail (as `username`) and password for a bearer token."""
    login = await accounts.login(ctx, email=form.username, password=form.password, kind=BEARER)
    seconds = int((login.expires_at - ctx.now()).total_seconds())
    return TokenOut(access_token=login.secret, expires_in=seconds)


@router.post("/session", response_model=SessionOut)
async def session(ctx: Context, body: LoginIn, response: Response) -> SessionOut:
    """Start a console session: sets an HttpOnly cookie and returns the CSRF token to echo."""
    login = await accounts.login(ctx, email=body.email, password=body.password, kind=SESSION)
    response.set_cookie(
        SESSION_COOKIE,
        login.secret,
        max_age=int(ctx.settings.session_hours * 3600),
        httponly=True,
        samesite="strict",
        secure=ctx.settings.public_base_url.startswith("https://"),
        path="/",
    )
    return SessionOut(
        user=_user_out(login),
        csrf_token=csrf_token(ctx.settings.secret_key, login.secret),
        expires_at=login.expires_at,
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(ctx: Context, user: CurrentUser, response: Response) -> None:
    """Revoke the token or session used for this request."""
    await accounts.logout(ctx, principal=user)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me", response_model=UserOut)
async def me(user: CurrentUser) -> UserOut:
    """Return the signed-in user."""
    return UserOut(
        id=user.id,
        email=user.email,
        name=user.name,
        role=user.role,  # type: ignore[arg-type]
        volunteer_status=user.volunteer_status,  # type: ignore[arg-type]
    )
