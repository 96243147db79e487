"""Check that the ledger is whole: what a crash, a half-finished import or a hand edit of the
database would break, on SQLite and PostgreSQL alike.

:func:`check_integrity` returns one line per problem (none: the ledger is sound):

- SQLite only: ``PRAGMA integrity_check`` (the file itself) and ``PRAGMA foreign_key_check``;
- at most one current observation per target lineage and period;
- every ``supersedes_id`` points to an existing observation of the same target and period;
- every current observation is approved (submitted and returned values are never current);
- version numbers are unique per target and period;
- every import batch is complete: it holds exactly the observations it records (``rows``; a
  batch of no rows is a recorded no-op) and has the audit row of its import — the import
  batch has no status column, and an import writes its batch, observations and audit rows in
  one transaction, so a batch short of rows is one that was cut off;
- no audit row refers to an observation or import batch that does not exist;
- rule packs' records (:func:`policyledger.storage.packs.pack_problems`): a new version
  supersedes a record of its own key, every pack batch holds the records it wrote and has the
  audit row of its import.

Each kind of problem is listed at most :data:`MAX_SHOWN` times, then counted.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import String, cast, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from policyledger.storage.models import AuditLog, ImportBatch, Observation
from policyledger.storage.observations import APPROVED
from policyledger.storage.packs import pack_problems

MAX_SHOWN = 20
# audit rows naming an import batch: the report importer's and the statistics loader's
BATCH_ENTITIES = {"import_batch": "import", "statistics": "load"}


def check_integrity(session: Session) -> list[str]:
    """Every problem found in the ledger, one line each; an empty list means it is sound."""
    problems: list[str] = []
    if session.get_bind().dialect.name == "sqlite":
        problems += _sqlite(session)
    for check in (
        _current_unique,
        _supersedes,
        _current_approved,
        _versions,
        _batches,
        _audit_references,
        pack_problems,
    ):
        problems += check(session)
    return problems


def counts(session: Session) -> tuple[int, int]:
    """(observations, import batches) in the ledger: what a check looked at."""
    observations = session.scalar(select(func.count()).select_from(Observation)) or 0
    batches = session.scalar(select(func.count()).select_from(ImportBatch)) or 0
    return observations, batches


def _capped(lines: Iterable[str], what: str) -> list[str]:
    """At most MAX_SHOWN lines, then "… and N more <what>"."""
    shown: list[str] = []
    more = 0
    for line in lines:
        if len(shown) < MAX_SHOWN:
            shown.append(line)
        else:
            more += 1
    if more:
        shown.append(f"… and {more} more {what}")
    return shown


def _sqlite(session: Session) -> list[str]:
    problems = [
        f"SQLite integrity check: {row[0]}"
        for row in session.execute(text("PRAGMA integrity_check"))
        if row[0] != "ok"
    ]
    violations = session.execute(text("PRAGMA foreign_key_check")).all()
    problems += _capped(
        (
            f"table {table} row {rowid}: foreign key to {parent} points to no row"
            for table, rowid, parent, _fk in violations
        ),
        "foreign key violations",
    )
    return problems


def _current_unique(session: Session) -> list[str]:
    key = (Observation.target_lineage, Observation.period)
    query = (
        select(*key, func.count())
        .where(Observation.is_current.is_(True))
        .group_by(*key)
        .having(func.count() > 1)
        .order_by(*key)
    )
    return _capped(
        (
            f"target {lineage}, period {period}: {n} current observations (at most one)"
            for lineage, period, n in session.execute(query)
        ),
        "periods with several current observations",
    )


def _supersedes(session: Session) -> list[str]:
    new, old = aliased(Observation), aliased(Observation)
    query = (
        select(
            new.id,
            new.supersedes_id,
            new.target_lineage,
            new.period,
            old.id,
            old.target_lineage,
            old.period,
        )
        .outerjoin(old, old.id == new.supersedes_id)
        .where(
            new.supersedes_id.is_not(None),
            or_(
                old.id.is_(None),
                old.target_lineage != new.target_lineage,
                old.period != new.period,
            ),
        )
        .order_by(new.id)
    )

    def lines() -> Iterable[str]:
        for row in session.execute(query):
            row_id, supersedes, lineage, period, found, old_lineage, old_period = row
            if found is None:
                yield (
                    f"observation {row_id} supersedes observation {supersedes}, "
                    "which does not exist"
                )
            else:
                yield (
                    f"observation {row_id} (target {lineage}, period {period}) supersedes "
                    f"observation {supersedes} of target {old_lineage}, period {old_period}"
                )

    return _capped(lines(), "broken correction links")


def _current_approved(session: Session) -> list[str]:
    query = (
        select(Observation.id, Observation.status)
        .where(Observation.is_current.is_(True), Observation.status != APPROVED)
        .order_by(Observation.id)
    )
    return _capped(
        (
            f"observation {row_id} is current but {status}, not approved"
            for row_id, status in session.execute(query)
        ),
        "current observations not approved",
    )


def _versions(session: Session) -> list[str]:
    key = (Observation.target_lineage, Observation.period, Observation.version)
    query = select(*key, func.count()).group_by(*key).having(func.count() > 1).order_by(*key)
    return _capped(
        (
            f"target {lineage}, period {period}: version {version} appears {n} times"
            for lineage, period, version, n in session.execute(query)
        ),
        "repeated version numbers",
    )


def _batches(session: Session) -> list[str]:
    held = (
        select(Observation.batch_id, func.count().label("n"))
        .where(Observation.batch_id.is_not(None))
        .group_by(Observation.batch_id)
        .subquery()
    )
    short = (
        select(ImportBatch.id, ImportBatch.rows, func.coalesce(held.c.n, 0))
        .outerjoin(held, held.c.batch_id == ImportBatch.id)
        .where(func.coalesce(held.c.n, 0) != ImportBatch.rows)
        .order_by(ImportBatch.id)
    )
    problems = _capped(
        (
            f"import batch {batch_id} records {rows} rows but holds {n} observations "
            "(an incomplete import)"
            for batch_id, rows, n in session.execute(short)
        ),
        "incomplete import batches",
    )
    audited = select(AuditLog.entity_id).where(
        AuditLog.entity.in_(list(BATCH_ENTITIES)), AuditLog.entity_id.is_not(None)
    )
    # IN (subquery): SQLite and PostgreSQL build the set once instead of a scan per row
    recorded = cast(ImportBatch.id, String).in_(audited)
    unaudited = select(ImportBatch.id).where(~recorded).order_by(ImportBatch.id)
    problems += _capped(
        (
            f"import batch {batch_id} has no audit row recording its import"
            for batch_id in session.scalars(unaudited)
        ),
        "import batches without an audit row",
    )
    return problems


def _audit_references(session: Session) -> list[str]:
    problems: list[str] = []
    for entity, model, noun in (
        ("observation", Observation, "observation"),
        *((name, ImportBatch, "import batch") for name in BATCH_ENTITIES),
    ):
        known = select(cast(model.id, String))
        query = (
            select(AuditLog.id, AuditLog.action, AuditLog.entity_id)
            .where(
                AuditLog.entity == entity,
                AuditLog.entity_id.is_not(None),
                AuditLog.entity_id.not_in(known),
            )
            .order_by(AuditLog.id)
        )
        lines = [
            f"audit row {row_id} ({action}) refers to {noun} {entity_id}, which does not exist"
            for row_id, action, entity_id in session.execute(query)
        ]
        problems += _capped(lines, f"audit rows referring to a missing {noun}")
    return problems
