"""Who may do what: users and roles, argon2 passwords, API tokens, rate-limited sign-in, and
the permission rules every write goes through. Imports storage only; the API and the web pages
call it."""

from policyledger.auth.permissions import ROLES, Principal, can_report_on, require
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
    "AuthError",
    "Principal",
    "authenticate",
    "can_report_on",
    "create_token",
    "create_user",
    "disable_user",
    "identify_token",
    "list_users",
    "require",
]
