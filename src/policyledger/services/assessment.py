"""Run the assessment engine over the ledger: read the current targets and their approved
observations, assess each (status, warning, reporting timeliness), store the results for a
date, and build the scorecards and rankings of departments and districts.

The engine (``policyledger.assess``) is pure; this module is the only place that feeds it from
the database. Everything is read in a few set-based queries, so a full run over a large
ledger stays fast.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import multiprocessing as mp
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter, itemgetter

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
from policyledger.storage.db import make_engine
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
    "WHERE is_current AND status = 'approved' AND period_end <= '{as_of}'{lineages} "
    "ORDER BY target_lineage, period_end"
)
_PERIOD_END = attrgetter("period_end")
PARALLEL_FROM = 2000  # targets: below this, one process is faster than forking workers


class _Dates(dict):
    """Dates as SQLite hands them back (text) → date, each distinct text parsed once;
    PostgreSQL hands back dates already."""

    def __missing__(self, key):
        value = key if key is None or isinstance(key, dt.date) else dt.date.fromisoformat(key)
        self[key] = value
        return value


def _fetch(
    dbapi_connection, as_of: dt.date, lineages: tuple[int, int] | None = None
) -> dict[int, list[Observation]]:
    """Current approved observations up to ``as_of`` (of the lineages in an inclusive range),
    by target lineage, oldest first. Read with the driver's own cursor: a full run over a large
    ledger reads hundreds of thousands of rows, and per-row processing would dominate."""
    where = (
        f" AND target_lineage BETWEEN {int(lineages[0])} AND {int(lineages[1])}" if lineages else ""
    )
    cursor = dbapi_connection.cursor()
    try:  # the literals are an ISO date and integers: nothing to quote
        cursor.execute(_OBSERVATIONS.format(as_of=as_of.isoformat(), lineages=where))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    dates = _Dates()
    grouped: dict[int, list[Observation]] = {}
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small tuples: no collections while building them
    try:
        for lineage, group in groupby(rows, key=itemgetter(0)):
            grouped[lineage] = [Observation(dates[e], v, dates[r]) for _, e, v, r in group]
    finally:
        if collecting:
            gc.enable()
    return grouped


def _evaluate_rows(
    targets: list, observed: dict[int, list[Observation]], as_of: dt.date, rules: Rules
) -> list[TargetResult]:
    results = []
    for row in targets:
        history = observed.get(row.lineage, [])
        baseline = None
        if row.change is None:  # the level at the plan's start: the last value at or before it
            at_start = bisect_right(history, row.start, key=_PERIOD_END)
            baseline = history[at_start - 1].value if at_start else None
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


def evaluate(
    session: Session, as_of: dt.date, rules: Rules | None = None, workers: int = 1
) -> list[TargetResult]:
    """Assess every current target at ``as_of`` (nothing is written).

    With ``workers`` > 1 and a large ledger, the targets are split by lineage between forked
    worker processes, each reading its own share of the observations over a connection of its
    own; the session must then hold no uncommitted writes (the workers would not see them)."""
    rules = rules or load_rules()
    targets = _targets(session)
    if workers > 1 and len(targets) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
        return _evaluate_parallel(session, targets, as_of, rules, workers)
    connection = session.connection().connection.dbapi_connection
    return _evaluate_rows(targets, _fetch(connection, as_of), as_of, rules)


_JOB: tuple = ()  # what forked workers inherit: (url, chunks, as_of, rules)


def _evaluate_parallel(
    session: Session, targets: list, as_of: dt.date, rules: Rules, workers: int
) -> list[TargetResult]:
    global _JOB
    lineages = sorted({t.lineage for t in targets})
    size = -(-len(lineages) // workers)
    ranges = [
        (lineages[i], lineages[min(i + size, len(lineages)) - 1])
        for i in range(0, len(lineages), size)
    ]
    chunks = [([t for t in targets if lo <= t.lineage <= hi], (lo, hi)) for lo, hi in ranges]
    url = session.get_bind().url.render_as_string(hide_password=False)
    _JOB = (url, chunks, as_of, rules)
    try:
        with ProcessPoolExecutor(len(chunks), mp_context=mp.get_context("fork")) as pool:
            parts = list(pool.map(_evaluate_chunk, range(len(chunks))))
    finally:
        _JOB = ()
    return sorted((r for part in parts for r in part), key=lambda r: r.target_id)


def _evaluate_chunk(index: int) -> list[TargetResult]:
    """In a forked worker: read this chunk's observations over a new connection, assess."""
    url, chunks, as_of, rules = _JOB
    targets, lineages = chunks[index]
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            observed = _fetch(connection.connection.dbapi_connection, as_of, lineages)
    finally:
        engine.dispose()
    return _evaluate_rows(targets, observed, as_of, rules)


def run_assessment(
    session: Session,
    as_of: dt.date,
    actor: str = "system",
    rules: Rules | None = None,
    workers: int = 1,
) -> list[TargetResult]:
    """Assess every current target at ``as_of`` and store the results (replacing any earlier
    run for the same date). See ``evaluate`` for ``workers``."""
    results = evaluate(session, as_of, rules, workers)
    session.execute(delete(AssessmentRow).where(AssessmentRow.as_of == as_of))
    rows = [_row(r, as_of) for r in results]
    _store(session, rows)
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


_COLUMNS = (
    "target_id",
    "as_of",
    "status",
    "warning",
    "expected",
    "latest_value",
    "latest_period_end",
    "previous_value",
    "progress",
    "reports_due",
    "reports_missing",
    "reports_late",
    "reasons",
    "computed_at",
)


def _store(session: Session, rows: list[dict]) -> None:
    """Write the assessment rows in bulk: PostgreSQL's COPY, elsewhere one executemany."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(AssessmentRow.__table__), rows)
        return
    raw = connection.connection.dbapi_connection
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY assessment ({', '.join(_COLUMNS)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row[c], ensure_ascii=False) if c == "reasons" else row[c]
                    for c in _COLUMNS
                ]
            )


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
        "reasons": list(a.reasons) + t.first_findings(3),
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
