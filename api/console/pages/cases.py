"""Volunteer pages: the queue, their cases, a case (claim, reply, release, close), settings."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from starlette.responses import Response

from api.console import forms
from api.console.deps import (
    ActiveVolunteerPage,
    AdminPage,
    CaseWorkerPage,
    ConsoleRoute,
    Form,
    VolunteerPage,
)
from api.console.page import Page
from api.handoff import cases, claims, closing, relay, saved_replies, volunteers
from api.handoff.errors import HandoffError, InvalidInput
from api.handoff.schemas import CaseDetail, CloseIn, ReplyIn, VolunteerUpdate
from bot.flows.referrals import referrals_for_case
from bot.i18n import Translator

router = APIRouter(prefix="/console", route_class=ConsoleRoute, include_in_schema=False)
OUTCOMES = ("resolved", "referred", "no_response", "not_appropriate")


def case_url(reference: str) -> str:
    """Return the console address of a case."""
    return "/console/cases/" + quote(reference, safe="")


def _after_case(page: Page) -> str:
    # Once a case leaves the volunteer's hands they can no longer open it.
    return (
        "/console/admin/cases"
        if page.user is not None and page.user.is_admin
        else "/console/cases"
    )


@router.get("/queue")
async def queue(page: ActiveVolunteerPage) -> Response:
    """List the cases the volunteer may claim, urgent first."""
    assert page.user is not None
    found = await cases.queue(page.ctx, actor=page.user)
    return page.render(
        "queue.html", title=page.text._("Cases waiting"), queue=found, now=page.ctx.now()
    )


@router.get("/cases")
async def my_cases(page: ActiveVolunteerPage) -> Response:
    """List the cases the volunteer holds."""
    assert page.user is not None
    held = await cases.mine(page.ctx, actor=page.user)
    return page.render(
        "my_cases.html", title=page.text._("Your cases"), cases=held, now=page.ctx.now()
    )


@router.get("/cases/{reference}")
async def case_page(
    page: CaseWorkerPage, reference: str, saved: str = "", referral: str = ""
) -> Response:
    """Show a case: the conversation, what the bot answered, and what the viewer may do."""
    assert page.user is not None
    detail = await cases.view(page.ctx, actor=page.user, reference=reference)
    return await _case(page, detail, saved=saved, referral=referral)


@router.post("/cases/{reference}/messages/{message_id}/reveal")
async def reveal(page: AdminPage, form: Form, reference: str, message_id: int) -> Response:
    """Show an admin one message of the person with its contact details (audited)."""
    assert page.user is not None
    try:
        shown = await cases.reveal_message(
            page.ctx, actor=page.user, reference=reference, message_id=message_id
        )
    except HandoffError as err:
        return page.redirect(case_url(reference), error=err)
    detail = await cases.view(page.ctx, actor=page.user, reference=reference)
    return await _case(page, detail, revealed={shown.id: shown.body})


async def _case(
    page: Page,
    detail: CaseDetail,
    *,
    saved: str = "",
    referral: str = "",
    revealed: dict[int, str] | None = None,
) -> Response:
    assert page.user is not None
    replies = await saved_replies.list_replies(page.ctx, language=detail.language)
    mine = detail.status == "claimed" and detail.assignee_id == page.user.id
    # Organisations of the directory that serve the case's countries, in the person's language.
    referrals = referrals_for_case(
        page.ctx.knowledge().published_organisations(),
        countries=[
            *([detail.location] if detail.location else []),
            *detail.countries,
            *([detail.origin_country] if detail.origin_country else []),
        ],
        topic=detail.topic,
        tr=Translator(detail.language),
    )
    return page.render(
        "case.html",
        title=page.text._("Case {reference}").format(reference=detail.reference),
        case=detail,
        mine=mine,
        saved_replies=replies,
        referrals=referrals,
        draft=next((r.body for r in replies if str(r.id) == saved), "")
        or next((text for ref_id, text in referrals if ref_id == referral), ""),
        person_dir="rtl" if detail.language == "ar" else "auto",
        outcomes=OUTCOMES,
        revealed=revealed or {},
        now=page.ctx.now(),
    )


@router.post("/cases/{reference}/claim")
async def claim(page: ActiveVolunteerPage, form: Form, reference: str) -> Response:
    """Claim a queued case."""
    assert page.user is not None
    try:
        detail = await claims.claim(page.ctx, actor=page.user, reference=reference)
    except HandoffError as err:
        return page.redirect("/console/queue", error=err)
    return page.redirect(
        case_url(detail.reference), notice="claimed", args={"reference": detail.reference}
    )


@router.post("/cases/{reference}/reply")
async def reply(page: ActiveVolunteerPage, form: Form, reference: str) -> Response:
    """Send a reply to the person, or have it held for review."""
    assert page.user is not None
    body, _errors = forms.validate(ReplyIn, {"body": forms.text(form, "body", 10_000)})
    if body is None:
        problem = InvalidInput("the reply must have 1 to 3,500 characters")
        return page.redirect(case_url(reference), error=problem)
    try:
        sent = await relay.reply(page.ctx, actor=page.user, reference=reference, text=body.body)
    except HandoffError as err:
        return page.redirect(case_url(reference), error=err)
    if sent.held:
        return page.redirect(
            case_url(reference), notice="held", args={"reasons": sent.message.hold_reasons}
        )
    return page.redirect(case_url(reference), notice="replied", args={"reference": reference})


@router.post("/cases/{reference}/release")
async def release(page: CaseWorkerPage, form: Form, reference: str) -> Response:
    """Give the case back to the queue."""
    assert page.user is not None
    try:
        detail = await claims.release(page.ctx, actor=page.user, reference=reference)
    except HandoffError as err:
        return page.redirect(case_url(reference), error=err)
    target = "/console/admin/cases" if page.user.is_admin else "/console/queue"
    return page.redirect(target, notice="released", args={"reference": detail.reference})


@router.post("/cases/{reference}/close")
async def close(page: CaseWorkerPage, form: Form, reference: str) -> Response:
    """Close the case with an outcome."""
    assert page.user is not None
    data, _errors = forms.validate(
        CloseIn, {"outcome": forms.text(form, "outcome", 40), "note": forms.text(form, "note")}
    )
    if data is None:
        return page.redirect(case_url(reference), error=InvalidInput("choose an outcome"))
    try:
        detail = await closing.close(
            page.ctx, actor=page.user, reference=reference, outcome=data.outcome, note=data.note
        )
    except HandoffError as err:
        return page.redirect(case_url(reference), error=err)
    return page.redirect(_after_case(page), notice="closed", args={"reference": detail.reference})


@router.get("/settings")
async def settings_form(page: VolunteerPage) -> Response:
    """Show availability and capacity."""
    assert page.user is not None
    profile = await volunteers.get(page.ctx, page.user.id)
    return page.render(
        "settings.html", title=page.text._("Availability"), profile=profile, errors={}
    )


@router.post("/settings")
async def save_settings(page: VolunteerPage, form: Form) -> Response:
    """Change availability and the number of cases the volunteer can hold at once."""
    assert page.user is not None
    raw = forms.text(form, "max_open_cases", 10)
    changes, errors = forms.validate(
        VolunteerUpdate,
        {"available": forms.checked(form, "available"), "max_open_cases": raw or None},
    )
    if changes is None:
        profile = await volunteers.get(page.ctx, page.user.id)
        return page.render(
            "settings.html",
            status_code=422,
            title=page.text._("Availability"),
            profile=profile,
            errors=errors,
        )
    await volunteers.update(page.ctx, actor_id=page.user.id, user_id=page.user.id, changes=changes)
    return page.redirect("/console/settings", notice="settings_saved")
