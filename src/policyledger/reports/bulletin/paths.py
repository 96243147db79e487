"""The headline targets' trajectories: the planned path (序时进度 by ``assess.expected_value``,
from the plan's start to the deadline), the values reported up to the bulletin's date, and the
target itself. Headline targets are the red and yellow ones with the most observations; when
there are none, the plan's targets with the most observations."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from policyledger.assess import expected_value, signed_target
from policyledger.assess.model import CHANGE, LEVEL, PER_YEAR, RATE, TargetSpec, kind
from policyledger.reports.bulletin.model import Trajectory
from policyledger.reports.bulletin.text import goal_text
from policyledger.services.assessment import spec_for
from policyledger.storage.models import AssessmentRow, Observation, Plan, Target

_AXIS = {
    LEVEL: "{unit}",
    CHANGE: "比基期累计变化（{unit}）",
    RATE: "当年增速（{unit}）",
    PER_YEAR: "当年累计（{unit}）",
}


def _usable(as_of: dt.date) -> tuple[Any, ...]:
    return (
        Observation.is_current.is_(True),
        Observation.status == "approved",
        Observation.period_end <= as_of,
        or_(Observation.received_on.is_(None), Observation.received_on <= as_of),
    )


def _most_observed(
    session: Session, as_of: dt.date, plan_ids: list[int], flagged: bool, keep: int
) -> list[tuple[int, str]]:
    count = func.count(Observation.id)
    query = (
        select(Target.id, AssessmentRow.warning)
        .join(AssessmentRow, AssessmentRow.target_id == Target.id)
        .join(Observation, Observation.target_lineage == Target.lineage)
        .where(AssessmentRow.as_of == as_of, Target.plan_id.in_(plan_ids), *_usable(as_of))
        .group_by(Target.id, AssessmentRow.warning)
        .order_by(count.desc(), Target.id)
        .limit(keep)
    )
    if flagged:
        query = query.where(AssessmentRow.warning.in_(("red", "yellow")))
    return [(t, w) for t, w in session.execute(query)]


def path_dates(
    spec: TargetSpec, plan: Plan, reported: list[dt.date], as_of: dt.date
) -> list[dt.date]:
    """Where to sample the planned path: the start, each year end up to the deadline (or the
    plan's last year, or the bulletin's date), the reported periods in between; for a per-year
    output also each 1 January, where the count starts again."""
    if spec.deadline is not None:
        end = spec.deadline
    elif plan.end_year is not None:
        end = dt.date(plan.end_year, 12, 31)
    else:
        end = max([*reported, as_of])
    dates = {spec.start, end, *reported}
    for year in range(spec.start.year, end.year + 1):
        dates.add(dt.date(year, 12, 31))
        if kind(spec) == PER_YEAR and year > spec.start.year:
            dates.add(dt.date(year, 1, 1))
    return sorted(d for d in dates if spec.start <= d <= end)


def headline_trajectories(
    session: Session, as_of: dt.date, plan_ids: list[int], keep: int = 4
) -> list[Trajectory]:
    """Up to ``keep`` trajectories of headline targets (see the module docstring)."""
    chosen = _most_observed(session, as_of, plan_ids, True, keep) or _most_observed(
        session, as_of, plan_ids, False, keep
    )
    if not chosen:
        return []
    ids = [t for t, _ in chosen]
    targets = {
        t.id: (t, p)
        for t, p in session.execute(
            select(Target, Plan).join(Plan, Plan.id == Target.plan_id).where(Target.id.in_(ids))
        )
    }
    history: dict[int, dict[dt.date, float]] = {}
    for lineage, end, value in session.execute(
        select(Observation.target_lineage, Observation.period_end, Observation.value)
        .where(
            Observation.target_lineage.in_([t.lineage for t, _ in targets.values()]),
            *_usable(as_of),
        )
        .order_by(Observation.period_end, Observation.received_on, Observation.id)
    ):
        history.setdefault(lineage, {})[end] = value  # of two for one period, the last
    out = []
    for target_id, warning in chosen:
        target, plan = targets[target_id]
        points = sorted(history.get(target.lineage, {}).items())
        baseline = None
        if target.change is None:
            before = bisect_right([d for d, _ in points], plan.start)
            baseline = points[before - 1][1] if before else None
        spec = spec_for(target, plan.start, plan.frequency, baseline)
        planned = []
        for day in path_dates(spec, plan, [d for d, _ in points], as_of):
            value = expected_value(spec, day)
            if value is not None:
                planned.append((day, value))
        title = f"{target.scope}·{target.metric}" if target.scope else target.metric
        goal = goal_text(target.value, target.unit, target.change, target.relation, target.per_year)
        if target.year:
            goal += f"（{target.year}年）"
        days = [d for d, _ in planned + points]
        out.append(
            Trajectory(
                title=title,
                warning=warning,
                unit=target.unit,
                axis_label=_AXIS[kind(spec)].format(unit=target.unit),
                start=min(days, default=spec.start),
                end=max([*days, spec.deadline or spec.start]),
                planned=planned,
                reported=points,
                goal=signed_target(spec),
                goal_text=f"目标{goal}",
            )
        )
    return out
