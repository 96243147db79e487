"""Rule packs' records in the ledger: write a batch of them, read the current ones, read a
key's history. Generic: any pack stores its data here (``pack_record``, one row per version of
a record, its fields as JSON) under a batch (``pack_batch``, one per imported file).

- A record is identified by ``(pack, kind, record_key)``. Writing a key that has a current
  record with *other* data supersedes it: the new row is version n+1 with ``supersedes_id``
  set, the old row stays with ``is_current`` false. The same data again is left as it is
  (counted as unchanged, nothing written). A partial unique index keeps one current row per
  key even when two imports race.
- A batch's ``rows`` is the number of records it wrote; the same file (SHA-256) imported
  again for the same kind is recognised (:func:`earlier_batch`) and writes nothing.
- Every record written has an audit row ("add" or "supersede", entity ``pack_record``), and
  the batch one ("import", entity ``pack_batch``) with the counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, func, select, update
from sqlalchemy.orm import Session

from policyledger.storage import audit
from policyledger.storage.models import AuditLog, PackBatch, PackRecord

CHUNK = 500


@dataclass(frozen=True)
class NewRecord:
    """A record to write: its key within the kind, its fields (plain JSON data), the period it
    covers (a label and the period's last day) and the body it belongs to, if any."""

    key: str
    data: dict[str, Any]
    period: str | None = None
    as_of: dt.date | None = None
    body_id: str | None = None


@dataclass(frozen=True)
class BatchInfo:
    """Where a batch of records comes from."""

    pack: str
    kind: str
    filename: str
    sha256: str
    synthetic: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Written:
    """What :func:`write_records` did."""

    batch_id: int
    added: int
    superseded: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.added + self.superseded


def earlier_batch(session: Session, pack: str, kind: str, sha256: str) -> PackBatch | None:
    """The batch that imported the very same file for this kind before, if any."""
    return session.scalar(
        select(PackBatch).where(
            PackBatch.pack == pack, PackBatch.kind == kind, PackBatch.sha256 == sha256
        )
    )


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def current_by_key(session: Session, pack: str, kind: str, keys: Sequence[str]) -> dict:
    """The current record of each of ``keys`` that has one."""
    found: dict[str, PackRecord] = {}
    for part in _chunks(sorted(set(keys))):
        for row in session.scalars(
            select(PackRecord).where(
                PackRecord.pack == pack,
                PackRecord.kind == kind,
                PackRecord.is_current.is_(True),
                PackRecord.record_key.in_(part),
            )
        ):
            found[row.record_key] = row
    return found


def write_records(
    session: Session, info: BatchInfo, records: Sequence[NewRecord], actor: str
) -> Written:
    """Write ``records`` (distinct keys) as one batch in the session's transaction."""
    keys = [r.key for r in records]
    if len(set(keys)) != len(keys):
        raise ValueError("write_records: the same key twice in one batch")
    current = current_by_key(session, info.pack, info.kind, keys)
    changed = [r for r in records if r.key not in current or current[r.key].data != r.data]
    batch = PackBatch(
        pack=info.pack,
        kind=info.kind,
        filename=info.filename[:300],
        sha256=info.sha256,
        rows=len(changed),
        synthetic=info.synthetic,
        note=info.note,
        actor=actor,
    )
    session.add(batch)
    session.flush()
    old_ids = [current[r.key].id for r in changed if r.key in current]
    for part in _chunks(old_ids):  # first, so that the new versions can be current
        session.execute(
            update(PackRecord)
            .where(PackRecord.id.in_(part))
            .values(is_current=False)
            .execution_options(synchronize_session=False)
        )
    for old in (current[r.key] for r in changed if r.key in current):
        session.expire(old, ["is_current"])
    rows = []
    for record in changed:
        before = current.get(record.key)
        rows.append(
            PackRecord(
                pack=info.pack,
                kind=info.kind,
                record_key=record.key,
                period=record.period,
                as_of=record.as_of,
                body_id=record.body_id,
                data=record.data,
                version=before.version + 1 if before else 1,
                is_current=True,
                supersedes_id=before.id if before else None,
                batch_id=batch.id,
                actor=actor,
            )
        )
    session.add_all(rows)
    session.flush()
    for row in rows:
        audit.record(
            session,
            actor,
            "supersede" if row.supersedes_id else "add",
            "pack_record",
            row.id,
            pack=info.pack,
            kind=info.kind,
            key=row.record_key,
            batch=batch.id,
            version=row.version,
            supersedes=row.supersedes_id,
        )
    written = Written(batch.id, len(rows) - len(old_ids), len(old_ids), len(records) - len(rows))
    audit.record(
        session,
        actor,
        "import",
        "pack_batch",
        batch.id,
        pack=info.pack,
        kind=info.kind,
        filename=batch.filename,
        sha256=info.sha256,
        rows=batch.rows,
        added=written.added,
        superseded=written.superseded,
        unchanged=written.unchanged,
        synthetic=info.synthetic,
    )
    session.flush()
    return written


def current_records(
    session: Session,
    pack: str,
    kind: str,
    *,
    periods: Sequence[str] | None = None,
    until: dt.date | None = None,
) -> list[PackRecord]:
    """The current records of a kind (only those of ``periods``, or as of ``until`` or
    earlier, when given), by key."""
    query = select(PackRecord).where(
        PackRecord.pack == pack, PackRecord.kind == kind, PackRecord.is_current.is_(True)
    )
    if periods is not None:
        query = query.where(PackRecord.period.in_(list(periods)))
    if until is not None:
        query = query.where(PackRecord.as_of <= until)
    return list(session.scalars(query.order_by(PackRecord.record_key)))


def record_history(session: Session, pack: str, kind: str, key: str) -> list[PackRecord]:
    """Every version of a record, oldest first."""
    return list(
        session.scalars(
            select(PackRecord)
            .where(PackRecord.pack == pack, PackRecord.kind == kind, PackRecord.record_key == key)
            .order_by(PackRecord.version, PackRecord.id)
        )
    )


def periods_of(session: Session, pack: str, kind: str) -> list[tuple[str, dt.date]]:
    """The periods (label, last day) the current records of a kind cover, latest first."""
    rows = session.execute(
        select(PackRecord.period, func.max(PackRecord.as_of))
        .where(
            PackRecord.pack == pack,
            PackRecord.kind == kind,
            PackRecord.is_current.is_(True),
            PackRecord.period.is_not(None),
        )
        .group_by(PackRecord.period)
    ).all()
    return sorted(((p, d) for p, d in rows if d is not None), key=lambda r: (r[1], r[0]))[::-1]


def batches(session: Session, pack: str, limit: int = 20) -> list[PackBatch]:
    """The latest batches of a pack, newest first."""
    return list(
        session.scalars(
            select(PackBatch)
            .where(PackBatch.pack == pack)
            .order_by(PackBatch.id.desc())
            .limit(limit)
        )
    )


def synthetic(session: Session, records: Iterable[PackRecord]) -> bool:
    """Whether any of ``records`` came in with a batch marked synthetic (invented data)."""
    ids = sorted({r.batch_id for r in records})
    for part in _chunks(ids):
        found = session.scalar(
            select(PackBatch.id)
            .where(PackBatch.id.in_(part), PackBatch.synthetic.is_(True))
            .limit(1)
        )
        if found is not None:
            return True
    return False


def pack_problems(session: Session) -> list[str]:
    """What would show a pack import was cut off or edited by hand: a superseding record of
    another key, a batch holding fewer or more records than it wrote, a batch without the
    audit row of its import (for ``policyledger check``)."""
    problems: list[str] = []
    older = PackRecord.__table__.alias("older")
    mismatched = (
        select(PackRecord.id)
        .join(older, older.c.id == PackRecord.supersedes_id)
        .where(
            (older.c.record_key != PackRecord.record_key)
            | (older.c.kind != PackRecord.kind)
            | (older.c.pack != PackRecord.pack)
        )
    )
    problems += [
        f"pack record {record_id} supersedes a record of another key"
        for record_id in session.scalars(mismatched.order_by(PackRecord.id).limit(20))
    ]
    held = (
        select(PackRecord.batch_id, func.count().label("n"))
        .group_by(PackRecord.batch_id)
        .subquery()
    )
    short = (
        select(PackBatch.id, PackBatch.rows, func.coalesce(held.c.n, 0))
        .outerjoin(held, held.c.batch_id == PackBatch.id)
        .where(PackBatch.rows != func.coalesce(held.c.n, 0))
        .order_by(PackBatch.id)
        .limit(20)
    )
    problems += [
        f"pack batch {batch_id} records {rows} rows but holds {n} records"
        for batch_id, rows, n in session.execute(short)
    ]
    audited = select(AuditLog.entity_id).where(
        AuditLog.entity == "pack_batch", AuditLog.action == "import"
    )
    unaudited = (
        select(PackBatch.id)
        .where(cast(PackBatch.id, String).not_in(audited))
        .order_by(PackBatch.id)
        .limit(20)
    )
    problems += [
        f"pack batch {batch_id} has no audit row recording its import"
        for batch_id in session.scalars(unaudited)
    ]
    return problems
