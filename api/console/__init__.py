"""The web console of volunteers and admins: server-rendered pages over the handoff service."""

from __future__ import annotations

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    """Return the console's routers, to include in the app."""
    from api.console.pages import account, admin, cases, oversight

    return [account.router, cases.router, admin.router, oversight.router]


__all__ = ["routers"]
