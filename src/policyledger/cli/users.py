"""``policyledger user add|list|disable|token|revoke-token``: who may sign in.

There is no default password: ``user add`` asks for one twice on a terminal, or reads one line
from standard input with ``--password-stdin`` (for scripts). The first administrator is made
with ``policyledger user add admin --role admin``. Every change is audited with the actor
``cli:<operating-system user>``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import unicodedata

from policyledger.cli.common import add_db_option, open_ledger
from policyledger.errors import PolicyLedgerError

ROLES = ("admin", "supervisor", "reporter", "viewer")  # as policyledger.auth.permissions.ROLES


def cli_actor() -> str:
    """The audit actor of a command: ``cli:`` and the operating-system user running it."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. an arbitrary container uid
        name = f"uid{os.getuid()}" if hasattr(os, "getuid") else "unknown"
    return f"cli:{name}"[:100]


def register(commands) -> None:
    user = commands.add_parser("user", help="users who sign in: add, list, disable, API tokens")
    actions = user.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    add = actions.add_parser(
        "add",
        help="add a user (asks for the password; there is no default)",
        description="Add a user. The password is asked twice on a terminal, or read as one line "
        "from standard input with --password-stdin. The first administrator: "
        "policyledger user add admin --role admin",
    )
    add.add_argument("name", metavar="NAME", help="the user name (1–64 characters, no spaces)")
    add.add_argument("--role", required=True, choices=ROLES, help="what the user may do")
    add.add_argument(
        "--body",
        metavar="BODY",
        help="a reporter's body or district: a name (市商务委, 渝中区) or id (required for "
        "reporters, refused for other roles)",
    )
    add.add_argument("--display-name", metavar="TEXT", help="the name shown on the pages")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add_db_option(add)
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="list the users and their API tokens")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_db_option(listing)
    listing.set_defaults(handler=run_list)

    disable = actions.add_parser(
        "disable", help="disable a user: sign-in refused, sessions ended, API tokens revoked"
    )
    disable.add_argument("name", metavar="NAME")
    add_db_option(disable)
    disable.set_defaults(handler=run_disable)

    token = actions.add_parser(
        "token", help="make an API token for a user (printed once, never shown again)"
    )
    token.add_argument("name", metavar="NAME")
    token.add_argument(
        "--name", dest="label", default="cli", metavar="LABEL", help="what the token is for"
    )
    add_db_option(token)
    token.set_defaults(handler=run_token)

    revoke = actions.add_parser("revoke-token", help="revoke one API token by its number")
    revoke.add_argument("token_id", type=int, metavar="ID", help="the token's number (user list)")
    add_db_option(revoke)
    revoke.set_defaults(handler=run_revoke)


def read_password(from_stdin: bool) -> str:
    """One line from standard input, or asked twice on the terminal; never a default."""
    if from_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise PolicyLedgerError("no password on standard input (--password-stdin)")
        return password
    if not sys.stdin.isatty():
        raise PolicyLedgerError(
            "no terminal to ask for the password: pipe it in with --password-stdin"
        )
    try:
        password = getpass.getpass("Password / 密码: ")
        again = getpass.getpass("Again / 再次输入: ")
    except EOFError:
        raise PolicyLedgerError("no password given") from None
    if password != again:
        raise PolicyLedgerError("the two passwords differ; nothing was changed")
    return password


def run_add(args: argparse.Namespace) -> str:
    from sqlalchemy import select

    from policyledger.auth.users import MIN_PASSWORD, AuthError, create_user
    from policyledger.storage.ingest import sync_registry
    from policyledger.storage.models import Body, User
    from policyledger.storage.queries import find_body

    name = args.name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AuthError("a user name is 1–64 characters without spaces")
    database = open_ledger(args)
    with database.session() as session:  # refuse before asking for a password
        body_id = None
        if args.body is not None:
            body = find_body(session, args.body)
            if body is None and sync_registry(session):  # a ledger with no document yet
                body = find_body(session, args.body)
            if body is None:
                raise PolicyLedgerError(f"unknown body or district: {args.body}")
            body_id = body.id
        if args.role == "reporter" and body_id is None:
            raise AuthError("a reporter is bound to one body or district: give --body")
        if args.role != "reporter" and body_id is not None:
            raise AuthError(f"only reporters are bound to a body; a {args.role} is not (no --body)")
        if session.scalar(select(User.id).where(User.username == name)):
            raise AuthError(f"user {name} already exists")
    if args.display_name and len(args.display_name) > 100:
        raise AuthError("a display name is at most 100 characters")
    password = read_password(args.password_stdin)
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"a password needs at least {MIN_PASSWORD} characters")
    with database.session() as session:
        body = session.get(Body, body_id) if body_id else None
        user = create_user(
            session,
            name,
            password,
            args.role,
            body=body,
            display_name=args.display_name,
            actor=cli_actor(),
        )
        where = f"，{body.name}" if body else ""
        return f"已添加用户 {user.username}（{user.role}{where}）\n"


