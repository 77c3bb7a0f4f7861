"""Opaque bearer tokens and console sessions: random secrets of which only a hash is stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.db.handoff_models import AuthToken, User

BEARER = "bearer"
SESSION = "session"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def issue_token(
    session: AsyncSession, *, user_id: int, kind: str, ttl: timedelta, now: datetime
) -> tuple[str, datetime]:
    """Store a new token for `user_id`; return its secret (shown once) and expiry."""
    secret = secrets.token_urlsafe(32)
    expires_at = now + ttl
    session.add(
        AuthToken(
            user_id=user_id,
            token_hash=_digest(secret),
            kind=kind,
            created_at=now,
            expires_at=expires_at,
        )
    )
    await session.flush()
    return secret, expires_at


async def resolve_token(
    session: AsyncSession, secret: str, *, kind: str, now: datetime
) -> tuple[AuthToken, User] | None:
    """Return the live token of that kind with its user, or None."""
    row = (
        await session.execute(
            select(AuthToken, User)
            .join(User, User.id == AuthToken.user_id)
            .where(AuthToken.token_hash == _digest(secret), AuthToken.kind == kind)
        )
    ).first()
    if row is None:
        return None
    token, user = row
    if token.revoked_at is not None or token.expires_at <= now:
        return None
    return token, user


async def revoke_token(session: AsyncSession, token_id: int, *, now: datetime) -> None:
    """Revoke one token (logout)."""
    await session.execute(
        update(AuthToken)
        .where(AuthToken.id == token_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def revoke_user_tokens(session: AsyncSession, user_id: int, *, now: datetime) -> None:
    """Revoke every token and session of a user (suspension)."""
    await session.execute(
        update(AuthToken)
        .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def csrf_token(secret_key: str, session_secret: str) -> str:
    """Derive the anti-CSRF token a console page must echo in `X-CSRF-Token`."""
    return hmac.new(secret_key.encode(), b"csrf:" + session_secret.encode(), "sha256").hexdigest()
