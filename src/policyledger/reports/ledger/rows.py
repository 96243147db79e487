"""Read the ledger for the export, set-based: the plans, their tasks, their targets with the
stored assessment of the date, who is responsible, and the source of each latest value — five
queries however large the ledger — then lay out one row per task × target × responsible body.

Rows follow the order of the document (clauses by position in the text); a target without a
task gets one row per owner, a task without targets one row per body, and anything without a
responsible body one row with the body left empty, so that every task and target appears.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, and_, or_, select
from sqlalchemy.orm import Session, aliased

from policyledger.reports.ledger.columns import ALL_DISTRICTS
from policyledger.storage.models import (
    AssessmentRow,
    Assignment,
    Body,
    Document,
    Observation,
    Plan,
    Target,
    Task,
)


@dataclass(frozen=True, slots=True)
class Owner:
    """A responsible body as a row shows it: name, English name and role key."""

    key: str
    name: str
    name_en: str | None
    role: str


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One row of a plan sheet: a task, a target and a body (any of them may be missing)."""

    task: Any  # a Row of the tasks query, or None
    target: Any  # a Row of the targets query, or None
    owner: Owner | None
    source_url: str | None = None


@dataclass
class PlanLedger:
    """One plan's rows, with its targets (for the counts) and its title."""

    id: int
    name: str
    doc_number: str | None
    tasks: int = 0
    targets: list[Any] = field(default_factory=list)
    rows: list[LedgerRow] = field(default_factory=list)


def find_plans(session: Session, text: str | None) -> list[Row]:
    """Plans of current documents (in document order) whose name contains ``text``."""
    query = (
        select(Plan.id, Plan.name, Document.doc_number)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
        .order_by(Document.id, Plan.position)
    )
    if text:
        query = query.where(Plan.name.contains(text, autoescape=True))
    return list(session.execute(query))


def load_ledger(session: Session, plans: list[Row], as_of: dt.date) -> list[PlanLedger]:
    """The rows of every plan in ``plans`` with the stored assessment of ``as_of``."""
    ids = [p.id for p in plans]
    tasks = session.execute(
        select(
            Task.id,
            Task.plan_id,
            Task.path,
            Task.heading,
            Task.districts_responsible,
            Task.span_start,
            Task.position,
        )
        .where(Task.plan_id.in_(ids))
        .order_by(Task.plan_id, Task.position)
    ).all()
    targets = _targets(session, ids, as_of)
    by_task, by_lineage = _assignments(session, ids)
    sources = _sources(session, ids, as_of)
    ledgers = {p.id: PlanLedger(p.id, p.name, p.doc_number) for p in plans}
    plan_tasks: dict[int, list[Row]] = defaultdict(list)
    for task in tasks:
        plan_tasks[task.plan_id].append(task)
    task_targets: dict[int, list[Row]] = defaultdict(list)
    loose: dict[int, list[Row]] = defaultdict(list)
    task_ids = {t.id for t in tasks}
    for target in targets:
        ledgers[target.plan_id].targets.append(target)
        if target.task_id in task_ids:
            task_targets[target.task_id].append(target)
        else:
            loose[target.plan_id].append(target)
    for plan_id, ledger in ledgers.items():
        ledger.tasks = len(plan_tasks[plan_id])
        items = [(t.span_start, 0, t.position, t) for t in plan_tasks[plan_id]]
        items += [(t.span_start, 1, t.position, t) for t in loose[plan_id]]
        items.sort(key=lambda item: item[:3])
        for _, is_target, _, item in items:
            task = None if is_target else item
            owned = [item] if is_target else task_targets[item.id]
            task_owners = [] if task is None else _task_owners(task, by_task)
            if not owned:
                ledger.rows += [LedgerRow(task, None, o) for o in task_owners or [None]]
            for target in owned:
                owners = _target_owners(target, task_owners, by_lineage)
                url = sources.get(target.lineage)
                ledger.rows += [LedgerRow(task, target, o, url) for o in owners or [None]]
    return list(ledgers.values())