def _when(value: dt.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else None


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)
        ).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines) + "\n"


def run_list(args: argparse.Namespace) -> str:
    from sqlalchemy import select

    from policyledger.auth.users import list_users
    from policyledger.storage.models import ApiToken

    database = open_ledger(args)
    with database.session() as session:
        users = list_users(session)
        tokens: dict[int, list[ApiToken]] = {}
        for token in session.scalars(
            select(ApiToken).where(ApiToken.revoked_at.is_(None)).order_by(ApiToken.id)
        ):
            tokens.setdefault(token.user_id, []).append(token)
        data = [
            {
                "name": u.username,
                "display_name": u.display_name,
                "role": u.role,
                "body": u.body_id,
                "body_name": u.body.name if u.body else None,
                "disabled": u.disabled,
                "last_sign_in": _when(u.last_login_at),
                "created": _when(u.created_at),
                "tokens": [
                    {
                        "id": t.id,
                        "name": t.name,
                        "prefix": t.prefix,
                        "last_used": _when(t.last_used_at),
                    }
                    for t in tokens.get(u.id, [])
                ],
            }
            for u in users
        ]
    if args.json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not data:
        return "还没有用户。第一个管理员：policyledger user add admin --role admin\n"
    rows = [
        [
            d["name"],
            d["role"],
            d["body_name"] or "—",
            "已停用" if d["disabled"] else "正常",
            d["last_sign_in"] or "从未",
            " ".join(f"#{t['id']} {t['name']}" for t in d["tokens"]) or "—",
        ]
        for d in data
    ]
    return _table(["用户", "角色", "单位", "状态", "最近登录", "有效令牌"], rows)


def run_disable(args: argparse.Namespace) -> str:
    from sqlalchemy import func, select

    from policyledger.auth.users import disable_user, find_user
    from policyledger.storage.models import ApiToken

    database = open_ledger(args)
    with database.session() as session:
        user = find_user(session, args.name)
        if user.disabled:
            return f"用户 {user.username} 已是停用状态，未作改动\n"
        active = session.scalar(
            select(func.count())
            .select_from(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        )
        disable_user(session, args.name, actor=cli_actor())
    return f"已停用用户 {args.name}：不能再登录，会话失效，吊销 API 令牌 {active} 个\n"


def run_token(args: argparse.Namespace) -> str:
    from policyledger.auth.users import create_token

    database = open_ledger(args)
    with database.session() as session:
        row, secret = create_token(session, args.name, args.label, actor=cli_actor())
        number = row.id
    print(
        f"API 令牌 #{number}（{args.label}）已为 {args.name} 生成：只显示这一次，请立即妥善保存。\n"
        f"API token #{number} for {args.name}: it is shown now and will not be shown again.",
        file=sys.stderr,
    )
    return secret + "\n"


def run_revoke(args: argparse.Namespace) -> str:
    from policyledger.auth.users import AuthError
    from policyledger.storage import audit
    from policyledger.storage.models import ApiToken, utcnow

    database = open_ledger(args)
    with database.session() as session:
        token = session.get(ApiToken, args.token_id)
        if token is None:
            raise AuthError(f"no API token #{args.token_id}")
        if token.revoked_at is not None:
            return f"API 令牌 #{token.id} 早已吊销，未作改动\n"
        token.revoked_at = utcnow()
        audit.record(
            session,
            cli_actor(),
            "revoke",
            "api_token",
            token.id,
            username=token.user.username,
            name=token.name,
        )
        return f"已吊销 {token.user.username} 的 API 令牌 #{token.id}（{token.name}）\n"
