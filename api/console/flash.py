"""One-time notices carried across a redirect in a signed cookie (only keys, never free text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer

from api.handoff.errors import Conflict, HandoffError, InvalidInput, NotFound, PermissionDenied
from bot.i18n import N_

FLASH_COOKIE = "pathways_console_flash"

NOTICES: dict[str, str] = {
    "signed_out": N_("You are signed out."),
    "registered": N_(
        "Thank you for applying. An admin will review your application; you can sign in "
        "to see its status."
    ),
    "password_changed": N_("Your password is changed. Your other sessions were signed out."),
    "claimed": N_("You claimed case {reference}. Please reply before the claim runs out."),
    "replied": N_("Your reply to case {reference} is on its way to the person."),
    "held": N_(
        "Your reply is held for review by an admin because {reasons}. It is sent to the "
        "person only if an admin approves it."
    ),
    "released": N_("Case {reference} is back in the queue."),
    "closed": N_("Case {reference} is closed. The person is asked to rate the help."),
    "settings_saved": N_("Your settings are saved."),
    "volunteer_decided": N_("The decision about {name} is recorded."),
    "hold_approved": N_("The reply is approved and sent to the person."),
    "hold_rejected": N_("The reply is rejected; the volunteer sees your note."),
    "policy_saved": N_("The settings are saved."),
    "purged": N_("Closed cases deleted: {count} (retention period in days: {days})."),
}
# Notices the user must not miss (shown as a warning, announced at once).
WARNINGS = frozenset({"held"})
# The service's refusals, by kind; its own (English) explanation is shown after it.
FAILURES: list[tuple[type[HandoffError], str]] = [
    (NotFound, N_("This no longer exists, or you cannot see it.")),
    (Conflict, N_("That could not be done: the situation has changed.")),
    (PermissionDenied, N_("You are not allowed to do this.")),
    (InvalidInput, N_("Please check what you entered.")),
    (HandoffError, N_("That could not be done.")),
]


@dataclass(frozen=True)
class Flash:
    """A notice to show once: a success (`notice`) or a refusal (`error`)."""

    kind: str
    key: str
    args: dict[str, Any] = field(default_factory=dict)
    detail: str = ""

    @property
    def message(self) -> str:
        """The message id of the notice."""
        if self.kind == "error":
            return dict((cls.__name__, text) for cls, text in FAILURES).get(
                self.key, FAILURES[-1][1]
            )
        return NOTICES[self.key]


def kind_of(notice: str) -> str:
    """Return how a notice is shown: "warning" or "notice"."""
    return "warning" if notice in WARNINGS else "notice"


def notify(notice: str, args: dict[str, Any] | None = None) -> Flash:
    """Describe a success (or a warning) to show after the redirect."""
    return Flash(kind_of(notice), notice, args or {})


def failure(err: HandoffError) -> Flash:
    """Describe a refusal of the service."""
    for cls, _text in FAILURES:
        if isinstance(err, cls):
            return Flash("error", cls.__name__, detail=str(err))
    return Flash("error", "HandoffError", detail=str(err))  # pragma: no cover - FAILURES ends so


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="pathways-console-flash")


def dump(flash: Flash, secret_key: str) -> str:
    """Sign a notice for the cookie."""
    return str(
        _serializer(secret_key).dumps(
            {"k": flash.kind, "m": flash.key, "a": flash.args, "d": flash.detail}
        )
    )


def load(value: str | None, secret_key: str) -> Flash | None:
    """Read a notice from the cookie; None when absent, forged or unknown."""
    if not value:
        return None
    try:
        data = _serializer(secret_key).loads(value)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("a"), dict):
        return None
    flash = Flash(str(data.get("k")), str(data.get("m")), data["a"], str(data.get("d") or ""))
    known = flash.kind == "error" or (flash.kind == kind_of(flash.key) and flash.key in NOTICES)
    return flash if known else None
