"""Admin work on cases: every case, overdue ones, candidates, held replies and saved replies."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, status

from api.auth.deps import Context, RequireAdmin
from api.handoff import cases, claims, relay, saved_replies, sla
from api.handoff.schemas import (
    ERROR_RESPONSES,
    CandidateOut,
    CaseMessageOut,
    CaseSummary,
    HoldOut,
    ReviewIn,
    SavedReplyIn,
    SavedReplyOut,
)

router = APIRouter(prefix="/v1/admin", tags=["admin"], responses=ERROR_RESPONSES)


@router.get("/cases", response_model=list[CaseSummary])
async def list_cases(
    ctx: Context, admin: RequireAdmin, status: Literal["open", "claimed", "closed"] | None = None
) -> list[CaseSummary]:
    """List cases (live ones by default), urgent first, then oldest."""
    return await cases.list_all(ctx, status=status)


@router.get("/cases/overdue", response_model=list[CaseSummary])
async def overdue_cases(ctx: Context, admin: RequireAdmin) -> list[CaseSummary]:
    """List queued cases nobody claimed within their SLA."""
    return await sla.overdue(ctx)


@router.get("/cases/{reference}/candidates", response_model=list[CandidateOut])
async def candidates(ctx: Context, admin: RequireAdmin, reference: str) -> list[CandidateOut]:
    """Rank the volunteers who could take a case: country knowledge, load, time since last."""
    return await claims.candidates_for(ctx, actor=admin, reference=reference)


@router.post("/cases/{reference}/messages/{message_id}/reveal", response_model=CaseMessageOut)
async def reveal_message(
    ctx: Context, admin: RequireAdmin, reference: str, message_id: int
) -> CaseMessageOut:
    """Show one message of the person with the contact details they typed (audited)."""
    return await cases.reveal_message(ctx, actor=admin, reference=reference, message_id=message_id)


@router.get("/holds", response_model=list[HoldOut])
async def list_holds(ctx: Context, admin: RequireAdmin) -> list[HoldOut]:
    """List volunteer replies held for review."""
    return await relay.holds(ctx)


@router.post("/holds/{message_id}/{decision}", response_model=CaseMessageOut)
async def review_hold(
    ctx: Context,
    admin: RequireAdmin,
    message_id: int,
    decision: Literal["approve", "reject"],
    body: ReviewIn,
) -> CaseMessageOut:
    """Approve a held reply (it is relayed) or reject it (the volunteer sees your note)."""
    return await relay.review(
        ctx, actor=admin, message_id=message_id, approve=decision == "approve", note=body.note
    )


@router.post("/saved-replies", response_model=SavedReplyOut, status_code=status.HTTP_201_CREATED)
async def create_saved_reply(
    ctx: Context, admin: RequireAdmin, body: SavedReplyIn
) -> SavedReplyOut:
    """Add a saved reply."""
    return await saved_replies.save(ctx, actor_id=admin.id, data=body)


@router.put("/saved-replies/{reply_id}", response_model=SavedReplyOut)
async def replace_saved_reply(
    ctx: Context, admin: RequireAdmin, reply_id: int, body: SavedReplyIn
) -> SavedReplyOut:
    """Replace a saved reply."""
    return await saved_replies.save(ctx, actor_id=admin.id, data=body, reply_id=reply_id)


@router.delete("/saved-replies/{reply_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_saved_reply(ctx: Context, admin: RequireAdmin, reply_id: int) -> None:
    """Delete a saved reply."""
    await saved_replies.remove(ctx, actor_id=admin.id, reply_id=reply_id)
