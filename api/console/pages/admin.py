"""Admin pages: overview, vetting, volunteers (suspend, reinstate) and held replies."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from starlette.responses import Response

from api.console import forms
from api.console.deps import AdminPage, ConsoleRoute, Form
from api.console.page import safe_next
from api.handoff import cases, relay, sla, volunteers
from api.handoff.errors import HandoffError
from api.handoff.schemas import VolunteerStatus

router = APIRouter(prefix="/console/admin", route_class=ConsoleRoute, include_in_schema=False)
Decision = Literal["approve", "reject", "suspend", "reinstate"]
VOLUNTEER_FILTERS = ("pending", "active", "suspended", "rejected")


@router.get("")
async def overview(page: AdminPage) -> Response:
    """Show what needs an admin: applications, held replies, waiting and overdue cases."""
    pending = await volunteers.list_volunteers(page.ctx, status="pending")
    holds = await relay.holds(page.ctx)
    waiting = await cases.list_all(page.ctx, status="open")
    overdue = await sla.overdue(page.ctx)
    counts = {
        "pending": len(pending),
        "holds": len(holds),
        "waiting": len(waiting),
        "overdue": len(overdue),
    }
    return page.render("admin/overview.html", title=page.text._("Overview"), counts=counts)


@router.get("/vetting")
async def vetting(page: AdminPage) -> Response:
    """List the volunteers waiting to be vetted, oldest application first."""
    pending = await volunteers.list_volunteers(page.ctx, status="pending")
    return page.render(
        "admin/vetting.html", title=page.text._("Applications to vet"), volunteers=pending
    )


@router.get("/volunteers")
async def volunteer_list(page: AdminPage, status: str = "") -> Response:
    """List volunteers, optionally in one state."""
    chosen: VolunteerStatus | None = status if status in VOLUNTEER_FILTERS else None  # type: ignore[assignment]
    found = await volunteers.list_volunteers(page.ctx, status=chosen)
    return page.render(
        "admin/volunteers.html",
        title=page.text._("Volunteers"),
        volunteers=found,
        status=chosen or "",
        filters=VOLUNTEER_FILTERS,
    )


@router.post("/volunteers/{user_id}/{decision}")
async def decide(page: AdminPage, form: Form, user_id: int, decision: Decision) -> Response:
    """Approve or reject an application, suspend a volunteer or reinstate one."""
    assert page.user is not None
    back = safe_next(forms.text(form, "back", 200), "/console/admin/volunteers")
    try:
        out = await volunteers.decide(
            page.ctx,
            actor_id=page.user.id,
            user_id=user_id,
            decision=decision,
            notes=forms.text(form, "notes", 2000),
        )
    except HandoffError as err:
        return page.redirect(back, error=err)
    return page.redirect(back, notice="volunteer_decided", args={"name": out.name})


@router.get("/holds")
async def holds(page: AdminPage) -> Response:
    """List the volunteer replies held for review, with the reasons."""
    held = await relay.holds(page.ctx)
    names = {v.id: v.name for v in await volunteers.list_volunteers(page.ctx)}
    return page.render(
        "admin/holds.html", title=page.text._("Held replies"), holds=held, names=names
    )


@router.post("/holds/{message_id}/{decision}")
async def review(
    page: AdminPage, form: Form, message_id: int, decision: Literal["approve", "reject"]
) -> Response:
    """Approve a held reply (it is sent) or reject it with a note for the volunteer."""
    assert page.user is not None
    try:
        await relay.review(
            page.ctx,
            actor=page.user,
            message_id=message_id,
            approve=decision == "approve",
            note=forms.text(form, "note", 2000),
        )
    except HandoffError as err:
        return page.redirect("/console/admin/holds", error=err)
    notice = "hold_approved" if decision == "approve" else "hold_rejected"
    return page.redirect("/console/admin/holds", notice=notice)
