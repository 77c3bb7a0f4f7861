"""Account pages: home, sign-in and out, registration with the code of conduct, password."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from api.auth import accounts
from api.auth.tokens import SESSION
from api.console import forms
from api.console.deps import AnyPage, ConsoleRoute, Form, SignedIn
from api.console.page import HOME, Page, safe_next
from api.console.passwords import change_password
from api.console.security import clear_session_cookie, set_session_cookie
from api.console.templating import STATIC_DIR
from api.handoff import volunteers
from api.handoff.errors import AuthenticationFailed, Conflict, InvalidInput
from api.handoff.schemas import VolunteerRegistration
from bot.i18n import LANGUAGES

router = APIRouter(prefix="/console", route_class=ConsoleRoute, include_in_schema=False)
ASSETS = {"console.css": "text/css", "console.js": "text/javascript"}


def _start_page(page: Page) -> str:
    user = page.user
    if user is None:
        return "/console/sign-in"
    if user.is_admin:
        return "/console/admin"
    if user.is_active_volunteer:
        return "/console/queue"
    return "/console/account"


@router.get("/")
async def home(page: AnyPage) -> Response:
    """Send each user to where their work is."""
    return page.redirect(_start_page(page))


@router.get("/account")
async def account(page: SignedIn) -> Response:
    """Show the account and, for volunteers, where their application stands."""
    profile = None
    if page.user is not None and page.user.role == "volunteer":
        profile = await volunteers.get(page.ctx, page.user.id)
    return page.render("account.html", title=page.text._("Your account"), profile=profile)


@router.get("/sign-in")
async def sign_in_form(page: AnyPage, next: str = "") -> Response:
    """Show the sign-in form."""
    if page.user is not None:
        return page.redirect(safe_next(next, _start_page(page)))
    return page.render("sign_in.html", title=page.text._("Sign in"), next=safe_next(next, ""))


@router.post("/sign-in")
async def sign_in(page: AnyPage, form: Form) -> Response:
    """Check the password and start a console session."""
    email, target = forms.text(form, "email", 254), safe_next(forms.text(form, "next"), "")
    try:
        login = await accounts.login(
            page.ctx, email=email, password=forms.secret(form, "password"), kind=SESSION
        )
    except AuthenticationFailed:
        return page.render(
            "sign_in.html",
            status_code=401,
            title=page.text._("Sign in"),
            next=target,
            email=email,
            failed=True,
        )
    response = page.redirect(target or HOME)
    set_session_cookie(response, page.request, page.ctx.settings, login.secret)
    return response


@router.post("/sign-out")
async def sign_out(page: SignedIn, form: Form) -> Response:
    """End this session (the cookie stops working at once)."""
    if page.user is not None:
        await accounts.logout(page.ctx, principal=page.user)
    response = page.redirect("/console/sign-in", notice="signed_out")
    clear_session_cookie(response, page.request, page.ctx.settings)
    return response


@router.get("/code-of-conduct")
async def code_of_conduct(page: AnyPage) -> Response:
    """Show the volunteers' code of conduct."""
    return page.render("conduct.html", title=page.text._("Code of conduct for volunteers"))


def _register_page(page: Page, values: dict[str, object], errors: dict[str, str]) -> Response:
    return page.render(
        "register.html",
        status_code=422 if errors else 200,
        title=page.text._("Volunteer with Pathways"),
        values=values,
        errors=errors,
        error_args=forms.field_format_args(),
        all_languages=LANGUAGES,
    )


@router.get("/register")
async def register_form(page: AnyPage) -> Response:
    """Show the volunteer application form with the code of conduct."""
    if page.user is not None:
        return page.redirect(_start_page(page))
    return _register_page(page, {"languages": [], "destination_countries": []}, {})


@router.post("/register")
async def register(page: AnyPage, form: Form) -> Response:
    """Apply as a volunteer; the account waits for an admin's vetting."""
    values: dict[str, object] = {
        "name": forms.text(form, "name", 200),
        "email": forms.text(form, "email", 300),
        "password": forms.secret(form, "password"),
        "languages": forms.choices(form, "languages"),
        "destination_countries": forms.choices(form, "destination_countries"),
        "origin_countries": forms.choices(form, "origin_countries"),
        "bio": forms.text(form, "bio", 2000),
        "accepts_code_of_conduct": forms.checked(form, "accepts_code_of_conduct") or None,
    }
    registration, errors = forms.validate(VolunteerRegistration, values)
    if registration is None:
        return _register_page(page, values, errors)
    try:
        await volunteers.register(page.ctx, registration)
    except Conflict:
        errors["email"] = forms.EMAIL_TAKEN
        return _register_page(page, values, errors)
    return page.redirect("/console/sign-in", notice="registered")


@router.get("/account/password")
async def password_form(page: SignedIn) -> Response:
    """Show the password change form."""
    return page.render("password.html", title=page.text._("Change your password"), errors={})


@router.post("/account/password")
async def password(page: SignedIn, form: Form) -> Response:
    """Change the password after checking the current one."""
    assert page.user is not None
    new = forms.secret(form, "new_password")
    errors = forms.FormErrors()
    if new != forms.secret(form, "confirm_password"):
        errors["confirm_password"] = forms.PASSWORDS_DIFFER
    else:
        try:
            await change_password(
                page.ctx, actor=page.user, current=forms.secret(form, "current_password"), new=new
            )
        except AuthenticationFailed:
            errors["current_password"] = forms.WRONG_PASSWORD
        except InvalidInput:
            errors.add("new_password")
    if errors:
        return page.render(
            "password.html",
            status_code=422,
            title=page.text._("Change your password"),
            errors=errors,
            error_args=forms.field_format_args(),
        )
    return page.redirect("/console/account", notice="password_changed")


@router.get("/assets/{name}")
async def asset(name: str) -> FileResponse:
    """Serve the console's style sheet and script."""
    if name not in ASSETS:
        raise HTTPException(status_code=404)
    return FileResponse(
        STATIC_DIR / name,
        media_type=ASSETS[name],
        headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/language")
async def language(page: AnyPage, next: str = "") -> Response:
    """Remember the language chosen in the switcher (`?lang=`), then go back."""
    return page.redirect(safe_next(next))
