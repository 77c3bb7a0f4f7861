"""Accounts: creating users, signing in and out, and who is behind a token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from api.auth import tokens
from api.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from api.db.handoff_models import User
from api.handoff import audit
from api.handoff.context import HandoffContext
from api.handoff.errors import AuthenticationFailed, Conflict, InvalidInput

ROLES = ("admin", "editor", "volunteer")
# Volunteers in these states may not sign in; their tokens are revoked when they get there.
LOCKED_OUT = ("suspended", "rejected")


@dataclass(frozen=True)
class Principal:
    """The signed-in user of a request."""

    id: int
    email: str
    name: str
    role: str
    volunteer_status: str | None
    token_id: int
    via: str

    @property
    def is_admin(self) -> bool:
        """Tell whether the user is an admin."""
        return self.role == "admin"

    @property
    def is_active_volunteer(self) -> bool:
        """Tell whether the user is a vetted volunteer allowed to work on cases."""
        return self.role == "volunteer" and self.volunteer_status == "active"


@dataclass(frozen=True)
class Login:
    """A fresh token and whom it belongs to."""

    secret: str
    expires_at: datetime
    user: User


def normalize_email(email: str) -> str:
    """Return the e-mail address as stored (trimmed, lower-case)."""
    return email.strip().lower()


def check_password_strength(password: str) -> None:
    """Refuse passwords that are too short."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"password must have at least {MIN_PASSWORD_LENGTH} characters")


async def new_user(*, email: str, name: str, role: str, password: str, now: datetime) -> User:
    """Build a User row with a hashed password (not yet added to a session)."""
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}")
    check_password_strength(password)
    return User(
        email=normalize_email(email),
        name=name.strip(),
        role=role,
        password_hash=await hash_password(password),
        created_at=now,
    )


async def create_user(
    ctx: HandoffContext,
    *,
    email: str,
    name: str,
    role: str,
    password: str,
    actor_id: int | None = None,
) -> User:
    """Create an admin, editor or volunteer account (volunteers normally self-register)."""
    now = ctx.now()
    user = await new_user(email=email, name=name, role=role, password=password, now=now)
    try:
        async with ctx.db.transaction() as session:
            session.add(user)
            await session.flush()
            audit.record(
                session,
                action=audit.Action.USER_CREATED,
                at=now,
                actor_id=actor_id,
                actor_kind="system",
                subject_user_id=user.id,
                detail={"role": role},
            )
    except IntegrityError as err:
        raise Conflict("an account with this e-mail address exists") from err
    return user


async def list_users(ctx: HandoffContext, *, role: str | None = None) -> list[User]:
    """Return accounts, optionally of one role, oldest first."""
    async with ctx.db.transaction() as session:
        query = select(User).order_by(User.id)
        if role:
            query = query.where(User.role == role)
        return list(await session.scalars(query))


async def login(ctx: HandoffContext, *, email: str, password: str, kind: str) -> Login:
    """Check the password and issue a bearer token or a console session."""
    async with ctx.db.transaction() as session:
        user = await session.scalar(
            select(User).where(func.lower(User.email) == normalize_email(email))
        )
    if not await verify_password(user.password_hash if user else None, password):
        raise AuthenticationFailed("incorrect e-mail or password")
    assert user is not None
    if user.volunteer is not None and user.volunteer.status in LOCKED_OUT:
        raise AuthenticationFailed(f"this volunteer account is {user.volunteer.status}")
    hours = (
        ctx.settings.session_hours if kind == tokens.SESSION else ctx.settings.access_token_hours
    )
    now = ctx.now()
    async with ctx.db.transaction() as session:
        secret, expires_at = await tokens.issue_token(
            session, user_id=user.id, kind=kind, ttl=timedelta(hours=hours), now=now
        )
        if needs_rehash(user.password_hash):
            fresh = await session.get(User, user.id)
            if fresh is not None:
                fresh.password_hash = await hash_password(password)
    return Login(secret=secret, expires_at=expires_at, user=user)


async def principal_for(ctx: HandoffContext, *, secret: str, kind: str) -> Principal | None:
    """Return who holds this token or session, or None when it is unknown or no longer valid."""
    async with ctx.db.transaction() as session:
        found = await tokens.resolve_token(session, secret, kind=kind, now=ctx.now())
    if found is None:
        return None
    token, user = found
    status = user.volunteer.status if user.volunteer is not None else None
    if status in LOCKED_OUT:
        return None
    return Principal(
        id=user.id,
        email=user.email,
        name=user.name,
        role=user.role,
        volunteer_status=status,
        token_id=token.id,
        via=kind,
    )


async def logout(ctx: HandoffContext, *, principal: Principal) -> None:
    """Revoke the token or session the request came with."""
    async with ctx.db.transaction() as session:
        await tokens.revoke_token(session, principal.token_id, now=ctx.now())
