"""Back up the ledger to one file and restore it.

SQLite: the online backup API copies the ledger page by page from one read snapshot, so the
copy is consistent while the ledger is in use (``sqlite.py``). PostgreSQL: ``pg_dump -Fc`` and
``pg_restore --clean --if-exists --no-owner`` of the server's major version (``postgres.py``).

A restore checks that the file is a policyledger backup of a schema this version knows,
refuses to replace a ledger that holds data unless forced, migrates the result up to the
current schema and records the restore in the audit log. Nothing here prints: progress goes
to a callback, refusals are ``BackupError`` with a one-line message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from policyledger.storage.backup import postgres, sqlite
from policyledger.storage.backup.common import (
    BackupError,
    Progress,
    ProgressCallback,
    revisions,
)
from policyledger.storage.db import open_database, resolve_url

__all__ = ["BackupError", "BackupResult", "Progress", "RestoreResult", "backup", "restore"]

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
PAGES_PER_STEP = 1024  # 4 MB of 4 KB pages between progress reports


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str  # "sqlite" or "postgresql"
    size: int  # bytes
    revision: str  # the ledger's schema revision


@dataclass(frozen=True)
class RestoreResult:
    engine: str
    revision: str  # the backup's schema revision
    head: str  # the schema revision after migrating
    replaced: bool  # the ledger held data that the backup replaced


def _sqlite_file(url: str) -> Path | None:
    """The ledger's file for SQLite, None for PostgreSQL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return None
    if parsed.get_backend_name() != "sqlite":
        raise BackupError("backup and restore work with SQLite and PostgreSQL ledgers only")
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up or restored")
    return Path(parsed.database)


def file_kind(file: Path) -> str:
    """ "sqlite" or "postgresql", from the first bytes of a backup file; BackupError if neither."""
    try:
        with file.open("rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise BackupError(f"cannot read {file}: {error.strerror or error}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{file} is not a policyledger backup (neither SQLite nor pg_dump -Fc)")


def backup(
    db: str | None,
    file: str | Path,
    progress: ProgressCallback | None = None,
    pages_per_step: int = PAGES_PER_STEP,
) -> BackupResult:
    """Copy the ledger at ``db`` into ``file`` (written under a temporary name, then renamed)."""
    url, target = resolve_url(db), Path(file)
    if target.is_dir() or not target.parent.is_dir():
        raise BackupError(f"cannot write {file}: it is a folder, or its folder does not exist")
    source = _sqlite_file(url)
    if source is not None:
        revision = sqlite.backup(source, target, progress, pages_per_step)
    else:
        revision = postgres.backup(url, target, progress)
    engine = "sqlite" if source is not None else "postgresql"
    return BackupResult(target, engine, target.stat().st_size, revision)


def restore(
    db: str | None,
    file: str | Path,
    force: bool = False,
    actor: str = "cli",
    progress: ProgressCallback | None = None,
    pages_per_step: int = PAGES_PER_STEP,
) -> RestoreResult:
    """Replace the ledger at ``db`` with the backup in ``file``, migrate it to the current
    schema and record the restore in its audit log."""
    from policyledger.storage import audit

    url, source = resolve_url(db), Path(file)
    if not source.is_file():
        raise BackupError(f"no backup file {file}")
    kind, target = file_kind(source), _sqlite_file(url)
    engine = "sqlite" if target is not None else "postgresql"
    if kind != engine:
        name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[kind]
        raise BackupError(f"{file} is a {name} backup: restore it into a {name} ledger")
    if target is not None:
        if not target.parent.is_dir():
            raise BackupError(f"cannot restore into {target}: its folder does not exist")
        revision, replaced = sqlite.restore(source, target, force, progress, pages_per_step)
    else:
        revision, replaced = postgres.restore(url, source, force, progress)
    database = open_database(url)  # migrates up to head
    try:
        with database.session() as session:
            audit.record(
                session, actor, "restore", "ledger", None, file=source.name, revision=revision
            )
    finally:
        database.dispose()
    return RestoreResult(engine, revision, revisions()[1], replaced)
