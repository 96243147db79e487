"""The overview page's data: per plan, how many targets are at each warning colour; the red
targets; the overdue ones; the reports not received."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.storage.models import AssessmentRow, Document, Plan, Target

COLOURS = ("red", "yellow", "blue", "green", "grey")


@dataclass
class PlanCounts:
    plan: Plan
    document: Document
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Flagged:
    target: Target
    plan: Plan
    row: AssessmentRow


@dataclass
class Overview:
    as_of: dt.date | None
    plans: list[PlanCounts]
    red: list[Flagged]
    overdue: list[Flagged]
    missing_reports: int
    most_missing: list[Flagged]


def _flagged(session: Session, as_of: dt.date, condition, order, limit: int) -> list[Flagged]:
    rows = session.execute(
        select(Target, Plan, AssessmentRow)
        .join(AssessmentRow, AssessmentRow.target_id == Target.id)
        .join(Plan, Target.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(AssessmentRow.as_of == as_of, Document.is_current.is_(True), condition)
        .order_by(*order)
        .limit(limit)
    ).all()
    return [Flagged(t, p, a) for t, p, a in rows]


def load_overview(session: Session, as_of: dt.date | None, limit: int = 20) -> Overview:
    plans = session.execute(
        select(Plan, Document)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
        .order_by(Document.id, Plan.position)
    ).all()
    by_plan = {p.id: PlanCounts(p, d) for p, d in plans}
    if as_of is None:
        return Overview(None, list(by_plan.values()), [], [], 0, [])
    for plan_id, warning, count in session.execute(
        select(Target.plan_id, AssessmentRow.warning, func.count())
        .join(AssessmentRow, AssessmentRow.target_id == Target.id)
        .where(AssessmentRow.as_of == as_of, Target.plan_id.in_(by_plan))
        .group_by(Target.plan_id, AssessmentRow.warning)
    ):
        by_plan[plan_id].counts[warning] = count
    missing = session.scalar(
        select(func.coalesce(func.sum(AssessmentRow.reports_missing), 0))
        .join(Target, AssessmentRow.target_id == Target.id)
        .where(AssessmentRow.as_of == as_of, Target.plan_id.in_(by_plan))
    )
    return Overview(
        as_of=as_of,
        plans=list(by_plan.values()),
        red=_flagged(
            session, as_of, AssessmentRow.warning == "red", (AssessmentRow.status, Target.id), limit
        ),
        overdue=_flagged(session, as_of, AssessmentRow.status == "overdue", (Target.id,), limit),
        missing_reports=int(missing or 0),
        most_missing=_flagged(
            session,
            as_of,
            AssessmentRow.reports_missing > 0,
            (AssessmentRow.reports_missing.desc(), Target.id),
            limit,
        ),
    )
