"""``policyledger backup`` and ``restore`` on PostgreSQL (pg_dump / pg_restore), and the
checks on the client tools. The round trip runs when POLICYLEDGER_TEST_DATABASE_URL names a
server and pg_dump is installed (Debian: postgresql-client of the server's major version)."""

from __future__ import annotations

import os
import shutil

import pytest

from policyledger.storage.backup import BackupError
from policyledger.storage.backup.postgres import PG_BIN_ENV, pg_tool
from tests.cli.test_backup import check_restored, fill, run
from tests.conftest import TEST_DB_ENV

needs_postgres = pytest.mark.skipif(
    not os.environ.get(TEST_DB_ENV) or not shutil.which("pg_dump"),
    reason=f"needs {TEST_DB_ENV} and pg_dump",
)


@pytest.fixture
def scratch():
    """Make scratch databases on the test server; drop them afterwards."""
    from policyledger.storage.scratch import scratch_database

    drops = []

    def make() -> str:
        url, drop = scratch_database(os.environ[TEST_DB_ENV], prefix="policyledger_backup")
        drops.append(drop)
        return url

    yield make
    for drop in drops:
        drop()


@needs_postgres
def test_restored_postgres_ledger_assesses_identically(scratch, tmp_path, capsys, monkeypatch):
    original, restored, file = scratch(), scratch(), tmp_path / "ledger.dump"
    token = fill(capsys, monkeypatch, original)
    code, out, err = run(capsys, "backup", str(file), "--db", original)
    assert code == 0, err
    assert file.read_bytes().startswith(b"PGDMP") and "已备份" in out
    code, _, err = run(capsys, "restore", str(file), "--db", restored)  # an empty database
    assert code == 0, err
    check_restored(capsys, original, restored, token)

    code, _, err = run(capsys, "restore", str(file), "--db", restored)
    assert code == 1 and err.count("\n") == 1 and "holds data" in err and "--force" in err
    code, out, err = run(capsys, "restore", str(file), "--db", restored, "--force")
    assert code == 0, err
    check_restored(capsys, original, restored, token)

    sqlite_ledger = tmp_path / "x.db"
    code, _, err = run(capsys, "restore", str(file), "--db", str(sqlite_ledger))
    assert code == 1 and "PostgreSQL backup: restore it into a PostgreSQL ledger" in err


@needs_postgres
def test_postgres_restore_of_other_files_is_one_line(scratch, tmp_path, capsys):
    target = scratch()
    fake = tmp_path / "fake.dump"
    fake.write_bytes(b"PGDMP" + b"\0" * 100)
    code, _, err = run(capsys, "restore", str(fake), "--db", target)
    assert code == 1 and err.count("\n") == 1 and "is not a policyledger backup" in err
    code, _, err = run(capsys, "backup", str(tmp_path / "x.dump"), "--db", target)
    assert code == 1 and "is not a policyledger ledger" in err  # an empty database


def test_missing_or_mismatched_client_tools_are_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv(PG_BIN_ENV, str(tmp_path))
    with pytest.raises(BackupError, match="pg_dump not found: install postgresql-client-15"):
        pg_tool("pg_dump", 15)
    tool = tmp_path / "pg_dump"
    tool.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 14.11 (Debian 14.11-1)'\n")
    tool.chmod(0o755)
    with pytest.raises(BackupError, match="is PostgreSQL 14 but the server is 15") as error:
        pg_tool("pg_dump", 15)
    assert "\n" not in str(error.value)
    assert pg_tool("pg_dump", 14) == str(tool)
