"""Read console forms into the service's schemas; explain mistakes per field, translated."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from api.auth.passwords import MIN_PASSWORD_LENGTH
from bot.i18n import N_

Model = TypeVar("Model", bound=BaseModel)

FIELD_ERRORS = {
    "name": N_("Enter your name (at most 120 characters)."),
    "email": N_("Enter a valid e-mail address."),
    "password": N_("The password needs at least {count} characters."),
    "new_password": N_("The password needs at least {count} characters."),
    "languages": N_("Choose at least one language."),
    "destination_countries": N_("Choose countries from the list."),
    "origin_countries": N_("Choose countries from the list."),
    "bio": N_("Write at most 1,000 characters."),
    "accepts_code_of_conduct": N_("You must accept the code of conduct to volunteer."),
    "max_open_cases": N_("Enter a number from 0 to 20."),
    "retention_days": N_("Enter a number of days from 1 to 3,650."),
    "lease_minutes": N_("Enter a number of minutes above 0 (at most one day)."),
    "sla_minutes": N_("Enter a number of minutes above 0."),
    "sla_urgent_minutes": N_("Enter a number of minutes above 0."),
    "reopen_hours": N_("Enter a number of hours from 0 to 2,160."),
}
INVALID = N_("Please check this field.")
EMAIL_TAKEN = N_("An account with this e-mail address already exists.")
PASSWORDS_DIFFER = N_("The two new passwords are not the same.")
WRONG_PASSWORD = N_("The current password is not correct.")


class FormErrors(dict[str, str]):
    """Message ids of the mistakes, by field name."""

    def add(self, field: str) -> None:
        """Record a mistake in `field`."""
        self.setdefault(field, FIELD_ERRORS.get(field, INVALID))


def field_format_args() -> dict[str, Any]:
    """The values the field messages refer to."""
    return {"count": MIN_PASSWORD_LENGTH}


def text(form: FormData, name: str, limit: int = 4000) -> str:
    """Return a text field, trimmed and cut at `limit` characters ('' when absent)."""
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def secret(form: FormData, name: str) -> str:
    """Return a password field as typed (not trimmed)."""
    value = form.get(name)
    return value[:256] if isinstance(value, str) else ""


def choices(form: FormData, name: str, limit: int = 60) -> list[str]:
    """Return the chosen values of a multiple choice."""
    return [v for v in form.getlist(name) if isinstance(v, str) and v][:limit]


def checked(form: FormData, name: str) -> bool:
    """Tell whether a checkbox is ticked."""
    return form.get(name) in ("on", "true", "1", "yes")


def validate(model: type[Model], data: dict[str, Any]) -> tuple[Model | None, FormErrors]:
    """Build `model` from `data`, or return the fields in error."""
    errors = FormErrors()
    try:
        return model.model_validate(data), errors
    except ValidationError as err:
        for problem in err.errors(include_url=False, include_input=False):
            loc = problem["loc"]
            errors.add(str(loc[0]) if loc else "form")
        return None, errors
