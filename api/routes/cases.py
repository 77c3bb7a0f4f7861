"""Cases for volunteers: the queue, claiming, replying, releasing and closing."""

from __future__ import annotations

from fastapi import APIRouter, status

from api.auth.deps import Context, RequireActiveVolunteer, RequireCaseWorker
from api.handoff import cases, claims, closing, relay, saved_replies
from api.handoff.schemas import (
    ERROR_RESPONSES,
    CaseDetail,
    CaseSummary,
    CloseIn,
    Language,
    QueueOut,
    ReplyIn,
    ReplyOut,
    SavedReplyOut,
)

router = APIRouter(tags=["cases"], responses=ERROR_RESPONSES)


@router.get("/v1/cases/queue", response_model=QueueOut)
async def queue(ctx: Context, user: RequireActiveVolunteer) -> QueueOut:
    """List the cases you may claim: your languages, urgent first, then oldest."""
    return await cases.queue(ctx, actor=user)


@router.get("/v1/cases/mine", response_model=list[CaseSummary])
async def my_cases(ctx: Context, user: RequireActiveVolunteer) -> list[CaseSummary]:
    """List the cases you hold."""
    return await cases.mine(ctx, actor=user)


@router.get("/v1/cases/{reference}", response_model=CaseDetail)
async def view_case(ctx: Context, user: RequireCaseWorker, reference: str) -> CaseDetail:
    """Show a case with the bot's answer and the messages (the view is audited)."""
    return await cases.view(ctx, actor=user, reference=reference)


@router.post("/v1/cases/{reference}/claim", response_model=CaseDetail)
async def claim(ctx: Context, user: RequireActiveVolunteer, reference: str) -> CaseDetail:
    """Claim a queued case; it returns to the queue if you do not reply within the lease."""
    return await claims.claim(ctx, actor=user, reference=reference)


@router.post("/v1/cases/{reference}/release", response_model=CaseDetail)
async def release(ctx: Context, user: RequireCaseWorker, reference: str) -> CaseDetail:
    """Give a case you hold back to the queue."""
    return await claims.release(ctx, actor=user, reference=reference)


@router.post(
    "/v1/cases/{reference}/replies", response_model=ReplyOut, status_code=status.HTTP_201_CREATED
)
async def reply(
    ctx: Context, user: RequireActiveVolunteer, reference: str, body: ReplyIn
) -> ReplyOut:
    """Reply to the person; a reply with contact details, payments or unofficial links is held."""
    return await relay.reply(ctx, actor=user, reference=reference, text=body.body)


@router.post("/v1/cases/{reference}/close", response_model=CaseDetail)
async def close(
    ctx: Context, user: RequireCaseWorker, reference: str, body: CloseIn
) -> CaseDetail:
    """Close a case with an outcome; the person is asked to rate the help."""
    return await closing.close(
        ctx, actor=user, reference=reference, outcome=body.outcome, note=body.note
    )


@router.get("/v1/saved-replies", response_model=list[SavedReplyOut])
async def list_saved_replies(
    ctx: Context, user: RequireCaseWorker, language: Language | None = None
) -> list[SavedReplyOut]:
    """List saved replies, optionally in one language."""
    return await saved_replies.list_replies(ctx, language=language)
