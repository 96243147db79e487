"""Scorecards and rankings of departments and districts from the stored assessment rows, for the
web pages and the bulletins.

Counted by the database: every (body, target) ownership pair — through the target's task, a
direct assignment, or the target's own district — is joined with the stored rows of the date and
grouped by body and warning colour. For districts, the targets of tasks that the districts carry
out count once for every district (as ``services.assessment.ownership`` has it). The counts are
then scored by the engine's own ``scorecard`` and ordered by its ``rank``, so a page explains a
rank with the same parts, weights and tie rule as the API and the command line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, case, func, or_, select, true, union
from sqlalchemy.orm import Session

from policyledger.assess import Part, RankedScorecard, Rules, load_rules, rank, scorecard
from policyledger.storage.models import AssessmentRow, Assignment, Body, Target, Task
from policyledger.storage.queries import DISTRICT_KINDS

KINDS = ("district", "department")


@dataclass(frozen=True, slots=True)
class _Coloured:
    """A stored row as the engine's scorecard reads an assessment: its warning colour."""

    warning: str


@dataclass(frozen=True, slots=True)
class _Reports:
    """Reports due and on time as the engine's scorecard reads a reporting record."""

    due: range
    on_time: range


@dataclass
class Tally:
    """A body's stored rows counted: targets by warning colour, reports due and on time."""

    warnings: dict[str, int] = field(default_factory=dict)
    due: int = 0
    on_time: int = 0

    @property
    def targets(self) -> int:
        return sum(self.warnings.values())

    def add(self, warning: str, count: int, due: int, on_time: int) -> None:
        self.warnings[warning] = self.warnings.get(warning, 0) + count
        self.due += due
        self.on_time += on_time

    def share(self, warning: str) -> float:
        return self.warnings.get(warning, 0) / self.targets if self.targets else 0.0


@dataclass(frozen=True)
class Standing:
    """A body's place in its ranking: rank, scorecard (its parts) and the counts behind it."""

    body: Body
    ranked: RankedScorecard
    tally: Tally
    tied: bool

    @property
    def rank(self) -> int:
        return self.ranked.rank

    @property
    def score(self) -> float:
        return self.ranked.score

    @property
    def parts(self) -> list[Part]:
        return self.ranked.scorecard.parts


@dataclass
class Ranking:
    """Every body of one kind owning targets assessed at ``as_of``, best first."""

    kind: str
    as_of: dt.date | None
    standings: list[Standing]

    def of(self, body_id: str) -> Standing | None:
        return next((s for s in self.standings if s.body.id == body_id), None)

    @property
    def size(self) -> int:
        return len(self.standings)


def kind_of(body: Body) -> str:
    """The ranking a body takes part in: ``district`` (districts and development zones) or
    ``department`` (every other body)."""
    return "district" if body.kind in DISTRICT_KINDS else "department"


def _of_kind(kind: str) -> ColumnElement[bool]:
    district = Body.kind.in_(DISTRICT_KINDS)
    return district if kind == "district" else ~district


def _on_time() -> ColumnElement[int]:
    received = (
        AssessmentRow.reports_due - AssessmentRow.reports_missing - AssessmentRow.reports_late
    )
    return case((received > 0, received), else_=0).label("on_time")


def tallies(session: Session, as_of: dt.date, kind: str) -> dict[str, Tally]:
    """Body id → its stored rows of ``as_of`` counted, for the bodies of ``kind``.

    Each branch of the union pairs bodies with the rows of the targets they own one way (the
    task, a direct assignment, the target's district); the union keeps each (body, row) once."""
    bodies = select(Body.id).where(_of_kind(kind))
    carried = select(Task.id).where(Task.districts_responsible.is_(True))
    row = (AssessmentRow.id, AssessmentRow.warning, AssessmentRow.reports_due, _on_time())

    def owned(owner, condition) -> Select:
        query = (
            select(owner.label("body_id"), *row)
            .join(Target, Target.id == AssessmentRow.target_id)
            .where(AssessmentRow.as_of == as_of, owner.in_(bodies), condition)
        )
        if kind == "district":  # counted below, once for every district
            query = query.where(or_(Target.task_id.is_(None), Target.task_id.not_in(carried)))
        return query

    by_task = owned(Assignment.body_id, true()).join(
        Assignment, Assignment.task_id == Target.task_id
    )
    by_lineage = owned(Assignment.body_id, true()).join(
        Assignment, Assignment.target_lineage == Target.lineage
    )
    by_district = owned(Target.district_id, Target.district_id.is_not(None))
    pairs = union(by_task, by_lineage, by_district).subquery()
    query = select(
        pairs.c.body_id,
        pairs.c.warning,
        func.count(),
        func.coalesce(func.sum(pairs.c.reports_due), 0),
        func.coalesce(func.sum(pairs.c.on_time), 0),
    ).group_by(pairs.c.body_id, pairs.c.warning)
    result: dict[str, Tally] = defaultdict(Tally)
    for body_id, warning, count, due, on_time in session.execute(query):
        result[body_id].add(warning, count, int(due), int(on_time))
    if kind == "district":
        shared = session.execute(
            select(
                AssessmentRow.warning,
                func.count(),
                func.coalesce(func.sum(AssessmentRow.reports_due), 0),
                func.coalesce(func.sum(_on_time()), 0),
            )
            .join(Target, Target.id == AssessmentRow.target_id)
            .where(AssessmentRow.as_of == as_of, Target.task_id.in_(carried))
            .group_by(AssessmentRow.warning)
        ).all()
        if shared:
            for body_id in session.scalars(bodies):
                for warning, count, due, on_time in shared:
                    result[body_id].add(warning, count, int(due), int(on_time))
    return dict(result)


def ranking(
    session: Session, as_of: dt.date | None, kind: str, rules: Rules | None = None
) -> Ranking:
    """The ranking of the districts or the departments at ``as_of`` (empty without one)."""
    if as_of is None:
        return Ranking(kind, None, [])
    rules = rules or load_rules()
    counted = tallies(session, as_of, kind)
    if not counted:
        return Ranking(kind, as_of, [])
    bodies = {b.id: b for b in session.scalars(select(Body).where(Body.id.in_(list(counted))))}
    cards = []
    for body_id, tally in counted.items():
        rows: list[Any] = []
        for warning, count in tally.warnings.items():
            rows += [_Coloured(warning)] * count
        reports = [_Reports(range(tally.due), range(tally.on_time))]
        cards.append(scorecard(body_id, cast(Any, rows), cast(Any, reports), rules))
    ranked = rank(cards)
    places: dict[int, int] = defaultdict(int)
    for item in ranked:
        places[item.rank] += 1
    standings = [
        Standing(bodies[r.owner_key], r, counted[r.owner_key], places[r.rank] > 1) for r in ranked
    ]
    return Ranking(kind, as_of, standings)
