"""Rankings of districts or departments from the stored ``assessment`` table, scored by the
engine's ``policyledger.assess.ranking`` (``scorecard`` and ``rank``), so the API and the
command line rank with the same weights, tie rules and explanations.

The engine's ``scorecard`` reads only ``.warning`` of each assessment and ``len(.due)`` and
``len(.on_time)`` of each reporting record; a stored row carries exactly that (its warning and
its counts of reports due, missing and late), so each row is handed over as a ``StoredRow``.
Rows are grouped by the bodies owning their targets: through the target's task, a direct
assignment, the target's own district, or — for districts — a task the districts carry out.

A ranking is kept in memory until the stored rows of its date or the assignments change (the
assessment service replaces a date's rows, so their ids change), so repeated requests do not
regroup every row.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from policyledger.assess.ranking import RankedScorecard, rank, scorecard
from policyledger.assess.rules import Rules
from policyledger.storage.models import AssessmentRow, Assignment, Body, Target, Task
from policyledger.storage.queries import DISTRICT_KINDS


@dataclass(frozen=True, slots=True)
class StoredRow:
    """A stored assessment row as the engine's scorecard reads it (an ``Assessment`` for its
    warning, a ``Timeliness`` for its reports)."""

    warning: str
    due: range
    on_time: range


@dataclass(frozen=True)
class RankedBody:
    body_id: str
    name: str
    name_en: str | None
    targets: int
    ranked: RankedScorecard


def ranked_kinds(kind: str) -> ColumnElement[bool]:
    """``district``: districts and development zones; ``department``: every other body (as
    ``policyledger.services.assessment.rankings`` does)."""
    district = Body.kind.in_(DISTRICT_KINDS)
    return district if kind == "district" else ~district


def rankings(session: Session, kind: str, date: dt.date, rules: Rules) -> list[RankedBody]:
    """Bodies of ``kind`` owning targets assessed at ``date``, best first."""
    bodies = {b.id: b for b in session.scalars(select(Body).where(ranked_kinds(kind)))}
    groups = rows_by_owner(session, date, bodies, kind == "district")
    cards = [scorecard(body_id, rows, rows, rules) for body_id, rows in groups.items()]  # type: ignore[arg-type]
    return [
        RankedBody(
            body_id=r.owner_key,
            name=bodies[r.owner_key].name,
            name_en=bodies[r.owner_key].name_en,
            targets=len(groups[r.owner_key]),
            ranked=r,
        )
        for r in rank(cards)
    ]


def rows_by_owner(
    session: Session, date: dt.date, bodies: Collection[str], districts: bool
) -> dict[str, list[StoredRow]]:
    """The stored rows of ``date`` grouped by the bodies (of ``bodies``) owning their targets;
    each row once per owner."""
    rows = session.execute(
        select(
            Target.lineage,
            Target.task_id,
            Target.district_id,
            AssessmentRow.warning,
            AssessmentRow.reports_due,
            AssessmentRow.reports_missing,
            AssessmentRow.reports_late,
        )
        .join(Target, AssessmentRow.target_id == Target.id)
        .where(AssessmentRow.as_of == date)
    ).all()
    by_task: dict[int, set[str]] = defaultdict(set)
    by_lineage: dict[int, set[str]] = defaultdict(set)
    assigned = select(Assignment.task_id, Assignment.target_lineage, Assignment.body_id).where(
        Assignment.body_id.in_(list(bodies))
    )
    for task_id, lineage, body_id in session.execute(assigned):
        if task_id is not None:
            by_task[task_id].add(body_id)
        if lineage is not None:
            by_lineage[lineage].add(body_id)
    task_owners = {task_id: frozenset(owners) for task_id, owners in by_task.items()}
    carried: set[int] = set()
    if districts:
        carried = set(session.scalars(select(Task.id).where(Task.districts_responsible)))
    shared: list[StoredRow] = []  # owned by every district
    groups: dict[frozenset[str], list[StoredRow]] = defaultdict(list)
    nobody: frozenset[str] = frozenset()
    for lineage, task_id, district_id, warning, due, missing, late in rows:
        row = StoredRow(warning, range(due), range(max(due - missing - late, 0)))
        if task_id in carried:
            shared.append(row)
            continue
        owners = task_owners.get(task_id, nobody)
        if lineage in by_lineage:
            owners = owners | by_lineage[lineage]
        if district_id is not None and district_id in bodies:
            owners = owners | {district_id}
        if owners:
            groups[owners].append(row)
    owned: dict[str, list[StoredRow]] = defaultdict(list)
    if shared:
        for body_id in bodies:
            owned[body_id].extend(shared)
    for owners, group in groups.items():
        for body_id in owners:
            owned[body_id].extend(group)
    return dict(owned)


class RankingCache:
    """The last few rankings, each valid while its fingerprint (the stored rows of its date
    and the assignments) is unchanged."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._entries: OrderedDict[tuple, list[RankedBody]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def fingerprint(session: Session, date: dt.date) -> tuple:
        stored = session.execute(
            select(
                func.count(), func.max(AssessmentRow.id), func.max(AssessmentRow.computed_at)
            ).where(AssessmentRow.as_of == date)
        ).one()
        assigned = session.execute(select(func.count(), func.max(Assignment.id))).one()
        bodies = session.scalar(select(func.count()).select_from(Body))
        return (*stored, *assigned, bodies)

    def get(self, session: Session, kind: str, date: dt.date, rules: Rules) -> list[RankedBody]:
        key = (kind, date, id(rules), self.fingerprint(session, date))
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        ranked = rankings(session, kind, date, rules)
        with self._lock:
            self._entries[key] = ranked
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return ranked
