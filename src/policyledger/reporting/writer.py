"""Record validated report rows in bulk, with exactly the semantics of
:func:`policyledger.storage.observations.add_observation`: a value for a period that already
has a current one is a new version that supersedes it (the old row stays, no longer current),
and every new observation gets its own audit row ("report" or "correct", same details).

Rows go in with a handful of statements (the superseded rows updated together, one
executemany INSERT for the observations and one for their audit rows) instead of a SELECT, an
INSERT and a flush per row.

Rows recorded as ``submitted`` (a reporter's, waiting for review) follow
``add_observation(status="submitted")``: they are not current, point at the value they would
correct, and change nothing until a supervisor approves them.

A new version is numbered one past the highest version of its target and period (a pending
submission keeps its number).

Test-only fault hook: with ``POLICYLEDGER_FAULT_PAUSE_AT_ROW=N`` in the environment, the
INSERT stops after the first N observations (sent to the database, not committed), prints
"policyledger: fault pause after row N" on stderr and sleeps, so that a test can kill the
process halfway through an import (``tests/faults``). Unset, it costs one environment look-up."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from policyledger.reporting.validate import CHUNK, ValidRow
from policyledger.storage import audit
from policyledger.storage.models import AuditLog, Observation
from policyledger.storage.observations import APPROVED, SUBMITTED, ObservationError

FAULT_PAUSE_ENV = "POLICYLEDGER_FAULT_PAUSE_AT_ROW"
FAULT_PAUSE_SECONDS = 120


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


def _latest_versions(session: Session, rows: Sequence[ValidRow]) -> dict[tuple[int, str], int]:
    """The highest version (current, superseded or pending) of each target and period."""
    lineages = sorted({r.lineage for r in rows})
    labels = sorted({r.period.label for r in rows})
    found: dict[tuple[int, str], int] = {}
    key = (Observation.target_lineage, Observation.period)
    for i in range(0, len(lineages), CHUNK):
        query = select(*key, func.max(Observation.version)).group_by(*key)
        query = query.where(Observation.target_lineage.in_(lineages[i : i + CHUNK]))
        if len(labels) <= CHUNK:
            query = query.where(Observation.period.in_(labels))
        for lineage, period, version in session.execute(query):
            found[(lineage, period)] = version or 0
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
    status: str = APPROVED,
) -> int:
    """Record ``rows`` (one per target and period) in the session's transaction as
    ``approved`` or ``submitted`` values; return how many correct a value already reported."""
    if status not in (APPROVED, SUBMITTED):
        raise ObservationError(f"a new observation is approved or submitted, not {status!r}")
    if not rows:
        return 0
    received_on = received_on or dt.date.today()
    previous = _current(session, rows)
    latest = _latest_versions(session, rows)
    approved = status == APPROVED
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
                "version": latest.get((row.lineage, row.period.label), 0) + 1,
                "supersedes_id": old.id if old else None,
                "is_current": approved,
                "status": status,
                "batch_id": batch_id,
                "actor": actor,
            }
        )
        superseded.append(old)
    # the superseded rows first (objects already in the session are updated too)
    old_ids = sorted(old.id for old in previous.values())
    for i in range(0, len(old_ids) if approved else 0, CHUNK):
        session.execute(
            update(Observation)
            .where(Observation.id.in_(old_ids[i : i + CHUNK]))
            .values(is_current=False)
        )
    # INSERT … RETURNING of many rows is several times slower on PostgreSQL than a plain
    # executemany: insert, then read the new ids back (one row per lineage and period here)
    _insert(session, params)
    ids = _new_ids(session, batch_id, sorted({r.lineage for r in rows}))
    address, token_id = session.info.get(audit.ORIGIN, (None, None))
    audits = []
    for values, old in zip(params, superseded, strict=True):
        detail = {
            "target_lineage": values["target_lineage"],
            "period": values["period"],
            "value": values["value"],
        }
        if approved:
            action = "correct" if old else "report"
            detail["supersedes"] = old.id if old else None
            detail["previous_value"] = old.value if old else None
        else:  # as add_observation(status="submitted") records it
            action = "submit"
            detail["would_supersede"] = old.id if old else None
            detail["current_value"] = old.value if old else None
        entity_id = str(ids[(values["target_lineage"], values["period"])])
        audits.append(
            {
                "actor": actor,
                "action": action,
                "entity": "observation",
                "entity_id": entity_id,
                "detail": detail,
                "address": address,
                "token_id": token_id,
            }
        )
    session.execute(insert(AuditLog.__table__), audits)
    return len(old_ids)


def _insert(session: Session, params: list[dict]) -> None:
    """INSERT the observations (pausing halfway under the test-only fault hook)."""
    pause = os.environ.get(FAULT_PAUSE_ENV, "")
    row = int(pause) if pause.isdigit() else 0
    if 0 < row < len(params):
        session.execute(insert(Observation.__table__), params[:row])
        print(f"policyledger: fault pause after row {row}", file=sys.stderr, flush=True)
        time.sleep(FAULT_PAUSE_SECONDS)
        params = params[row:]
    session.execute(insert(Observation.__table__), params)
