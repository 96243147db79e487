"""Who is making a request: from an API token (``Authorization: Bearer plg_…``), else from the
signed session cookie of the web pages (user id and session version), else an anonymous
visitor. Shared by the API and the web pages; knows nothing of either."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from policyledger.auth.permissions import Principal
from policyledger.auth.users import identify_token
from policyledger.storage.audit import set_origin
from policyledger.storage.models import User

SESSION_KEY = "auth"


class BadToken(Exception):
    """An Authorization header with a token that is unknown, revoked or of a disabled user."""


def session_payload(user: User) -> dict[str, int]:
    """What the signed session cookie holds for a signed-in user (no secrets)."""
    return {"uid": user.id, "v": user.session_version}


def bearer_of(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, or None."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def principal_for(
    session: Session,
    authorization: str | None,
    session_data: Mapping[str, Any] | None,
    address: str | None,
) -> Principal:
    """The principal of a request, and record its origin for the audit log. A presented token
    that is not valid raises ``BadToken`` (no silent fall-back to anonymous)."""
    token = bearer_of(authorization)
    if token is not None or authorization:
        found = identify_token(session, token or "")
        if found is None:
            raise BadToken("invalid or revoked API token")
        user, row = found
        set_origin(session, address, row.id)
        return Principal.of(user, address, row.id)
    set_origin(session, address)
    data = (session_data or {}).get(SESSION_KEY)
    if isinstance(data, dict) and isinstance(data.get("uid"), int):
        user = session.get(User, data["uid"])
        if user is not None and not user.disabled and user.session_version == data.get("v"):
            return Principal.of(user, address)
    return Principal.anonymous(address)
