"""Every handoff route, called by each role and anonymously, answers 2xx, 401 or 403 as due."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from api.app import create_app
from api.auth.accounts import create_user
from api.handoff.context import HandoffContext
from tests.handoff.factories import PASSWORD, create_admin, create_volunteer, open_case
from tests.handoff.http import login
from tests.utils.server import serve_in_thread

PUBLIC = {"POST /v1/auth/token", "POST /v1/auth/session", "POST /v1/volunteers/register"}
SIGNED_IN = {"GET /v1/auth/me", "POST /v1/auth/logout"}
VOLUNTEERS = {"GET /v1/volunteers/me", "PATCH /v1/volunteers/me"}
ACTIVE_VOLUNTEERS = {
    "GET /v1/cases/queue",
    "GET /v1/cases/mine",
    "POST /v1/cases/{reference}/claim",
    "POST /v1/cases/{reference}/replies",
}
CASE_WORKERS = {
    "GET /v1/cases/{reference}",
    "POST /v1/cases/{reference}/release",
    "POST /v1/cases/{reference}/close",
    "GET /v1/saved-replies",
}
ROLES = ("admin", "editor", "pending", "active")
ALLOWED = {
    **{route: set(ROLES) for route in SIGNED_IN},
    **{route: {"pending", "active"} for route in VOLUNTEERS},
    **{route: {"active"} for route in ACTIVE_VOLUNTEERS},
    **{route: {"active", "admin"} for route in CASE_WORKERS},
}
HANDOFF_PREFIXES = ("/v1/auth", "/v1/volunteers", "/v1/cases", "/v1/saved-replies", "/v1/admin")


def handoff_routes(app: Any) -> list[str]:
    """List the handoff routes as OpenAPI documents them (so none is undocumented)."""
    found = [
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        if path.startswith(HANDOFF_PREFIXES)
        for method in operations
    ]
    # Logging out last, or it would revoke the token the other calls use.
    return sorted(found, key=lambda r: (r == "POST /v1/auth/logout", r))


def allowed(route: str) -> set[str]:
    if route.split(" ")[1].startswith("/v1/admin"):
        return {"admin"}
    return ALLOWED[route]


async def test_role_matrix_sessions_and_concurrent_claims(
    ctx: HandoffContext, make_settings
) -> None:  # type: ignore[no-untyped-def]
    admin = await create_admin(ctx)
    editor = await create_user(
        ctx, email="editor@example.org", name="Ed", role="editor", password=PASSWORD
    )
    pending = await create_volunteer(ctx, status="pending")
    active = await create_volunteer(ctx, admin=admin)
    target = await create_volunteer(ctx, status="pending")
    team = [await create_volunteer(ctx, admin=admin) for _ in range(4)]
    reference, _ = await open_case(ctx)
    contested = [(await open_case(ctx))[0] for _ in range(2)]
    values = {
        "{reference}": reference,
        "{user_id}": str(target.id),
        "{decision}": "reject",
        "{message_id}": "999999",
        "{reply_id}": "999999",
    }
    app = create_app(make_settings(ctx.db.url))
    with serve_in_thread(app) as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            headers = {
                "admin": await login(client, admin.email),
                "editor": await login(client, editor.email),
                "pending": await login(client, pending.email),
                "active": await login(client, active.email),
            }
            routes = handoff_routes(app)
            assert set(routes) - PUBLIC == set(ALLOWED) | {
                r for r in routes if r.split(" ")[1].startswith("/v1/admin")
            }
            seen: list[tuple[str, str, int]] = []
            for route in routes:
                if route in PUBLIC:
                    continue
                method, path = route.split(" ")
                for key, value in values.items():
                    path = path.replace(key, value)
                body = {} if method in ("POST", "PUT", "PATCH") else None
                anonymous = await client.request(method, path, json=body)
                seen.append((route, "anonymous", anonymous.status_code))
                for role in ROLES:
                    response = await client.request(method, path, json=body, headers=headers[role])
                    seen.append((route, role, response.status_code))
            wrong = [
                (route, who, code)
                for route, who, code in seen
                if not _expected(code, who, allowed(route), route)
            ]
            assert wrong == []

            await _console_session(client, active.email)
            tokens = [await login(client, v.email) for v in team]
            await _concurrent_claims(client, tokens, contested)


def _expected(code: int, who: str, roles: set[str], route: str) -> bool:
    if who == "anonymous":
        return code == 401
    if who not in roles:
        return code == 403
    if route.startswith("GET"):
        return 200 <= code < 300
    # An empty body is refused after authorization (422), or the action runs (2xx),
    # or the state does not allow it (404, 409): never 401, 403 or 5xx.
    return code in (200, 201, 204, 404, 409, 422)


async def _console_session(client: httpx.AsyncClient, email: str) -> None:
    login = await client.post("/v1/auth/session", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200
    csrf = login.json()["csrf_token"]
    assert "httponly" in login.headers["set-cookie"].lower()
    assert (await client.get("/v1/auth/me")).json()["email"] == email
    change = {"available": False}
    assert (await client.patch("/v1/volunteers/me", json=change)).status_code == 403
    ok = await client.patch("/v1/volunteers/me", json=change, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200 and ok.json()["available"] is False
    out = await client.post("/v1/auth/logout", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204
    assert (await client.get("/v1/auth/me")).status_code == 401
    bad = await client.post("/v1/auth/token", data={"username": email, "password": "wrong pass"})
    assert bad.status_code == 401


async def _concurrent_claims(
    client: httpx.AsyncClient, tokens: list[dict[str, str]], references: list[str]
) -> None:
    for reference in references:
        codes = await asyncio.gather(
            *(client.post(f"/v1/cases/{reference}/claim", headers=t) for t in tokens)
        )
        assert sorted(r.status_code for r in codes) == [200] + [409] * (len(tokens) - 1)
