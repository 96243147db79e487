"""SQLite backup and restore through the online backup API (``sqlite3.Connection.backup``).

The source is read inside one read transaction held across every step of the copy, so the
backup is one consistent snapshot even while the ledger is in use; in WAL mode writers are not
blocked meanwhile. A backup is a plain SQLite file in rollback-journal mode (one file, nothing
beside it), readable by its owner only (it holds password hashes)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import quote

from policyledger.storage.backup.common import (
    NOT_CONTENT,
    BackupError,
    Progress,
    ProgressCallback,
    check_schema,
    refuse_to_replace,
)


def _pages(progress: ProgressCallback | None):
    if progress is None:
        return None
    return lambda _status, remaining, total: progress(Progress(total - remaining, total, "pages"))


def state(conn: sqlite3.Connection) -> tuple[set[str], str | None, dict[str, int]]:
    """The tables, the schema revision and the rows per content table of an open file."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    revision = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    counts = {
        t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in sorted(tables - NOT_CONTENT)
        if not t.startswith("sqlite_")
    }
    return tables, revision, counts


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def backup(source: Path, target: Path, progress: ProgressCallback | None, step: int) -> str:
    """Copy the ledger file ``source`` to ``target``; return its schema revision."""
    if not source.is_file():
        raise BackupError(f"no ledger at {source}")
    real = source.resolve()
    companions = {real.with_name(real.name + suffix) for suffix in ("-wal", "-shm")}
    if _same(source, target) or target.resolve() in companions:
        raise BackupError("the backup file must not be the ledger itself")
    src = sqlite3.connect(source, timeout=30, isolation_level=None)
    try:
        try:
            tables, revision, _ = state(src)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not a SQLite database ({error})") from None
        revision = check_schema(tables, revision, f"the database {source}")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)  # mkstemp made it readable by its owner only
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.execute("BEGIN")  # one read snapshot for every step of the copy
                src.execute("SELECT count(*) FROM sqlite_master").fetchone()
                src.backup(dst, pages=step, progress=_pages(progress))
                src.execute("COMMIT")
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                dst.close()
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    finally:
        src.close()
    return revision


def restore(
    file: Path, target: Path, force: bool, progress: ProgressCallback | None, step: int
) -> tuple[str, bool]:
    """Replace the ledger file ``target`` with the backup ``file``; return the backup's schema
    revision and whether the ledger held data."""
    if target.exists() and _same(file, target):
        raise BackupError("the backup file is the ledger itself")
    src = sqlite3.connect(f"file:{quote(str(file.resolve()))}?mode=ro", uri=True)
    try:
        try:
            tables, revision, _ = state(src)
            damaged = src.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{file} is not a policyledger backup ({error})") from None
        revision = check_schema(tables, revision, str(file))
        if damaged:
            raise BackupError(f"{file} is damaged (SQLite quick_check failed)")
        replaced = False
        if target.exists() and target.stat().st_size:
            dst = sqlite3.connect(target, timeout=30)
            try:
                held, _, counts = state(dst)
            except sqlite3.DatabaseError as error:
                raise BackupError(f"{target} is not a SQLite database ({error})") from None
            finally:
                dst.close()
            replaced = refuse_to_replace(str(target), held, counts, force)
        dst = sqlite3.connect(target, timeout=30)
        try:
            src.backup(dst, pages=step, progress=_pages(progress))
        except sqlite3.Error as error:
            raise BackupError(f"cannot write the ledger {target}: {error}") from None
        finally:
            dst.close()
    finally:
        src.close()
    return revision, replaced
