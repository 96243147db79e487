"""``policyledger user``: add (no default password), list, disable, API tokens, all audited."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from policyledger import cli
from policyledger.auth import identify_token
from policyledger.auth.permissions import ROLES
from policyledger.storage.models import ApiToken, AuditLog, User

PASSWORD = "correct horse battery staple"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys, monkeypatch, database_url, name, *options, password=PASSWORD):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return run(capsys, "user", "add", name, *options, "--password-stdin", "--db", database_url)


def test_the_cli_offers_every_role():
    assert cli.users.ROLES == ROLES


def test_add_list_token_disable(db, database_url, capsys, monkeypatch):
    code, out, err = add(capsys, monkeypatch, database_url, "admin", "--role", "admin")
    assert code == 0, err
    assert "admin" in out
    code, _, err = add(
        capsys,
        monkeypatch,
        database_url,
        "cq-sww",
        "--role",
        "reporter",
        "--body",
        "市商务委",
        "--display-name",
        "商务委报送员",
    )
    assert code == 0, err

    code, out, err = run(capsys, "user", "token", "cq-sww", "--name", "bot", "--db", database_url)
    assert code == 0, err
    token = out.strip()
    assert token.startswith("plg_") and "\n" not in token
    assert "not be shown again" in err
    with db.session() as session:
        user, row = identify_token(session, token)
        assert user.username == "cq-sww" and user.body_id == "cq.sww" and row.name == "bot"
        assert user.display_name == "商务委报送员"
        actors = set(session.scalars(select(AuditLog.actor).where(AuditLog.entity != "assessment")))
    assert actors and all(a.startswith("cli:") for a in actors)

    code, out, _ = run(capsys, "user", "list", "--db", database_url)
    assert code == 0
    header, *rows = out.splitlines()
    assert "角色" in header and "最近登录" in header
    assert rows[0].split()[:4] == ["admin", "admin", "—", "正常"]
    assert rows[1].split()[:4] == ["cq-sww", "reporter", "市商务委", "正常"] and "#" in rows[1]
    code, out, _ = run(capsys, "user", "list", "--json", "--db", database_url)
    listed = {u["name"]: u for u in json.loads(out)}
    assert listed["cq-sww"]["body"] == "cq.sww" and listed["cq-sww"]["tokens"][0]["name"] == "bot"
    assert listed["admin"]["last_sign_in"] is None and not listed["admin"]["disabled"]

    code, out, err = run(capsys, "user", "disable", "cq-sww", "--db", database_url)
    assert code == 0, err
    assert "1 个" in out
    with db.session() as session:
        assert identify_token(session, token) is None
        user = session.scalar(select(User).where(User.username == "cq-sww"))
        assert user.disabled
        assert session.scalar(
            select(AuditLog).where(AuditLog.action == "disable")
        ).actor.startswith("cli:")
    code, out, _ = run(capsys, "user", "list", "--json", "--db", database_url)
    assert {u["name"]: u for u in json.loads(out)}["cq-sww"]["disabled"] is True
    code, out, err = run(capsys, "user", "token", "cq-sww", "--db", database_url)
    assert code == 1 and err.count("\n") == 1 and "disabled" in err


def test_revoke_one_token(db, database_url, capsys, monkeypatch):
    add(capsys, monkeypatch, database_url, "ops", "--role", "supervisor")
    _, first, _ = run(capsys, "user", "token", "ops", "--db", database_url)
    _, second, _ = run(capsys, "user", "token", "ops", "--name", "other", "--db", database_url)
    with db.session() as session:
        number = session.scalar(select(ApiToken.id).where(ApiToken.name == "cli"))
    code, out, err = run(capsys, "user", "revoke-token", str(number), "--db", database_url)
    assert code == 0 and f"#{number}" in out, err
    with db.session() as session:
        assert identify_token(session, first.strip()) is None
        assert identify_token(session, second.strip()) is not None
        row = session.scalar(select(AuditLog).where(AuditLog.action == "revoke"))
        assert row.entity == "api_token" and row.actor.startswith("cli:")
    code, _, err = run(capsys, "user", "revoke-token", "999999", "--db", database_url)
    assert code == 1 and err.count("\n") == 1 and "no API token #999999" in err


@pytest.mark.parametrize(
    ("name", "options", "password", "message"),
    [
        ("short", ["--role", "viewer"], "too short", "at least 10 characters"),
        ("nobody", ["--role", "reporter"], PASSWORD, "a reporter is bound to one body"),
        ("boss", ["--role", "admin", "--body", "市商务委"], PASSWORD, "only reporters"),
        ("where", ["--role", "reporter", "--body", "不存在的局"], PASSWORD, "unknown body"),
        ("two words", ["--role", "viewer"], PASSWORD, "without spaces"),
        ("empty", ["--role", "viewer"], "", "no password"),
    ],
)
def test_refusals_are_one_line(
    db, database_url, capsys, monkeypatch, name, options, password, message
):
    code, _, err = add(capsys, monkeypatch, database_url, name, *options, password=password)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("policyledger: error:") and message in err
    with db.session() as session:
        assert session.scalar(select(User.id)) is None


def test_duplicate_user_is_refused(db, database_url, capsys, monkeypatch):
    assert add(capsys, monkeypatch, database_url, "ann", "--role", "viewer")[0] == 0
    code, _, err = add(capsys, monkeypatch, database_url, "ann", "--role", "admin")
    assert code == 1 and err.strip() == "policyledger: error: user ann already exists"


def test_password_is_asked_twice_on_a_terminal(db, database_url, capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter([PASSWORD, "something else entirely"])
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, _, err = run(capsys, "user", "add", "ann", "--role", "viewer", "--db", database_url)
    assert code == 1 and "differ" in err
    answers = iter([PASSWORD, PASSWORD])
    code, _, err = run(capsys, "user", "add", "ann", "--role", "viewer", "--db", database_url)
    assert code == 0, err
    with db.session() as session:
        assert session.scalar(select(User.role).where(User.username == "ann")) == "viewer"


def test_no_terminal_and_no_stdin_flag_is_refused(db, database_url, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))  # not a terminal
    code, _, err = run(capsys, "user", "add", "ann", "--role", "viewer", "--db", database_url)
    assert code == 1 and "--password-stdin" in err


def test_disable_unknown_user(db, database_url, capsys):
    code, _, err = run(capsys, "user", "disable", "ghost", "--db", database_url)
    assert code == 1 and err.strip() == "policyledger: error: no user ghost"
