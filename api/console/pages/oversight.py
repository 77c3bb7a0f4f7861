"""Admin oversight: unclaimed and overdue cases, the audit log, retention and timings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from api.auth import accounts
from api.console import forms
from api.console.deps import AdminPage, ConsoleRoute, Form
from api.console.page import Page
from api.console.passwords import PASSWORD_CHANGED
from api.handoff import audit, cases, policy, retention, sla
from api.handoff.errors import HandoffError
from api.handoff.policy import HandoffPolicy
from api.handoff.schemas import PolicyUpdate

router = APIRouter(prefix="/console/admin", route_class=ConsoleRoute, include_in_schema=False)
CASE_FILTERS = ("open", "claimed", "closed")
AUDIT_ACTIONS = sorted([*(str(a) for a in audit.Action), PASSWORD_CHANGED])
AUDIT_PAGE = 100
POLICY_FIELDS = (
    "retention_days",
    "lease_minutes",
    "sla_minutes",
    "sla_urgent_minutes",
    "reopen_hours",
)


@router.get("/cases")
async def case_list(page: AdminPage, status: str = "open") -> Response:
    """Show the overdue cases, then the cases in one state (waiting ones by default)."""
    chosen = status if status in CASE_FILTERS else "open"
    return page.render(
        "admin/cases.html",
        title=page.text._("Cases"),
        overdue=await sla.overdue(page.ctx),
        cases=await cases.list_all(page.ctx, status=chosen),
        status=chosen,
        filters=CASE_FILTERS,
        now=page.ctx.now(),
    )


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


@router.get("/audit")
async def audit_log(
    page: AdminPage,
    action: str = "",
    case: str = "",
    actor: str = "",
    since: str = "",
    until: str = "",
    before: str = "",
) -> Response:
    """Search the audit log, newest first, a page at a time."""
    first, last = _day(since), _day(until)
    filters: dict[str, Any] = {
        "action": action if action in AUDIT_ACTIONS else None,
        "case_reference": case.strip().upper()[:12] or None,
        "actor_id": _int(actor),
        "since": datetime.combine(first, time(), UTC) if first else None,
        "until": datetime.combine(last, time(), UTC) + timedelta(days=1) if last else None,
        "before_id": _int(before),
    }
    events = await audit.search(page.ctx, limit=AUDIT_PAGE, **filters)
    users = {u.id: u.name for u in await accounts.list_users(page.ctx)}
    query = {
        "action": filters["action"] or "",
        "case": filters["case_reference"] or "",
        "actor": str(filters["actor_id"] or ""),
        "since": first.isoformat() if first else "",
        "until": last.isoformat() if last else "",
    }
    older = events[-1].id if len(events) == AUDIT_PAGE else None
    return page.render(
        "admin/audit.html",
        title=page.text._("Audit log"),
        events=events,
        users=users,
        actions=AUDIT_ACTIONS,
        query=query,
        older=older,
    )


def _settings_page(
    page: Page, current: HandoffPolicy, errors: dict[str, str], *, status_code: int = 200
) -> Response:
    return page.render(
        "admin/settings.html",
        status_code=status_code,
        title=page.text._("Retention and timings"),
        policy=current,
        fields=POLICY_FIELDS,
        errors=errors,
    )


@router.get("/settings")
async def settings_form(page: AdminPage) -> Response:
    """Show the retention period and the handoff timings in force."""
    return _settings_page(page, await policy.current_policy(page.ctx), {})


@router.post("/settings")
async def save_settings(page: AdminPage, form: Form) -> Response:
    """Change the retention period and timings (each change is audited)."""
    assert page.user is not None
    current = await policy.current_policy(page.ctx)
    values = {name: forms.text(form, name, 20) or None for name in POLICY_FIELDS}
    update, errors = forms.validate(PolicyUpdate, values)
    if update is not None:
        merged = {**current.model_dump(), **update.model_dump(exclude_none=True)}
        _checked, errors = forms.validate(HandoffPolicy, merged)
    if update is None or errors:
        return _settings_page(page, current, errors, status_code=422)
    changes = {
        k: v for k, v in update.model_dump(exclude_none=True).items() if getattr(current, k) != v
    }
    if changes:
        try:
            await policy.change_policy(page.ctx, actor_id=page.user.id, changes=changes)
        except HandoffError as err:
            return page.redirect("/console/admin/settings", error=err)
    return page.redirect("/console/admin/settings", notice="policy_saved")


@router.post("/purge")
async def purge(page: AdminPage, form: Form) -> Response:
    """Delete the closed cases older than the retention period now."""
    deleted, days = await retention.purge(page.ctx)
    return page.redirect(
        "/console/admin/settings", notice="purged", args={"count": deleted, "days": days}
    )
