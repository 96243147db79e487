"""Review of submitted reports: a supervisor approves a value (it becomes the current, locked
value of its period, superseding the one before) or returns it with a reason. Both leave an
audit row with the old and the new value."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.storage import audit
from policyledger.storage.models import Observation, utcnow
from policyledger.storage.observations import (
    APPROVED,
    RETURNED,
    SUBMITTED,
    ObservationError,
    latest_version,
    lock_target,
)


def _pending(session: Session, observation_id: int) -> Observation:
    row = session.get(Observation, observation_id)
    if row is None:
        raise ObservationError(f"no observation {observation_id}")
    lock_target(session, row.target_lineage)  # one writer of a target's values at a time
    session.refresh(row)  # its status now, not when it was first read
    if row.status != SUBMITTED:
        raise ObservationError(
            f"observation {observation_id} is {row.status}, not waiting for review"
        )
    return row


def approve(
    session: Session, observation_id: int, actor: str, note: str | None = None
) -> Observation:
    """Approve a submitted value: it becomes current for its period (the approved value it
    corrects, if any, stays in the history, no longer current)."""
    row = _pending(session, observation_id)
    current = session.scalar(
        select(Observation)
        .where(
            Observation.target_lineage == row.target_lineage,
            Observation.period == row.period,
            Observation.is_current.is_(True),
        )
        .with_for_update()
    )
    if current is not None:
        current.is_current = False
        session.flush()  # one current value per period: retire the old before the new
    row.supersedes_id = current.id if current is not None else None
    # numbered after every value of the period, so that versions follow the order of approval
    others = latest_version(session, row.target_lineage, row.period, besides=row.id)
    row.version = max(row.version, others + 1)
    row.status, row.is_current = APPROVED, True
    row.reviewed_by, row.reviewed_at, row.review_note = actor, utcnow(), note
    session.flush()
    audit.record(
        session,
        actor,
        "approve",
        "observation",
        row.id,
        target_lineage=row.target_lineage,
        period=row.period,
        old_value=current.value if current is not None else None,
        new_value=row.value,
        supersedes=current.id if current is not None else None,
    )
    return row


def return_report(session: Session, observation_id: int, actor: str, reason: str) -> Observation:
    """Send a submitted value back to its reporter with a reason; nothing else changes."""
    if not reason or not reason.strip():
        raise ObservationError("a returned report needs a reason")
    row = _pending(session, observation_id)
    row.status = RETURNED
    row.reviewed_by, row.reviewed_at, row.review_note = actor, utcnow(), reason.strip()
    session.flush()
    audit.record(
        session,
        actor,
        "return",
        "observation",
        row.id,
        target_lineage=row.target_lineage,
        period=row.period,
        value=row.value,
        reason=reason.strip(),
    )
    return row


def pending(session: Session, lineages: list[int] | None = None) -> list[Observation]:
    """Submitted values waiting for review (of the given targets), oldest first."""
    query = select(Observation).where(Observation.status == SUBMITTED)
    if lineages is not None:
        query = query.where(Observation.target_lineage.in_(lineages))
    return list(session.scalars(query.order_by(Observation.created_at, Observation.id)))


def review_age(row: Observation, today: dt.date | None = None) -> int:
    """Days a submitted value has waited."""
    return ((today or dt.date.today()) - row.created_at.date()).days
