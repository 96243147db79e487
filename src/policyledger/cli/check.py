"""``policyledger check``: check the ledger's integrity (see
:mod:`policyledger.storage.integrity`). Prints "ledger OK (N observations, M batches checked)",
or each problem on a line of its own and exits with status 1.

The check only reads: it never creates a missing SQLite file, and it does not upgrade the
schema (a ledger at an older migration is reported, not changed)."""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

from policyledger.cli.common import add_db_option
from policyledger.errors import PolicyLedgerError


def register(commands) -> None:
    check = commands.add_parser(
        "check", help="check the ledger's integrity; exit status 1 if anything is wrong"
    )
    add_db_option(check)
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> str:
    from sqlalchemy.exc import SQLAlchemyError

    from policyledger.storage.integrity import check_integrity, counts

    database = _open(getattr(args, "db", None))
    try:
        with database.session() as session:
            problems = check_integrity(session)
            observations, batches = counts(session)
    except SQLAlchemyError as error:
        reason = " ".join(str(getattr(error, "orig", None) or error).split())[:200]
        raise PolicyLedgerError(f"cannot check the ledger {database.url}: {reason}") from None
    finally:
        database.dispose()
    if problems:
        for problem in problems:
            print(problem, flush=True)
        noun = "problem" if len(problems) == 1 else "problems"
        raise PolicyLedgerError(f"the ledger {database.url} has {len(problems)} {noun}")
    return f"ledger OK ({observations} observations, {batches} batches checked)\n"


def _open(db: str | None):
    """Open the ledger as it is: no new file, no migration; refuse what is not a ledger."""
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url

    from policyledger.storage.db import open_database, resolve_url

    url = make_url(resolve_url(db))
    local = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if local and not Path(url.database).is_file():
        raise PolicyLedgerError(f"no ledger at {url.database}")
    database = open_database(db, migrate=False)
    try:
        if "observation" not in inspect(database.engine).get_table_names():
            raise PolicyLedgerError(f"{database.url} is not a ledger (it has no observation table)")
        _check_schema(database)
    except BaseException:
        database.dispose()
        raise
    return database


def _check_schema(database) -> None:
    """Refuse a ledger whose schema is not at this version's latest migration."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    folder = resources.files("policyledger.storage") / "migrations"
    heads = set(ScriptDirectory(str(folder)).get_heads())
    with database.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current != heads:
        shown = ", ".join(sorted(current)) or "none"
        raise PolicyLedgerError(
            f"{database.url} is at schema revision {shown}, not {', '.join(sorted(heads))}: "
            "open it with another policyledger command first to upgrade it"
        )
