"""Who is looking at a page and what they may do there: the principal of a request (from the
signed session cookie, or an API token), the permission checks page routes declare, the
synchronizer CSRF token every POST form carries, and the safe ``next`` of a sign-in.

Refusals are exceptions the site turns into pages (see ``site.py``): ``LoginRequired`` → 303 to
``/login?next=…``; ``Forbidden`` → a 403 page with one line; ``BadCredentials`` → 401."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Form, Header, Request

from policyledger.auth import SESSION_KEY, BadToken, Principal, principal_for
from policyledger.web.deps import SessionDep

CSRF_KEY = "csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class LoginRequired(Exception):
    """An anonymous visitor asked for a page that needs a signed-in user."""

    def __init__(self, wanted: str) -> None:
        super().__init__(wanted)
        self.wanted = wanted


class Forbidden(Exception):
    """The signed-in user may not do this, or the form's CSRF token is wrong. ``key`` names the
    one-line message in the i18n tables; it may use {user}, {role}, {what} (a permission, by
    its ``perm_…`` key) and {detail}."""

    def __init__(self, key: str, what: str = "", detail: str = "") -> None:
        super().__init__(f"{key}: {what} {detail}".strip())
        self.key, self.what, self.detail = key, what, detail


class BadCredentials(Exception):
    """An ``Authorization`` header with a token that is unknown, revoked or of a disabled user."""


# --- the principal -------------------------------------------------------------------------------


def current_principal(request: Request, session: SessionDep) -> Principal:
    """The principal of the request; also kept on ``request.state`` for the page header. A
    session cookie of a user who was disabled (or signed out everywhere) is dropped."""
    address = request.client.host if request.client else None
    try:
        principal = principal_for(
            session, request.headers.get("authorization"), request.session, address
        )
    except BadToken as error:
        raise BadCredentials(str(error)) from None
    if not principal.signed_in and SESSION_KEY in request.session:
        request.session.pop(SESSION_KEY, None)
    request.state.principal = principal
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def wanted_url(request: Request) -> str:
    """Where to come back after signing in: the page asked for (its path and query); after a
    form posted without a session, the overview (a POST cannot be repeated by a redirect)."""
    if request.method not in ("GET", "HEAD"):
        return "/"
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def _refuse(request: Request, principal: Principal, what: str) -> Exception:
    if not principal.signed_in:
        return LoginRequired(wanted_url(request))
    return Forbidden("au_forbidden", what)


def needs(permission: str):
    """A dependency returning the principal when it holds ``permission``; an anonymous visitor
    is sent to sign in, a signed-in user without it gets 403."""

    def check(request: Request, principal: PrincipalDep) -> Principal:
        if not principal.may(permission):
            raise _refuse(request, principal, permission)
        return principal

    return check


def may_report(request: Request, principal: PrincipalDep) -> Principal:
    """A principal who may report values for some targets (a reporter, a supervisor, an
    administrator)."""
    if not (principal.may("report_any") or principal.may("report_own")):
        raise _refuse(request, principal, "report")
    return principal


def may_load_pack_data(request: Request, principal: PrincipalDep) -> Principal:
    """A principal who may bring in rule packs' data (templates of the energy pack …): one
    with the ``ingest`` or the ``report_any`` permission (supervisors, administrators)."""
    if not (principal.may("ingest") or principal.may("report_any")):
        raise _refuse(request, principal, "pack_data")
    return principal


Reader = Depends(needs("read"))
Ingester = Annotated[Principal, Depends(needs("ingest"))]
Reviewer = Annotated[Principal, Depends(needs("review"))]
AuditReader = Annotated[Principal, Depends(needs("read_audit"))]
Reporter = Annotated[Principal, Depends(may_report)]
PackLoader = Annotated[Principal, Depends(may_load_pack_data)]


# --- CSRF ----------------------------------------------------------------------------------------


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get(CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_KEY] = token
    return token


def check_csrf(
    request: Request,
    principal: PrincipalDep,  # resolved first, so that a refusal page shows who is signed in
    csrf_token: Annotated[str, Form()] = "",
    x_csrf_token: Annotated[str, Header()] = "",
) -> None:
    """Every POST carries the session's token, as the form field ``csrf_token`` or the
    ``X-CSRF-Token`` header; anything else is refused with 403 before the route runs."""
    expected = request.session.get(CSRF_KEY)
    sent = x_csrf_token or csrf_token
    if not isinstance(expected, str) or not expected or not sent:
        raise Forbidden("au_csrf")
    if not secrets.compare_digest(sent.encode("utf-8"), expected.encode("utf-8")):
        raise Forbidden("au_csrf")


CSRF = Depends(check_csrf)


# --- sign-in -------------------------------------------------------------------------------------


def safe_next(value: str | None, default: str = "/") -> str:
    """A local path to go to after signing in; anything else (an absolute URL, ``//host``,
    backslashes, control characters) becomes ``default``."""
    if not value or len(value) > 2000 or not value.startswith("/") or value.startswith("//"):
        return default
    if "\\" in value or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return default
    return value


def sign_in(request: Request, payload: dict[str, int]) -> None:
    """Start a new session for a user: nothing of the session before survives (no fixation),
    and the CSRF token is new."""
    request.session.clear()
    request.session[SESSION_KEY] = payload
    request.session[CSRF_KEY] = secrets.token_urlsafe(32)


def sign_out(request: Request) -> None:
    request.session.clear()
