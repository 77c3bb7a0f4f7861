"""Saved replies per language: written by admins, used by volunteers."""

from __future__ import annotations

from sqlalchemy import select

from api.db.handoff_models import SavedReply
from api.handoff import audit
from api.handoff.audit import Action
from api.handoff.context import HandoffContext
from api.handoff.errors import NotFound
from api.handoff.schemas import SavedReplyIn, SavedReplyOut


async def list_replies(ctx: HandoffContext, *, language: str | None = None) -> list[SavedReplyOut]:
    """Return saved replies, optionally in one language, by title."""
    async with ctx.db.transaction() as session:
        query = select(SavedReply).order_by(SavedReply.language, SavedReply.title, SavedReply.id)
        if language:
            query = query.where(SavedReply.language == language)
        return [SavedReplyOut.model_validate(r) for r in await session.scalars(query)]


async def save(
    ctx: HandoffContext, *, actor_id: int, data: SavedReplyIn, reply_id: int | None = None
) -> SavedReplyOut:
    """Create a saved reply, or replace one."""
    now = ctx.now()
    async with ctx.db.transaction() as session:
        if reply_id is None:
            row = SavedReply(created_by=actor_id, updated_at=now, **data.model_dump())
            session.add(row)
        else:
            found = await session.get(SavedReply, reply_id)
            if found is None:
                raise NotFound("no such saved reply")
            row = found
            for name, value in data.model_dump().items():
                setattr(row, name, value)
            row.updated_at = now
        await session.flush()
        audit.record(
            session,
            action=Action.SAVED_REPLY_CHANGED,
            at=now,
            actor_id=actor_id,
            detail={"id": row.id, "change": "create" if reply_id is None else "update"},
        )
        return SavedReplyOut.model_validate(row)


async def remove(ctx: HandoffContext, *, actor_id: int, reply_id: int) -> None:
    """Delete a saved reply."""
    async with ctx.db.transaction() as session:
        row = await session.get(SavedReply, reply_id)
        if row is None:
            raise NotFound("no such saved reply")
        await session.delete(row)
        audit.record(
            session,
            action=Action.SAVED_REPLY_CHANGED,
            at=ctx.now(),
            actor_id=actor_id,
            detail={"id": reply_id, "change": "delete"},
        )
