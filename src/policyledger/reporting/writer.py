"""Record validated report rows in bulk, with exactly the semantics of
:func:`policyledger.storage.observations.add_observation`: a value for a period that already
has a current one is a new version that supersedes it (the old row stays, no longer current),
and every new observation gets its own audit row ("report" or "correct", same details).

Rows go in with a handful of statements (the superseded rows updated together, one
executemany INSERT for the observations and one for their audit rows) instead of a SELECT, an
INSERT and a flush per row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from policyledger.reporting.validate import CHUNK, ValidRow
from policyledger.storage.models import AuditLog, Observation


@dataclass(frozen=True)
class _Previous:
    id: int
    version: int
    value: float


def _current(session: Session, rows: Sequence[ValidRow]) -> dict[tuple[int, str], _Previous]:
    """The current observation of each (target lineage, period) the rows report."""
    lineages = sorted({r.lineage for r in rows})
    labels = sorted({r.period.label for r in rows})
    wanted = {(r.lineage, r.period.label) for r in rows}
    found: dict[tuple[int, str], _Previous] = {}
    columns = (
        Observation.id,
        Observation.target_lineage,
        Observation.period,
        Observation.version,
        Observation.value,
    )
    for i in range(0, len(lineages), CHUNK):
        query = select(*columns).where(
            Observation.target_lineage.in_(lineages[i : i + CHUNK]),
            Observation.is_current.is_(True),
        )
        if len(labels) <= CHUNK:
            query = query.where(Observation.period.in_(labels))
        for row_id, lineage, period, version, value in session.execute(query):
            if (lineage, period) in wanted:
                found[(lineage, period)] = _Previous(row_id, version, value)
    return found


def _new_ids(session: Session, batch_id: int, lineages: list[int]) -> dict[tuple[int, str], int]:
    ids: dict[tuple[int, str], int] = {}
    for i in range(0, len(lineages), CHUNK):
        query = select(Observation.id, Observation.target_lineage, Observation.period).where(
            Observation.target_lineage.in_(lineages[i : i + CHUNK]),
            Observation.batch_id == batch_id,
        )
        for row_id, lineage, period in session.execute(query):
            ids[(lineage, period)] = row_id
    return ids


def record_observations(
    session: Session,
    rows: Sequence[ValidRow],
    actor: str,
    batch_id: int,
    received_on: dt.date | None = None,
) -> int:
    """Record ``rows`` (one per target and period) in the session's transaction; return how
    many were corrections of a value already reported."""
    if not rows:
        return 0
    received_on = received_on or dt.date.today()
    previous = _current(session, rows)
    params: list[dict] = []
    superseded: list[_Previous | None] = []
    for row in rows:
        old = previous.get((row.lineage, row.period.label))
        params.append(
            {
                "target_lineage": row.lineage,
                "period": row.period.label,
                "period_end": row.period.end,
                "value": float(row.value),
                "unit": row.unit,
                "note": row.note,
                "source_url": row.source_url,
                "source_title": None,
                "reporter_id": row.reporter_id,
                "received_on": received_on,
                "version": old.version + 1 if old else 1,
                "supersedes_id": old.id if old else None,
                "is_current": True,
                "batch_id": batch_id,
                "actor": actor,
            }
        )
        superseded.append(old)
    # the superseded rows first (objects already in the session are updated too)
    old_ids = sorted(old.id for old in previous.values())
    for i in range(0, len(old_ids), CHUNK):
        session.execute(
            update(Observation)
            .where(Observation.id.in_(old_ids[i : i + CHUNK]))
            .values(is_current=False)
        )
    # INSERT … RETURNING of many rows is several times slower on PostgreSQL than a plain
    # executemany: insert, then read the new ids back (one row per lineage and period here)
    session.execute(insert(Observation.__table__), params)
    ids = _new_ids(session, batch_id, sorted({r.lineage for r in rows}))
    audits = []
    for values, old in zip(params, superseded, strict=True):
        audits.append(
            {
                "actor": actor,
                "action": "correct" if old else "report",
                "entity": "observation",
                "entity_id": str(ids[(values["target_lineage"], values["period"])]),
                "detail": {
                    "target_lineage": values["target_lineage"],
                    "period": values["period"],
                    "value": values["value"],
                    "supersedes": old.id if old else None,
                    "previous_value": old.value if old else None,
                },
            }
        )
    session.execute(insert(AuditLog.__table__), audits)
    return len(old_ids)
