"""PostgreSQL backup and restore with the client tools: ``pg_dump -Fc`` (one snapshot, so
consistent while the ledger is in use) and ``pg_restore --clean --if-exists --no-owner`` in a
single transaction (all or nothing).

The tools must be of the server's major version: Debian's ``/usr/lib/postgresql/N/bin`` is
preferred to ``PATH``, and ``$POLICYLEDGER_PG_BIN`` names the folder to use instead. The
password travels in ``PGPASSWORD``, never on the command line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import URL, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from policyledger.storage.backup.common import (
    NOT_CONTENT,
    BackupError,
    Progress,
    ProgressCallback,
    check_schema,
    refuse_to_replace,
    shown,
)
from policyledger.storage.db import make_engine

PG_BIN_ENV = "POLICYLEDGER_PG_BIN"


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password, and an environment that carries it."""
    u = make_url(url)
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    plain = URL.create("postgresql", u.username, None, u.host, u.port, u.database, u.query)
    return plain.render_as_string(hide_password=False), env


def _state(url: str) -> tuple[int, set[str], str | None, dict[str, int]]:
    """The server's major version; the tables, schema revision and rows per content table."""
    engine = make_engine(url)
    revision = None
    try:
        with engine.connect() as conn:
            major = int(conn.execute(text("SHOW server_version_num")).scalar()) // 10000
            tables = set(inspect(conn).get_table_names())
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            counts = {
                t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar()
                for t in sorted(tables - NOT_CONTENT)
            }
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise BackupError(f"cannot connect to {shown(url)}: {reason}") from None
    finally:
        engine.dispose()
    return major, tables, revision, counts


def pg_tool(name: str, major: int) -> str:
    """The path of ``pg_dump`` or ``pg_restore`` of PostgreSQL ``major``, or BackupError."""
    folder = os.environ.get(PG_BIN_ENV)
    debian = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if folder:
        path: str | None = str(Path(folder) / name)
    else:
        path = str(debian) if debian.is_file() else shutil.which(name)
    hint = f"install postgresql-client-{major} (Debian) or set {PG_BIN_ENV} to its bin folder"
    if not path or not os.path.isfile(path) or not os.access(path, os.X_OK):
        raise BackupError(f"{name} not found: {hint}")
    out = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"\)\s*(\d+)", out)
    if not found or int(found.group(1)) != major:
        version = found.group(1) if found else "of an unknown version"
        raise BackupError(f"{path} is PostgreSQL {version} but the server is {major}: {hint}")
    return path


def _run(cmd: list[str], env, progress: ProgressCallback | None, marker: str, total: int):
    """Run a client tool, counting its --verbose lines with ``marker`` as progress; a failure
    is a BackupError with the tool's first error line."""
    pipe = subprocess.PIPE
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=pipe, text=True)
    done, errors = 0, []
    assert proc.stderr is not None
    for line in proc.stderr:
        if marker in line:
            done += 1
            if progress:
                progress(Progress(min(done, total), total, "tables"))
        elif "error:" in line or "FATAL" in line or "ERROR" in line:
            errors.append(line.strip())
    if proc.wait() != 0:
        first = errors[0].split("error: ", 1)[-1] if errors else f"exit status {proc.returncode}"
        raise BackupError(f"{Path(cmd[0]).name} failed: {first}")


def backup(url: str, target: Path, progress: ProgressCallback | None) -> str:
    """Dump the ledger at ``url`` to ``target``; return its schema revision."""
    major, tables, revision, _ = _state(url)
    revision = check_schema(tables, revision, f"the database {shown(url)}")
    tool = pg_tool("pg_dump", major)
    uri, env = _libpq(url)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)  # readable by its owner only: the dump holds password hashes
    try:
        cmd = [tool, "--format=custom", "--verbose", "--file", tmp, "--dbname", uri]
        _run(cmd, env, progress, "dumping contents of table", len(tables))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return revision


def _archive(tool: str, file: Path) -> tuple[set[str], str | None, int]:
    """The tables, the schema revision and the number of table-data entries of an archive."""
    listing = subprocess.run([tool, "--list", str(file)], capture_output=True, text=True)
    if listing.returncode != 0:
        reason = (listing.stderr.strip().splitlines() or ["unreadable"])[0]
        raise BackupError(f"{file} is not a policyledger backup: {reason.split('error: ')[-1]}")
    tables = set(re.findall(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ", listing.stdout, re.M))
    entries = len(re.findall(r"^\d+; \d+ \d+ TABLE DATA ", listing.stdout, re.M))
    data = subprocess.run(
        [tool, "--data-only", "--table=alembic_version", "--file=-", str(file)],
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"^COPY \S*alembic_version .*?FROM stdin;\n(\w+)\n", data, re.M)
    return tables, found.group(1) if found else None, entries


def restore(
    url: str, file: Path, force: bool, progress: ProgressCallback | None
) -> tuple[str, bool]:
    """Replace the ledger at ``url`` with the archive ``file``; return the archive's schema
    revision and whether the ledger held data."""
    major, tables, _, counts = _state(url)
    tool = pg_tool("pg_restore", major)
    archived, revision, entries = _archive(tool, file)
    revision = check_schema(archived, revision, str(file))
    replaced = refuse_to_replace(shown(url), tables, counts, force)
    uri, env = _libpq(url)
    cmd = [tool, "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    cmd += ["--exit-on-error", "--verbose", "--dbname", uri, str(file)]
    _run(cmd, env, progress, "processing data for table", entries)
    return revision, replaced
