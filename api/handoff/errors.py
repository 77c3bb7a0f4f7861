"""One exception root for the handoff service; each failure maps to one HTTP status."""

from __future__ import annotations


class HandoffError(Exception):
    """A request the service refuses; the message is safe to show to the caller."""

    status_code = 400


class NotFound(HandoffError):
    """The case, account or message does not exist (or the caller may not know it does)."""

    status_code = 404


class Conflict(HandoffError):
    """The thing is not in a state that allows this (already claimed, closed, at capacity)."""

    status_code = 409


class PermissionDenied(HandoffError):
    """The caller is signed in but may not do this."""

    status_code = 403


class AuthenticationFailed(HandoffError):
    """Wrong e-mail or password, or an expired or revoked token."""

    status_code = 401


class InvalidInput(HandoffError):
    """The request is well-formed but its content is not acceptable."""

    status_code = 422
