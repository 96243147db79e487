"""``/login``: sign in with a user name and password (rate-limited by ``auth.authenticate``; a
new session on success, then back to the page asked for — a local path only); ``/logout``:
sign out (a POST with the CSRF token). Signing out also moves the user's session version on, so
that a copy of the cookie cannot be replayed: it ends the user's sessions in other browsers
too."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse

from policyledger.auth import AuthError, authenticate, session_payload
from policyledger.storage.models import User
from policyledger.web.auth import CSRF, PrincipalDep, safe_next, sign_in, sign_out
from policyledger.web.deps import SessionDep
from policyledger.web.i18n import translate
from policyledger.web.templating import render

router = APIRouter()


def _form(
    request: Request,
    next_url: str,
    username: str = "",
    message: str | None = None,
    status_code: int = 200,
):
    context = {"next_url": next_url, "username": username, "message": message}
    return render(request, "login.html", context, status_code=status_code)


@router.get("/login", name="login")
def login_form(request: Request, principal: PrincipalDep, next: Annotated[str, Query()] = ""):
    return _form(request, safe_next(next))


@router.post("/login", name="login_submit", dependencies=[CSRF])
def login_submit(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
):
    lang = request.state.lang
    wanted = safe_next(next)
    shown = username.strip()[:64]
    if not shown or not password:
        return _form(request, wanted, shown, translate("au_fill_both", lang), 422)
    address = request.client.host if request.client else None
    try:
        user = authenticate(session, shown, password, address)
    except AuthError as error:
        session.commit()  # the failed attempt counts towards the limit
        limited = str(error).startswith("too many")
        key = "au_too_many" if limited else "au_wrong"
        return _form(request, wanted, shown, translate(key, lang), 429 if limited else 401)
    payload = session_payload(user)
    session.commit()
    sign_in(request, payload)
    return RedirectResponse(wanted, status_code=303)


@router.post("/logout", name="logout", dependencies=[CSRF])
def logout(request: Request, session: SessionDep, principal: PrincipalDep):
    user = session.get(User, principal.user_id) if principal.user_id is not None else None
    if user is not None and principal.token_id is None:
        user.session_version += 1
        session.commit()
    sign_out(request)
    return RedirectResponse("/login", status_code=303)
