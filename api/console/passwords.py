"""Changing one's own password (the auth service has no such operation yet)."""

from __future__ import annotations

from sqlalchemy import update

from api.auth.accounts import Principal, check_password_strength
from api.auth.passwords import hash_password, verify_password
from api.db.handoff_models import AuditEvent, AuthToken, User
from api.handoff.context import HandoffContext
from api.handoff.errors import AuthenticationFailed, NotFound

PASSWORD_CHANGED = "password_changed"


async def change_password(
    ctx: HandoffContext, *, actor: Principal, current: str, new: str
) -> None:
    """Check the current password, store the new one, and end the user's other sessions."""
    check_password_strength(new)
    async with ctx.db.transaction() as session:
        user = await session.get(User, actor.id)
        if user is None:
            raise NotFound("no such account")
        stored = user.password_hash
    if not await verify_password(stored, current):
        raise AuthenticationFailed("the current password is not correct")
    new_hash = await hash_password(new)
    now = ctx.now()
    async with ctx.db.transaction() as session:
        await session.execute(
            update(User).where(User.id == actor.id).values(password_hash=new_hash)
        )
        # Whoever else holds a token or session of this account loses it; this one stays.
        await session.execute(
            update(AuthToken)
            .where(
                AuthToken.user_id == actor.id,
                AuthToken.id != actor.token_id,
                AuthToken.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        session.add(
            AuditEvent(
                at=now,
                actor_id=actor.id,
                actor_kind="user",
                action=PASSWORD_CHANGED,
                subject_user_id=actor.id,
                detail={},
            )
        )
