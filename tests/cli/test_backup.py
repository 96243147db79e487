"""``policyledger backup`` and ``restore`` on SQLite: a restored ledger assesses identically, a
backup is one snapshot while the ledger is written, and refusals are one line."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import stat

from sqlalchemy import func, select

from policyledger import cli
from policyledger.auth import identify_token
from policyledger.storage import open_database
from policyledger.storage.backup import Progress, backup
from policyledger.storage.backup.common import revisions
from policyledger.storage.models import AssessmentRow, AuditLog, Observation

AS_OF = "2024-12-31"
PASSWORD = "correct horse battery staple"
HEAD = revisions()[1]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assessments(db: str) -> dict[int, tuple]:
    """The stored assessment of every target on AS_OF: what a supervisor would read."""
    database = open_database(db)
    try:
        with database.session() as session:
            as_of = dt.date.fromisoformat(AS_OF)
            rows = session.scalars(select(AssessmentRow).where(AssessmentRow.as_of == as_of))
            return {
                r.target_id: (
                    r.status,
                    r.warning,
                    r.expected,
                    r.latest_value,
                    r.progress,
                    r.reports_missing,
                )
                for r in rows
            }
    finally:
        database.dispose()


def fill(capsys, monkeypatch, db: str) -> str:
    """A ledger with the sample, the published statistics, an assessment, a user and a token;
    returns the token."""
    assert run(capsys, "ingest", "--sample", "--db", db)[0] == 0
    assert run(capsys, "statistics", "--db", db)[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        run(capsys, "user", "add", "ops", "--role", "supervisor", "--password-stdin", "--db", db)[0]
        == 0
    )
    code, token, _ = run(capsys, "user", "token", "ops", "--db", db)
    assert code == 0
    assert run(capsys, "assess", "--as-of", AS_OF, "--db", db)[0] == 0
    return token.strip()


def check_restored(capsys, original: str, restored: str, token: str) -> None:
    """The restored ledger assesses as the original did, and keeps users, tokens and audit."""
    before = assessments(original)
    assert len(before) == 91
    code, _, err = run(capsys, "assess", "--as-of", AS_OF, "--db", restored)  # recomputed
    assert code == 0, err
    assert assessments(restored) == before
    assert "yellow" in {warning for _, warning, *_ in before.values()}
    database = open_database(restored)
    try:
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(Observation)) == 18
            assert identify_token(session, token)[0].username == "ops"
            row = session.scalar(select(AuditLog).where(AuditLog.action == "restore"))
            assert row.actor.startswith("cli:") and row.detail["revision"]
    finally:
        database.dispose()


def test_restored_ledger_assesses_identically(tmp_path, capsys, monkeypatch):
    original, restored, file = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "ledger.backup"
    token = fill(capsys, monkeypatch, str(original))
    code, out, err = run(capsys, "backup", str(file), "--db", str(original))
    assert code == 0, err
    assert "已备份" in out and f"数据库结构版本 {HEAD}" in out
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # it holds password hashes
    code, out, err = run(capsys, "restore", str(file), "--db", str(restored))
    assert code == 0, err
    assert "已从" in out
    check_restored(capsys, str(original), str(restored), token)


def test_restore_refuses_a_ledger_with_data_unless_forced(tmp_path, capsys, monkeypatch):
    original, other, file = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "a.backup"
    token = fill(capsys, monkeypatch, str(original))
    run(capsys, "backup", str(file), "--db", str(original))
    run(capsys, "ingest", "--sample", "--db", str(other))
    code, _, err = run(capsys, "restore", str(file), "--db", str(other))
    assert code == 1 and err.count("\n") == 1
    assert "holds data (3 documents)" in err and "--force" in err
    code, out, err = run(capsys, "restore", str(file), "--db", str(other), "--force")
    assert code == 0, err
    assert "替换" in out
    check_restored(capsys, str(original), str(other), token)


def test_restore_of_other_files_is_one_line(tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("not a backup\n", encoding="utf-8")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (id INTEGER)")
    target = tmp_path / "ledger.db"
    for file, message in [
        (text, "is not a policyledger backup"),
        (other, "is not a policyledger ledger (it has no table alembic_version)"),
        (tmp_path / "missing.backup", "no backup file"),
    ]:
        code, _, err = run(capsys, "restore", str(file), "--db", str(target))
        assert code == 1 and err.count("\n") == 1 and message in err, err
    assert not target.exists()


def test_restore_into_something_that_is_not_a_ledger_is_refused(tmp_path, capsys):
    ledger, file = tmp_path / "a.db", tmp_path / "a.backup"
    run(capsys, "ingest", "--sample", "--db", str(ledger))
    run(capsys, "backup", str(file), "--db", str(ledger))
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE things (id INTEGER)")
    code, _, err = run(capsys, "restore", str(file), "--db", str(other), "--force")
    assert code == 1 and "not a ledger" in err


def test_backup_refusals(tmp_path, capsys):
    ledger = tmp_path / "a.db"
    code, _, err = run(capsys, "backup", str(tmp_path / "x.backup"), "--db", str(ledger))
    assert code == 1 and err.strip() == f"policyledger: error: no ledger at {ledger}"
    run(capsys, "ingest", "--sample", "--db", str(ledger))
    code, _, err = run(capsys, "backup", str(ledger), "--db", str(ledger))
    assert code == 1 and "must not be the ledger itself" in err
    code, _, err = run(capsys, "backup", str(tmp_path / "no" / "x.backup"), "--db", str(ledger))
    assert code == 1 and "folder does not exist" in err
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".tmp", ".backup")]


def test_backup_is_one_snapshot_while_the_ledger_is_written(tmp_path, capsys):
    ledger = tmp_path / "a.db"
    assert run(capsys, "ingest", "--sample", "--db", str(ledger))[0] == 0
    writer = sqlite3.connect(ledger, timeout=5)
    steps: list[Progress] = []

    def write_meanwhile(progress: Progress) -> None:
        steps.append(progress)
        if len(steps) > 10:
            return  # (without the snapshot, every write would restart the copy)
        with writer:  # another connection commits while the copy is under way
            writer.execute(
                "INSERT INTO audit_log (at, actor, action, entity, detail) "
                "VALUES (CURRENT_TIMESTAMP, 'test', 'write', 'test', '{}')"
            )

    with sqlite3.connect(ledger) as conn:
        before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    file = tmp_path / "snapshot.backup"
    backup(str(ledger), file, progress=write_meanwhile, pages_per_step=5)
    writer.close()
    assert len(steps) > 10 and steps[-1].done == steps[-1].total
    with sqlite3.connect(file) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with sqlite3.connect(ledger) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before + 10


def test_restore_migrates_an_older_backup(tmp_path, capsys):
    from alembic import command

    from policyledger.storage.db import _alembic_config, make_engine

    old = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{old}")
    config = _alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")  # before users existed
    engine.dispose()
    file = tmp_path / "old.backup"
    assert run(capsys, "backup", str(file), "--db", str(old))[0] == 0
    new = tmp_path / "new.db"
    code, out, err = run(capsys, "restore", str(file), "--db", str(new))
    assert code == 0, err
    assert "0002" in out and f"已迁移到 {HEAD}" in out
    with sqlite3.connect(new) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "user_account" in tables
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD


def test_progress_of_long_work_goes_to_stderr(capsys):
    from policyledger.cli.backup import Meter

    meter = Meter("已复制", every=0)
    for done in (5, 10, 15):
        meter(Progress(done, 15, "pages"))
    _, err = capsys.readouterr()
    assert err.splitlines() == ["已复制 5/15 页", "已复制 10/15 页", "已复制 15/15 页"]
    quick = Meter("已复制")  # done at once: nothing but the result line
    quick(Progress(15, 15, "pages"))
    assert capsys.readouterr().err == ""
