"""Users, passwords and API tokens.

Passwords are argon2id hashes (pwdlib); there is no default password — the first administrator
is created with ``policyledger user add … --role admin``, which asks for one. API tokens are
random, shown once, and stored as SHA-256 hashes. Sign-in is rate-limited: after too many
failures for a user name or from an address within a window, further attempts are refused
without checking the password.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.auth.permissions import ROLES
from policyledger.errors import PolicyLedgerError
from policyledger.storage import audit
from policyledger.storage.models import ApiToken, Body, LoginAttempt, User, utcnow

MIN_PASSWORD = 10
WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_ADDRESS = 20
TOKEN_PREFIX = "plg_"
TOKEN_TOUCH_EVERY = dt.timedelta(minutes=5)  # how fresh a token's last_used_at is kept


class AuthError(PolicyLedgerError):
    """Sign-in refused, or a user/token operation that cannot be done."""


@cache
def _hasher():
    from pwdlib import PasswordHash

    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher().hash(password)


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    body: Body | None = None,
    display_name: str | None = None,
    actor: str = "cli",
) -> User:
    """Add a user. A reporter must be bound to a body or district; other roles must not be."""
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise AuthError("a user name is 1–64 characters without spaces")
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if (role == "reporter") != (body is not None):
        raise AuthError("a reporter is bound to one body or district (--body); other roles are not")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AuthError(f"user {username} already exists")
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        body_id=body.id if body else None,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor, "create", "user", user.id, username=username, role=role, body=user.body_id
    )
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise AuthError(f"no user {username}")
    return user


def disable_user(session: Session, username: str, actor: str = "cli") -> User:
    """Disable a user: sign-in refused, sessions ended, tokens revoked."""
    user = find_user(session, username)
    user.disabled = True
    user.session_version += 1
    for token in session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ):
        token.revoked_at = utcnow()
    audit.record(session, actor, "disable", "user", user.id, username=username)
    return user


def _recent_failures(session: Session, column, value: str | None, now: dt.datetime) -> int:
    if value is None:
        return 0
    return session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(column == value, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= now - WINDOW)
    )


def authenticate(
    session: Session, username: str, password: str, address: str | None = None
) -> User:
    """The user with this name and password, or AuthError. Every attempt is recorded."""
    now = utcnow()
    username = (username or "").strip()[:64]
    if (
        _recent_failures(session, LoginAttempt.username, username, now) >= MAX_FAILURES_PER_USER
        or _recent_failures(session, LoginAttempt.address, address, now) >= MAX_FAILURES_PER_ADDRESS
    ):
        session.add(LoginAttempt(username=username, address=address, succeeded=False))
        raise AuthError("too many failed sign-in attempts; try again in 15 minutes")
    user = session.scalar(select(User).where(User.username == username))
    verified = False
    if user is not None and not user.disabled:
        verified = _hasher().verify(password or "", user.password_hash)
    else:
        _hasher().hash("timing-equaliser")  # the same work whether or not the user exists
    session.add(LoginAttempt(username=username, address=address, succeeded=verified))
    if not verified:
        raise AuthError("wrong user name or password")
    user.last_login_at = now
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    session: Session, username: str, name: str, actor: str = "cli"
) -> tuple[ApiToken, str]:
    """A new API token for a user: the row and the token itself (shown only now)."""
    user = find_user(session, username)
    if user.disabled:
        raise AuthError(f"user {username} is disabled")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, name=name[:100], prefix=secret[:12], token_hash=_digest(secret))
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "api_token", row.id, username=username, name=name)
    return row, secret


def identify_token(session: Session, secret: str) -> tuple[User, ApiToken] | None:
    """The user and token for a presented token, or None (unknown, revoked, user disabled)."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(secret)))
    if row is None or row.revoked_at is not None or row.user.disabled:
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > TOKEN_TOUCH_EVERY:
        row.last_used_at = now  # a write: once in a while, not on every request
    return row.user, row
