"""Write progress observations: report a value, correct one (a new version that supersedes
it, both kept), and read a target's history. Every write goes to the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from policyledger.errors import PolicyLedgerError
from policyledger.storage import audit
from policyledger.storage.models import Observation, Target
from policyledger.storage.periods import parse_period


class ObservationError(PolicyLedgerError):
    """An observation that cannot be recorded (unknown target, wrong unit …)."""


@dataclass(frozen=True)
class NewObservation:
    """A value to record for a target (by lineage) and a period, in the target's unit."""

    target_lineage: int
    period: str
    value: float
    unit: str
    note: str | None = None
    source_url: str | None = None
    source_title: str | None = None
    reporter_id: str | None = None
    # when the report arrived (timeliness); None for published statistics loaded afterwards
    received_on: dt.date | None = field(default_factory=dt.date.today)


def current_target(session: Session, lineage: int) -> Target | None:
    """The latest version of the target with this lineage."""
    return session.scalar(
        select(Target).where(Target.lineage == lineage).order_by(Target.id.desc()).limit(1)
    )


APPROVED, SUBMITTED, RETURNED = "approved", "submitted", "returned"


def lock_target(session: Session, lineage: int) -> None:
    """Serialise the writers of a target's values until the transaction ends, so that each one
    reads the current value and the latest version only after the writer before it committed.
    PostgreSQL locks the target's first version (its id is the lineage) with SELECT … FOR
    UPDATE; SQLite, which has no row locks, takes the database's write lock now (a no-op
    UPDATE) instead of at the first write, which comes after the reads."""
    if session.get_bind().dialect.name == "sqlite":
        table = Target.__table__
        session.execute(update(table).where(table.c.id == lineage).values(lineage=table.c.lineage))
    else:
        session.execute(select(Target.id).where(Target.id == lineage).with_for_update())


def latest_version(session: Session, lineage: int, period: str, besides: int | None = None) -> int:
    """The highest version of any value (approved, pending or returned) of a target's period
    (not counting the observation ``besides``)."""
    query = select(func.max(Observation.version)).where(
        Observation.target_lineage == lineage, Observation.period == period
    )
    if besides is not None:
        query = query.where(Observation.id != besides)
    return session.scalar(query) or 0


def add_observation(
    session: Session,
    new: NewObservation,
    actor: str,
    batch_id: int | None = None,
    status: str = APPROVED,
) -> Observation:
    """Record a value. An approved value (a supervisor's, or published statistics) for a period
    that already has one supersedes it: a correction, and the old row stays in the history. A
    submitted value (a reporter's) waits for review and changes nothing until it is approved
    (see ``review``): approved values are locked."""
    if status not in (APPROVED, SUBMITTED):
        raise ObservationError(f"a new observation is approved or submitted, not {status!r}")
    period = parse_period(new.period)
    lock_target(session, new.target_lineage)  # the current value and the numbering, as of now
    previous = session.scalar(
        select(Observation)
        .where(
            Observation.target_lineage == new.target_lineage,
            Observation.period == period.label,
            Observation.is_current.is_(True),
        )
        .execution_options(populate_existing=True)
    )
    if status == SUBMITTED:
        return _submit(session, new, actor, batch_id, period, previous)
    row = Observation(
        target_lineage=new.target_lineage,
        period=period.label,
        period_end=period.end,
        value=float(new.value),
        unit=new.unit,
        note=new.note,
        source_url=new.source_url,
        source_title=new.source_title,
        reporter_id=new.reporter_id,
        received_on=new.received_on,
        version=1,
        batch_id=batch_id,
        actor=actor,
        is_current=True,
    )
    if previous is not None:
        previous.is_current = False
        row.supersedes_id = previous.id
    row.version = latest_version(session, new.target_lineage, period.label) + 1
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "correct" if previous else "report",
        "observation",
        row.id,
        target_lineage=new.target_lineage,
        period=period.label,
        value=row.value,
        supersedes=previous.id if previous else None,
        previous_value=previous.value if previous else None,
    )
    return row


def _submit(
    session: Session,
    new: NewObservation,
    actor: str,
    batch_id: int | None,
    period,
    previous: Observation | None,
) -> Observation:
    """A value waiting for review: not current, pointing at the value it would correct."""
    latest = latest_version(session, new.target_lineage, period.label)
    row = Observation(
        target_lineage=new.target_lineage,
        period=period.label,
        period_end=period.end,
        value=float(new.value),
        unit=new.unit,
        note=new.note,
        source_url=new.source_url,
        source_title=new.source_title,
        reporter_id=new.reporter_id,
        received_on=new.received_on,
        version=latest + 1,
        batch_id=batch_id,
        actor=actor,
        is_current=False,
        status=SUBMITTED,
        supersedes_id=previous.id if previous else None,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "submit",
        "observation",
        row.id,
        target_lineage=new.target_lineage,
        period=period.label,
        value=row.value,
        would_supersede=previous.id if previous else None,
        current_value=previous.value if previous else None,
    )
    return row


def correct_observation(
    session: Session,
    observation_id: int,
    value: float,
    note: str | None,
    actor: str,
    status: str = APPROVED,
) -> Observation:
    """Correct a recorded value: a new version for the same target and period (a reporter's
    correction is ``submitted`` and waits for review like any report)."""
    old = session.get(Observation, observation_id)
    if old is None:
        raise ObservationError(f"no observation {observation_id}")
    lock_target(session, old.target_lineage)
    session.refresh(old)  # as the last writer left it: a concurrent correction shows here
    if not old.is_current:
        raise ObservationError(
            f"observation {observation_id} was already corrected; correct its latest version"
        )
    return add_observation(
        session,
        NewObservation(
            old.target_lineage,
            old.period,
            value,
            old.unit,
            note=note,
            source_url=old.source_url,
            source_title=old.source_title,
            reporter_id=old.reporter_id,
        ),
        actor,
        status=status,
    )


def history(session: Session, lineage: int) -> list[Observation]:
    """Every version of every observation of a target, oldest first."""
    return list(
        session.scalars(
            select(Observation)
            .where(Observation.target_lineage == lineage)
            .order_by(Observation.period_end, Observation.version)
        )
    )
