"""Roles and what each may do, as data; and the checks the API and the pages call.

- admin: everything — users, tokens, ingest, publish, review, report for any body.
- supervisor (督查): sees everything; reviews (approves / returns) reports; reports for any
  body (approved at once); ingests documents; reads and exports the audit log.
- reporter: bound to one body or district; submits reports (pending review) only for the
  targets that body or district owns.
- viewer: reads.
- anonymous: reads only what an administrator published.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from policyledger.errors import PolicyLedgerError
from policyledger.storage.models import Body, Target, User
from policyledger.storage.queries import is_owner

ROLES = ("admin", "supervisor", "reporter", "viewer")

PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            "read",
            "report_any",
            "review",
            "ingest",
            "publish",
            "manage_users",
            "read_audit",
            "assess",
        }
    ),
    "supervisor": frozenset({"read", "report_any", "review", "ingest", "read_audit", "assess"}),
    "reporter": frozenset({"read", "report_own"}),
    "viewer": frozenset({"read"}),
    "anonymous": frozenset({"read_published"}),
}


class PermissionDenied(PolicyLedgerError):
    """The signed-in user (or the anonymous visitor) may not do this."""


@dataclass(frozen=True)
class Principal:
    """Who is acting: a user (with role and body) or an anonymous visitor, and how they
    came in (their address, the API token used)."""

    user_id: int | None
    username: str
    role: str
    body_id: str | None = None
    address: str | None = None
    token_id: int | None = None

    @classmethod
    def anonymous(cls, address: str | None = None) -> Principal:
        return cls(None, "anonymous", "anonymous", address=address)

    @classmethod
    def of(cls, user: User, address: str | None = None, token_id: int | None = None) -> Principal:
        return cls(user.id, user.username, user.role, user.body_id, address, token_id)

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    def may(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())


def require(principal: Principal, permission: str) -> None:
    """Raise PermissionDenied unless the principal holds ``permission``."""
    if not principal.may(permission):
        who = principal.username if principal.signed_in else "an anonymous visitor"
        raise PermissionDenied(f"{who} ({principal.role}) may not {permission.replace('_', ' ')}")


def can_report_on(session: Session, principal: Principal, target: Target) -> bool:
    """Whether the principal may report a value for ``target``: any target for supervisors and
    administrators, only targets its own body or district owns for a reporter."""
    if principal.may("report_any"):
        return True
    if not principal.may("report_own") or principal.body_id is None:
        return False
    body = session.get(Body, principal.body_id)
    return body is not None and is_owner(session, body, target)


def report_status(principal: Principal) -> str:
    """A reporter's values wait for review; a supervisor's are approved at once."""
    return "approved" if principal.may("review") else "submitted"
