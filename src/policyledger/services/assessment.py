"""Run the assessment engine over the ledger: read the current targets and their approved
observations, assess each (status, warning, reporting timeliness), store the results for a
date, and build the scorecards and rankings of departments and districts.

The engine (``policyledger.assess``) is pure; this module is the only place that feeds it from
the database. Everything is read in a few set-based queries, so a full run over a large
ledger stays fast.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from policyledger.assess import (
    Assessment,
    Observation,
    RankedScorecard,
    Rules,
    TargetSpec,
    Timeliness,
    assess,
    load_rules,
    rank,
    reporting,
    scorecard,
)
from policyledger.ingest.periods import deadline
from policyledger.storage import audit
from policyledger.storage.models import (
    AssessmentRow,
    Assignment,
    Body,
    Document,
    Plan,
    Target,
    Task,
)
from policyledger.storage.models import (
    Observation as ObservationRow,
)
from policyledger.storage.queries import DISTRICT_KINDS


@dataclass
class TargetResult:
    """One target's assessment and reporting record."""

    target_id: int
    lineage: int
    assessment: Assessment
    timeliness: Timeliness


def spec_for(target_row, plan_start: dt.date, frequency: str, baseline: float | None) -> TargetSpec:
    """The engine's view of a stored target."""
    due = deadline(target_row.year)
    if due is not None and due <= plan_start:
        due = None  # a year before the plan's start: no schedule to follow
    return TargetSpec(
        key=str(target_row.id),
        value=target_row.value,
        unit=target_row.unit,
        change=target_row.change,
        relation=target_row.relation if target_row.relation in (">=", "<=", "≈", "=") else ">=",
        start=plan_start,
        deadline=due,
        baseline_value=baseline,
        per_year=target_row.per_year,
        frequency=frequency,
    )


