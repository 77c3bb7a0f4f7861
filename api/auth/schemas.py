"""The shapes the account routes read and return."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from api.handoff.schemas import Email, InputModel, Name, Password, Role, RowModel, VolunteerStatus


class TokenOut(BaseModel):
    """An OAuth2 bearer token."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds")


class LoginIn(InputModel):
    """E-mail and password, for a console session."""

    email: Email
    password: Annotated[str, Field(min_length=1, max_length=256)]


class UserOut(RowModel):
    """An account."""

    id: int
    email: str
    name: str
    role: Role
    volunteer_status: VolunteerStatus | None = None
    created_at: datetime | None = None


class SessionOut(BaseModel):
    """A console session: who signed in and the token to echo in `X-CSRF-Token`."""

    user: UserOut
    csrf_token: str
    expires_at: datetime


class UserIn(InputModel):
    """An admin or editor account created by an admin."""

    email: Email
    name: Name
    role: Literal["admin", "editor"]
    password: Password
