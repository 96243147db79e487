"""What the SQLite and PostgreSQL halves of backup and restore share: the error, progress
reports, the check that a file is a policyledger ledger, and the refusal to replace data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sqlalchemy.engine import make_url

from policyledger.errors import PolicyLedgerError

# a ledger has these from its first migration on
REQUIRED_TABLES = frozenset(
    {"alembic_version", "source", "document", "plan", "task", "target", "body"}
    | {"assignment", "observation", "assessment", "audit_log"}
)
# rows here do not make a ledger "hold data": the body registry is filled automatically
NOT_CONTENT = frozenset({"alembic_version", "body", "login_attempt"})
_SHOWN = {"document": "documents", "observation": "observations", "user_account": "users"}


class BackupError(PolicyLedgerError):
    """A backup or restore that cannot be done; the message says why."""


@dataclass(frozen=True)
class Progress:
    """How far a copy is: ``done`` of ``total`` ``unit`` ("pages" or "tables")."""

    done: int
    total: int
    unit: str


ProgressCallback = Callable[[Progress], None]


@cache
def revisions() -> tuple[frozenset[str], str]:
    """The schema revisions this version knows, and the newest (head)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(resources.files("policyledger.storage") / "migrations"))
    return frozenset(r.revision for r in script.walk_revisions()), script.get_current_head()


def check_schema(tables: set[str], revision: str | None, what: str) -> str:
    """``revision`` if ``tables`` and ``revision`` are those of a ledger this version can
    migrate; BackupError otherwise."""
    missing = sorted(REQUIRED_TABLES - tables)
    if missing:
        raise BackupError(f"{what} is not a policyledger ledger (it has no table {missing[0]})")
    if not revision:
        raise BackupError(f"{what} is not a policyledger ledger (it has no schema revision)")
    if revision not in revisions()[0]:
        raise BackupError(
            f"{what} has schema revision {revision}, unknown to this version of policyledger "
            "(made by a newer one?)"
        )
    return revision


def refuse_to_replace(what: str, tables: set[str], counts: dict[str, int], force: bool) -> bool:
    """Whether the target ledger holds data. Without ``force`` a ledger that holds data is not
    replaced; a database that is not a ledger never is."""
    if tables and "alembic_version" not in tables:
        raise BackupError(f"{what} holds a database that is not a ledger: refusing to replace it")
    held = sum(counts.values())
    if held and not force:
        detail = ", ".join(f"{counts[t]} {name}" for t, name in _SHOWN.items() if counts.get(t))
        raise BackupError(
            f"the ledger {what} holds data ({detail or f'{held} rows'}): "
            "restore with --force to replace it"
        )
    return bool(held)


def shown(url: str) -> str:
    """A database URL fit to print (no password)."""
    return make_url(url).render_as_string(hide_password=True)
