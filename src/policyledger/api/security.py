"""Who is calling the API and what they may do: the principal of a request (an API token in
``Authorization: Bearer plg_…``, else the web session cookie, else anonymous), and the
dependencies the routers declare — ``Reader`` on every read, ``needs("review")`` and the like on
writes. Anonymous callers get 401 (with ``WWW-Authenticate: Bearer``); signed-in callers without
the permission get 403."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from policyledger.api.deps import SessionDep
from policyledger.auth import BadToken, Principal, principal_for

UNAUTHORIZED = {"WWW-Authenticate": "Bearer"}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_KEY, CSRF_HEADER = "csrf", "x-csrf-token"  # the web session's token (web/auth.py)


def _check_csrf(request: Request, session_data) -> None:
    """A write that relies on the web session cookie must carry the session's CSRF token in
    ``X-CSRF-Token`` (a token in ``Authorization`` needs none: browsers never send it alone)."""
    expected = session_data.get(CSRF_KEY)
    sent = request.headers.get(CSRF_HEADER, "")
    if not expected or not secrets.compare_digest(str(expected), sent):
        raise HTTPException(403, "CSRF token missing or wrong (X-CSRF-Token) · 缺少或错误的令牌")


# declares the scheme in /openapi.json (the header itself is read below)
_bearer = HTTPBearer(auto_error=False, description="`policyledger user token NAME` 生成的令牌")


def current_principal(
    request: Request,
    session: SessionDep,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
) -> Principal:
    """The caller. A token that is presented but not valid is a 401, never anonymous access."""
    session_data = request.scope.get("session")  # set by the site's SessionMiddleware, if any
    address = request.client.host if request.client else None
    if (
        session_data
        and request.method not in SAFE_METHODS
        and not request.headers.get("authorization")
    ):
        _check_csrf(request, session_data)
    try:
        principal = principal_for(
            session, request.headers.get("authorization"), session_data, address
        )
    except BadToken as error:
        raise HTTPException(401, f"{error} · 令牌无效或已撤销", headers=UNAUTHORIZED) from None
    if session.dirty:  # the token's last use: its own short transaction, not the request's
        session.commit()
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def refuse(principal: Principal, what: str) -> HTTPException:
    """401 for an anonymous caller, 403 for a signed-in one."""
    if not principal.signed_in:
        return HTTPException(
            401, f"sign in first (an API token) to {what} · 请先登录", headers=UNAUTHORIZED
        )
    return HTTPException(403, f"{principal.username} ({principal.role}) may not {what} · 无此权限")


def needs(permission: str):
    """A dependency that returns the principal when it holds ``permission``."""

    def check(principal: PrincipalDep) -> Principal:
        if not principal.may(permission):
            raise refuse(principal, permission.replace("_", " "))
        return principal

    return check


def may_report(principal: PrincipalDep) -> Principal:
    """A principal who may report values at all (for some targets, at least)."""
    if not (principal.may("report_any") or principal.may("report_own")):
        raise refuse(principal, "report values")
    return principal


Reader = Depends(needs("read"))
Reviewer = Annotated[Principal, Depends(needs("review"))]
Assessor = Annotated[Principal, Depends(needs("assess"))]
Publisher = Annotated[Principal, Depends(needs("publish"))]
AuditReader = Annotated[Principal, Depends(needs("read_audit"))]
ReporterDep = Annotated[Principal, Depends(may_report)]
