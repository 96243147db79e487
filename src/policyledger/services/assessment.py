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
from itertools import groupby
from operator import itemgetter

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


_OBSERVATIONS = (
    "SELECT target_lineage, period_end, value, received_on FROM observation "
    "WHERE is_current AND status = 'approved' AND period_end <= '{as_of}' "
    "ORDER BY target_lineage, period_end"
)


class _Dates(dict):
    """Dates as SQLite hands them back (text) → date, each distinct text parsed once;
    PostgreSQL hands back dates already."""

    def __missing__(self, key):
        value = key if key is None or isinstance(key, dt.date) else dt.date.fromisoformat(key)
        self[key] = value
        return value


def _observations(session: Session, as_of: dt.date) -> dict[int, list[Observation]]:
    """Current approved observations up to ``as_of``, by target lineage, oldest first. Read
    as raw rows: a full run over a large ledger reads hundreds of thousands."""
    cursor = session.connection().connection.dbapi_connection.cursor()
    try:  # the driver's cursor: no per-row processing (the date literal is an ISO date)
        cursor.execute(_OBSERVATIONS.format(as_of=as_of.isoformat()))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    dates = _Dates()
    grouped: dict[int, list[Observation]] = {}
    for lineage, group in groupby(rows, key=itemgetter(0)):
        grouped[lineage] = [Observation(dates[e], v, dates[r]) for _, e, v, r in group]
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
    session.connection().execute(insert(AssessmentRow.__table__), rows)
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


def _findings(findings: list[str], keep: int = 3) -> list[str]:
    """The first reporting findings, and how many more there are."""
    if len(findings) <= keep:
        return list(findings)
    return [*findings[:keep], f"……另有{len(findings) - keep}条报送问题"]


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
        "reasons": list(a.reasons) + _findings(t.findings),
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
