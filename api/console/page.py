"""One console request: who is signed in, the language, the CSRF token, and the response."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from api.auth.accounts import Principal, principal_for
from api.auth.deps import SESSION_COOKIE, get_context
from api.auth.tokens import SESSION
from api.console import flash as flashes
from api.console.i18n import LANG_COOKIE, ConsoleText, choose_language, console_text
from api.console.security import (
    ANON_COOKIE,
    COOKIE_PATH,
    expected_token,
    is_secure,
    new_anonymous_secret,
)
from api.console.templating import render_template
from api.handoff.context import HandoffContext
from api.handoff.errors import HandoffError
from bot.i18n import N_

log = logging.getLogger(__name__)

HOME = "/console/"
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
CookieChange = Callable[[Response], None]
ADMIN_SECTIONS = (
    ("/console/admin", N_("Overview")),
    ("/console/admin/vetting", N_("Applications")),
    ("/console/admin/volunteers", N_("Volunteers")),
    ("/console/admin/holds", N_("Held replies")),
    ("/console/admin/cases", N_("Cases")),
    ("/console/admin/audit", N_("Audit log")),
    ("/console/admin/settings", N_("Retention")),
)
VOLUNTEER_SECTIONS = (
    ("/console/queue", N_("Queue")),
    ("/console/cases", N_("Your cases")),
    ("/console/settings", N_("Availability")),
)
ACCOUNT_SECTION = ("/console/account", N_("Account"))


def navigation(user: Principal | None) -> list[tuple[str, str]]:
    """Return the sections the user may open (address, message id)."""
    if user is None:
        return []
    if user.is_admin:
        return [*ADMIN_SECTIONS, ACCOUNT_SECTION]
    if user.is_active_volunteer:
        return [*VOLUNTEER_SECTIONS, ACCOUNT_SECTION]
    if user.role == "volunteer":
        return [VOLUNTEER_SECTIONS[-1], ACCOUNT_SECTION]
    return [ACCOUNT_SECTION]


def safe_next(target: str | None, default: str = HOME) -> str:
    """Return `target` if it is a console path on this site, else `default`."""
    if (
        target
        and target.startswith("/console/")
        and "//" not in target
        and "\\" not in target
        and not any(ord(ch) < 32 for ch in target)
    ):
        return target
    return default


@dataclass
class Page:
    """The state of one console request and the cookies its response must change."""

    request: Request
    ctx: HandoffContext
    text: ConsoleText
    user: Principal | None
    csrf: str
    flash: flashes.Flash | None = None
    cookie_changes: list[CookieChange] = field(default_factory=list)

    @property
    def secure(self) -> bool:
        """Tell whether cookies must be Secure."""
        return is_secure(self.request, self.ctx.settings)

    def finish(self, response: Response) -> Response:
        """Apply the pending cookie changes and the security headers."""
        for change in self.cookie_changes:
            change(response)
        response.headers.update(SECURITY_HEADERS)
        return response

    def render(self, template: str, *, status_code: int = 200, **values: Any) -> Response:
        """Render a page of the console."""
        path = self.request.url.path
        query = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        here = path + ("?" + urlencode(query) if query else "")
        if self.request.method != "GET":
            here = HOME  # the language switcher must not repeat a form submission
        context = {
            "user": self.user,
            "csrf": self.csrf,
            "notice": self._flash_text(),
            "notice_kind": self.flash.kind if self.flash else "",
            "notice_detail": self.flash.detail if self.flash else "",
            "path": path,
            "nav": navigation(self.user),
            "here": here,
            **values,
        }
        html = render_template(self.text.lang, template, context)
        return self.finish(HTMLResponse(html, status_code=status_code))

    def redirect(
        self,
        url: str,
        *,
        notice: str | None = None,
        args: dict[str, Any] | None = None,
        error: HandoffError | None = None,
    ) -> Response:
        """Redirect (303) after a form, carrying a notice or the service's refusal."""
        message = None
        if error is not None:
            message = flashes.failure(error)
        elif notice is not None:
            message = flashes.notify(notice, args)
        if message is not None:
            value = flashes.dump(message, self.ctx.settings.secret_key)
            self.cookie_changes.append(
                set_cookie(flashes.FLASH_COOKIE, value, secure=self.secure, max_age=120)
            )
        return self.finish(RedirectResponse(url, status_code=303))

    def _flash_text(self) -> str:
        if self.flash is None:
            return ""
        args = dict(self.flash.args)
        if isinstance(args.get("reasons"), list):
            args["reasons"] = self.text.reasons(str(r) for r in args["reasons"])
        if isinstance(args.get("count"), int):
            args["count"] = self.text.tr.number(args["count"])
        try:
            return self.text._(self.flash.message).format(**args)
        except (KeyError, IndexError, ValueError):
            log.warning("the %s translation of %r has wrong placeholders", self.text.lang, args)
            return self.flash.message.format(**args)


def set_cookie(
    name: str, value: str, *, secure: bool, max_age: int | None = None, samesite: str = "strict"
) -> CookieChange:
    """Return a change setting an HttpOnly cookie on the console's response."""

    def change(response: Response) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            httponly=True,
            samesite=samesite,  # type: ignore[arg-type]
            secure=secure,
            path=COOKIE_PATH,
        )

    return change


async def current_page(request: Request) -> Page:
    """Build the page state of a console request (dependency)."""
    ctx = get_context(request)
    text = console_text(choose_language(request))
    changes: list[CookieChange] = []
    secure = is_secure(request, ctx.settings)
    if request.query_params.get("lang") == text.lang:
        year = 365 * 86400
        changes.append(
            set_cookie(LANG_COOKIE, text.lang, secure=secure, max_age=year, samesite="lax")
        )
    secret = request.cookies.get(SESSION_COOKIE) or None
    user = await principal_for(ctx, secret=secret, kind=SESSION) if secret else None
    anonymous = request.cookies.get(ANON_COOKIE)
    if user is None and not anonymous:
        anonymous = new_anonymous_secret()
        changes.append(set_cookie(ANON_COOKIE, anonymous, secure=secure))
    flash = flashes.load(request.cookies.get(flashes.FLASH_COOKIE), ctx.settings.secret_key)
    if flashes.FLASH_COOKIE in request.cookies:
        changes.append(lambda r: r.delete_cookie(flashes.FLASH_COOKIE, path=COOKIE_PATH))
    session = secret if user is not None else None
    return Page(
        request=request,
        ctx=ctx,
        text=text,
        user=user,
        csrf=expected_token(ctx.settings, session=session, anonymous=anonymous),
        flash=flash,
        cookie_changes=changes,
    )