def _targets(session: Session, plan_ids: list[int], as_of: dt.date) -> list[Row]:
    district = aliased(Body)
    assessed = and_(AssessmentRow.target_id == Target.id, AssessmentRow.as_of == as_of)
    return list(
        session.execute(
            select(
                Target.id,
                Target.lineage,
                Target.plan_id,
                Target.task_id,
                Target.position,
                Target.path,
                Target.metric,
                Target.scope,
                Target.value,
                Target.unit,
                Target.change,
                Target.relation,
                Target.baseline,
                Target.year,
                Target.per_year,
                Target.text,
                Target.span_start,
                Target.district_id,
                district.name.label("district_name"),
                district.name_en.label("district_name_en"),
                AssessmentRow.status,
                AssessmentRow.warning,
                AssessmentRow.expected,
                AssessmentRow.latest_value,
                AssessmentRow.latest_period_end,
                AssessmentRow.reports_missing,
            )
            .outerjoin(AssessmentRow, assessed)
            .outerjoin(district, district.id == Target.district_id)
            .where(Target.plan_id.in_(plan_ids))
            .order_by(Target.plan_id, Target.position, Target.id)
        )
    )


def _assignments(
    session: Session, plan_ids: list[int]
) -> tuple[dict[int, list[Owner]], dict[int, list[Owner]]]:
    """Task id → bodies of the task; target lineage → bodies of that one target; each list in
    the order ``owners_of`` gives (directly responsible, lead, then as written)."""
    tasks = select(Task.id).where(Task.plan_id.in_(plan_ids))
    lineages = select(Target.lineage).where(Target.plan_id.in_(plan_ids))
    rows = session.execute(
        select(
            Assignment.task_id,
            Assignment.target_lineage,
            Assignment.role,
            Body.id,
            Body.name,
            Body.name_en,
        )
        .join(Body, Body.id == Assignment.body_id)
        .where(
            or_(
                and_(Assignment.target_lineage.is_(None), Assignment.task_id.in_(tasks)),
                Assignment.target_lineage.in_(lineages),
            )
        )
        .order_by(
            Assignment.role != "owner",
            Assignment.role != "lead",
            Assignment.position,
            Assignment.id,
        )
    )
    by_task: dict[int, list[Owner]] = defaultdict(list)
    by_lineage: dict[int, list[Owner]] = defaultdict(list)
    for task_id, lineage, role, body_id, name, name_en in rows:
        owner = Owner(body_id, name, name_en, role)
        if lineage is not None:
            by_lineage[lineage].append(owner)
        else:
            by_task[task_id].append(owner)
    return by_task, by_lineage


def _sources(session: Session, plan_ids: list[int], as_of: dt.date) -> dict[int, str]:
    """Target lineage → the source URL of the observation behind its latest value (of the
    current approved observations of that period: the newest that names a source)."""
    rows = session.execute(
        select(Target.lineage, Observation.source_url)
        .join(
            AssessmentRow,
            and_(AssessmentRow.target_id == Target.id, AssessmentRow.as_of == as_of),
        )
        .join(
            Observation,
            and_(
                Observation.target_lineage == Target.lineage,
                Observation.period_end == AssessmentRow.latest_period_end,
            ),
        )
        .where(
            Target.plan_id.in_(plan_ids),
            Observation.is_current.is_(True),
            Observation.status == "approved",
            Observation.source_url.is_not(None),
            Observation.source_url != "",
        )
        .order_by(Observation.id)
    )
    return {lineage: url for lineage, url in rows}


def _task_owners(task: Row, by_task: dict[int, list[Owner]]) -> list[Owner]:
    owners = list(by_task.get(task.id, ()))
    if task.districts_responsible:
        owners.append(Owner("*districts", ALL_DISTRICTS[0], ALL_DISTRICTS[1], "district"))
    return owners


def _target_owners(
    target: Row, task_owners: list[Owner], by_lineage: dict[int, list[Owner]]
) -> list[Owner]:
    """Bodies responsible for a target, each once: directly responsible first, then the
    district the target belongs to, then the bodies of its task."""
    owners = list(by_lineage.get(target.lineage, ()))
    if target.district_id is not None:
        name = target.district_name or target.district_id
        owners.append(Owner(target.district_id, name, target.district_name_en, "owner"))
    owners += task_owners
    seen: set[str] = set()
    unique = []
    for owner in owners:
        if owner.key not in seen:
            seen.add(owner.key)
            unique.append(owner)
    return unique
