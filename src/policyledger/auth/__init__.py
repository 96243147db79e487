"""Who may do what: users and roles, argon2 passwords, API tokens, rate-limited sign-in, and
the permission rules every write goes through. Imports storage only; the API and the web pages
call it."""

from policyledger.auth.permissions import (
    ROLES,
    PermissionDenied,
    Principal,
    can_report_on,
    report_status,
    require,
)
from policyledger.auth.resolve import SESSION_KEY, BadToken, principal_for, session_payload
from policyledger.auth.users import (
    AuthError,
    authenticate,
    create_token,
    create_user,
    disable_user,
    identify_token,
    list_users,
)

__all__ = [
    "ROLES",
    "SESSION_KEY",
    "AuthError",
    "BadToken",
    "PermissionDenied",
    "Principal",
    "authenticate",
    "can_report_on",
    "create_token",
    "create_user",
    "disable_user",
    "identify_token",
    "list_users",
    "principal_for",
    "report_status",
    "require",
    "session_payload",
]
