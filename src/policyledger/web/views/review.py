"""The review page's data: every submitted value waiting for review, oldest first, with its
target, the body that reported it, and the approved value it would replace; and the values a
target has waiting (shown apart from its approved ones on the target page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.storage.models import Body, Observation, Target
from policyledger.storage.observations import SUBMITTED
from policyledger.storage.review import pending, review_age

LIMIT = 500  # rows shown at once; the count says how many wait in all


@dataclass
class PendingReport:
    observation: Observation
    target: Target | None  # the current version of its target
    body: Body | None  # the body it was reported for
    current: Observation | None  # the approved value it would replace
    age: int  # days waiting


def _current_targets(session: Session, lineages: set[int]) -> dict[int, Target]:
    rows = session.scalars(select(Target).where(Target.lineage.in_(lineages)).order_by(Target.id))
    return {t.lineage: t for t in rows if t.lineage is not None}  # the latest version wins


def _current_values(session: Session, lineages: set[int]) -> dict[tuple[int, str], Observation]:
    rows = session.scalars(
        select(Observation).where(
            Observation.target_lineage.in_(lineages), Observation.is_current.is_(True)
        )
    )
    return {(o.target_lineage, o.period): o for o in rows}


def load_pending(
    session: Session, today: dt.date | None = None, limit: int = LIMIT
) -> tuple[int, list[PendingReport]]:
    """How many values wait for review, and the oldest ``limit`` of them."""
    rows = pending(session)
    shown = rows[:limit]
    lineages = {o.target_lineage for o in shown}
    targets = _current_targets(session, lineages)
    current = _current_values(session, lineages)
    reporters = {o.reporter_id for o in shown if o.reporter_id}
    bodies = {b.id: b for b in session.scalars(select(Body).where(Body.id.in_(reporters)))}
    return len(rows), [
        PendingReport(
            observation=o,
            target=targets.get(o.target_lineage),
            body=bodies.get(o.reporter_id or ""),
            current=current.get((o.target_lineage, o.period)),
            age=review_age(o, today),
        )
        for o in shown
    ]


def pending_of(session: Session, lineage: int) -> list[Observation]:
    """The values of one target waiting for review, by period."""
    return list(
        session.scalars(
            select(Observation)
            .where(Observation.target_lineage == lineage, Observation.status == SUBMITTED)
            .order_by(Observation.period_end, Observation.version)
        )
    )
