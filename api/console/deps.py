"""Console dependencies: the page, the signed-in roles and CSRF-checked forms, declared once.

Refusals are raised as `ConsoleRefusal` and answered as HTML by `ConsoleRoute`, so a browser
never sees a JSON error.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from starlette.datastructures import FormData
from starlette.responses import Response

from api.console.page import Page, current_page, safe_next
from api.console.security import token_matches
from api.handoff.errors import HandoffError, NotFound
from bot.i18n import N_

MAX_FORM_FIELDS = 200


class ConsoleRefusal(Exception):
    """A request the console answers with an error page (or a redirect to sign in)."""

    def __init__(self, page: Page, status: int, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.page = page
        self.status = status
        self.message = message
        self.detail = detail

    def response(self) -> Response:
        """Answer with the error page."""
        return self.page.render(
            "error.html",
            status_code=self.status,
            title=self.page.text._(self.message),
            detail=self.detail,
        )


class SignInRequired(ConsoleRefusal):
    """Nobody (or an expired session) is signed in."""

    def response(self) -> Response:
        """Send the browser to the sign-in page, then back here."""
        here = safe_next(self.page.request.url.path)
        target = "/console/sign-in" + (f"?next={quote(here)}" if here != "/console/" else "")
        return self.page.redirect(target)


class ConsoleRoute(APIRoute):
    """A route whose refusals, and the service's, become HTML pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap the handler to turn refusals into pages."""
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except ConsoleRefusal as refusal:
                return refusal.response()
            except HandoffError as err:
                # A page that reads something the viewer may not see (any write catches its own).
                page = await current_page(request)
                status = 404 if isinstance(err, NotFound) else err.status_code
                message = N_("Not found") if status == 404 else N_("That could not be done.")
                return ConsoleRefusal(page, status, message, str(err)).response()

        return guarded


AnyPage = Annotated[Page, Depends(current_page)]


async def _signed_in(page: AnyPage) -> Page:
    if page.user is None:
        raise SignInRequired(page, 401, N_("Please sign in."))
    return page


SignedIn = Annotated[Page, Depends(_signed_in)]


def _forbidden(page: Page, message: str) -> ConsoleRefusal:
    return ConsoleRefusal(page, 403, message)


async def _admin(page: SignedIn) -> Page:
    if page.user is None or not page.user.is_admin:
        raise _forbidden(page, N_("This page is for admins."))
    return page


async def _volunteer(page: SignedIn) -> Page:
    if page.user is None or page.user.role != "volunteer":
        raise _forbidden(page, N_("This page is for volunteers."))
    return page


async def _active_volunteer(page: SignedIn) -> Page:
    if page.user is None or not page.user.is_active_volunteer:
        raise _forbidden(page, N_("Only vetted, active volunteers can work on cases."))
    return page


async def _case_worker(page: SignedIn) -> Page:
    if page.user is None or not (page.user.is_admin or page.user.is_active_volunteer):
        raise _forbidden(page, N_("Only vetted, active volunteers and admins can see cases."))
    return page


AdminPage = Annotated[Page, Depends(_admin)]
VolunteerPage = Annotated[Page, Depends(_volunteer)]
ActiveVolunteerPage = Annotated[Page, Depends(_active_volunteer)]
CaseWorkerPage = Annotated[Page, Depends(_case_worker)]


async def checked_form(request: Request, page: AnyPage) -> FormData:
    """Read the posted form, refusing it (403) unless it carries the CSRF token."""
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    if not token_matches(form, page.csrf):
        raise ConsoleRefusal(
            page,
            403,
            N_("This form has expired or did not come from this site."),
            "",
        )
    return form


Form = Annotated[FormData, Depends(checked_form)]