def _targets(session: Session):
    return session.execute(
        select(
            Target.id,
            Target.lineage,
            Target.value,
            Target.unit,
            Target.change,
            Target.relation,
            Target.year,
            Target.per_year,
            Plan.start,
            Plan.frequency,
        )
        .join(Plan, Target.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
        .order_by(Target.id)
    ).all()


def _observations(session: Session, as_of: dt.date) -> dict[int, list[Observation]]:
    rows = session.execute(
        select(
            ObservationRow.target_lineage,
            ObservationRow.period_end,
            ObservationRow.value,
            ObservationRow.received_on,
        )
        .where(
            ObservationRow.is_current.is_(True),
            ObservationRow.status == "approved",
            ObservationRow.period_end <= as_of,
        )
        .order_by(ObservationRow.target_lineage, ObservationRow.period_end)
    )
    grouped: dict[int, list[Observation]] = defaultdict(list)
    for lineage, period_end, value, received in rows:
        grouped[lineage].append(Observation(period_end, value, received))
    return grouped


def evaluate(session: Session, as_of: dt.date, rules: Rules | None = None) -> list[TargetResult]:
    """Assess every current target at ``as_of`` (nothing is written)."""
    rules = rules or load_rules()
    observed = _observations(session, as_of)
    results = []
    for row in _targets(session):
        history = observed.get(row.lineage, [])
        baseline = None
        if row.change is None:
            before = [o for o in history if o.period_end <= row.start]
            baseline = before[-1].value if before else None
        spec = spec_for(row, row.start, row.frequency, baseline)
        results.append(
            TargetResult(
                row.id,
                row.lineage,
                assess(spec, history, as_of, rules),
                reporting(spec, history, as_of, rules),
            )
        )
    return results


def run_assessment(
    session: Session, as_of: dt.date, actor: str = "system", rules: Rules | None = None
) -> list[TargetResult]:
    """Assess every current target at ``as_of`` and store the results (replacing any earlier
    run for the same date)."""
    results = evaluate(session, as_of, rules)
    session.execute(delete(AssessmentRow).where(AssessmentRow.as_of == as_of))
    rows = [_row(r, as_of) for r in results]
    for start in range(0, len(rows), 5000):
        session.execute(insert(AssessmentRow), rows[start : start + 5000])
    audit.record(
        session,
        actor,
        "assess",
        "assessment",
        as_of.isoformat(),
        targets=len(results),
        warnings=_count(r.assessment.warning for r in results),
    )
    return results


def _count(values: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return dict(counts)


def _row(result: TargetResult, as_of: dt.date) -> dict:
    a, t = result.assessment, result.timeliness
    return {
        "target_id": result.target_id,
        "as_of": as_of,
        "status": a.status,
        "warning": a.warning,
        "expected": a.expected,
        "latest_value": a.latest.value if a.latest else None,
        "latest_period_end": a.latest.period_end if a.latest else None,
        "previous_value": a.previous.value if a.previous else None,
        "progress": a.progress,
        "reports_due": len(t.due),
        "reports_missing": len(t.missing),
        "reports_late": len(t.late),
        "reasons": list(a.reasons) + list(t.findings),
        "computed_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
    }


def ownership(session: Session) -> dict[str, set[int]]:
    """Body id → ids of the current targets it owns (directly, through a task, or as a district
    through a task that districts carry out, or as the district the target belongs to)."""
    owned: dict[str, set[int]] = defaultdict(set)
    current = (
        select(Target.id, Target.lineage, Target.task_id, Target.district_id)
        .join(Plan, Target.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
    )
    targets = session.execute(current).all()
    by_task: dict[int, list[int]] = defaultdict(list)
    by_lineage: dict[int, list[int]] = defaultdict(list)
    for target_id, lineage, task_id, district_id in targets:
        if task_id is not None:
            by_task[task_id].append(target_id)
        by_lineage[lineage].append(target_id)
        if district_id is not None:
            owned[district_id].add(target_id)
    for task_id, lineage, body_id in session.execute(
        select(Assignment.task_id, Assignment.target_lineage, Assignment.body_id).where(
            or_(Assignment.task_id.in_(by_task), Assignment.target_lineage.in_(by_lineage))
        )
    ):
        owned[body_id].update(by_task.get(task_id, []) if task_id else by_lineage[lineage])
    district_tasks = [
        tid
        for (tid,) in session.execute(
            select(Task.id).where(Task.districts_responsible.is_(True), Task.id.in_(by_task))
        )
    ]
    if district_tasks:
        shared = {t for task in district_tasks for t in by_task[task]}
        for (body_id,) in session.execute(select(Body.id).where(Body.kind.in_(DISTRICT_KINDS))):
            owned[body_id].update(shared)
    return owned


@dataclass
class RankedBody:
    """A body's place in a ranking, with the scorecard that explains it."""

    body: Body
    ranked: RankedScorecard
    targets: int


def rankings(
    session: Session,
    results: list[TargetResult],
    kind: str,
    rules: Rules | None = None,
    extra: dict[str, dict[str, float]] | None = None,
) -> list[RankedBody]:
    """Rank the districts (``kind="district"``) or departments (``kind="department"``) that own
    targets, by their scorecards."""
    rules = rules or load_rules()
    by_target = {r.target_id: r for r in results}
    owned = ownership(session)
    district = Body.kind.in_(DISTRICT_KINDS)
    bodies = session.scalars(select(Body).where(district if kind == "district" else ~district))
    cards, info = [], {}
    for body in bodies:
        mine = [by_target[t] for t in owned.get(body.id, ()) if t in by_target]
        if not mine:
            continue
        mine.sort(key=lambda r: r.target_id)
        cards.append(
            scorecard(
                body.id,
                [r.assessment for r in mine],
                [r.timeliness for r in mine],
                rules,
                (extra or {}).get(body.id),
            )
        )
        info[body.id] = (body, len(mine))
    return [RankedBody(info[r.owner_key][0], r, info[r.owner_key][1]) for r in rank(cards)]
