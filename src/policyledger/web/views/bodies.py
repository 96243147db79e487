"""The body pages' data: a department's or district's tasks (grouped by plan), the targets it
owns with their latest stored status, and its scorecard and rank; and the list of all bodies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, literal, or_, select
from sqlalchemy.orm import Session

from policyledger.services.scores import Ranking, Standing, kind_of, ranking
from policyledger.storage.models import (
    AssessmentRow,
    Assignment,
    Body,
    Document,
    Plan,
    Target,
    Task,
)
from policyledger.storage.queries import DISTRICT_KINDS, current_targets, owned_by

# The groups of the bodies list, in order: (key of the group's heading, kinds in it).
GROUPS = (
    ("bp_group_districts", ("district",)),
    ("bp_group_zones", ("development_zone",)),
    ("bp_group_municipal", ("municipal_department",)),
    ("bp_group_central", ("central_agency_in_cq",)),
    ("bp_group_ministries", ("national_ministry",)),
    ("bp_group_other", ("other",)),
    ("bp_group_unregistered", ("unregistered",)),
)
ROLE_ORDER = ("lead", "owner", "cooperating", "district")


@dataclass
class TaskLine:
    task: Task
    roles: list[str] = field(default_factory=list)


@dataclass
class PlanTasks:
    plan: Plan
    document: Document
    tasks: list[TaskLine] = field(default_factory=list)


@dataclass
class TargetLine:
    target: Target
    row: AssessmentRow | None


@dataclass
class PlanTargets:
    plan: Plan
    targets: list[TargetLine] = field(default_factory=list)


@dataclass
class BodyPage:
    body: Body
    as_of: dt.date | None
    tasks: list[PlanTasks]
    targets: list[PlanTargets]
    standing: Standing | None
    ranking: Ranking

    @property
    def task_count(self) -> int:
        return sum(len(p.tasks) for p in self.tasks)

    @property
    def target_count(self) -> int:
        return sum(len(p.targets) for p in self.targets)


def tasks_of(session: Session, body: Body) -> list[PlanTasks]:
    """The current tasks ``body`` is assigned to (for a district, also those that districts
    carry out), grouped by plan in document order."""
    current = (
        select(Task, Plan, Document)
        .join(Plan, Task.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
    )
    assigned = current.add_columns(Assignment.role).join(Assignment, Assignment.task_id == Task.id)
    queries = [assigned.where(Assignment.body_id == body.id)]
    if body.kind in DISTRICT_KINDS:
        carried = current.add_columns(literal("district")).where(
            Task.districts_responsible.is_(True)
        )
        queries.append(carried)
    plans: dict[int, PlanTasks] = {}
    lines: dict[int, TaskLine] = {}
    for query in queries:
        for task, plan, document, role in session.execute(query):
            group = plans.setdefault(plan.id, PlanTasks(plan, document))
            if task.id not in lines:
                lines[task.id] = TaskLine(task)
                group.tasks.append(lines[task.id])
            if role not in lines[task.id].roles:
                lines[task.id].roles.append(role)
    ordered = sorted(plans.values(), key=lambda p: (p.document.id, p.plan.position))
    for group in ordered:
        group.tasks.sort(key=lambda line: line.task.position)
        for line in group.tasks:
            line.roles.sort(key=ROLE_ORDER.index)
    return ordered


def targets_of(session: Session, body: Body, as_of: dt.date | None) -> list[PlanTargets]:
    """The current targets ``body`` owns with their stored assessment at ``as_of``, by plan."""
    query = (
        current_targets()
        .add_columns(Plan, AssessmentRow)
        .outerjoin(
            AssessmentRow,
            and_(AssessmentRow.target_id == Target.id, AssessmentRow.as_of == as_of),
        )
        .where(or_(*owned_by(body)))
        .order_by(Document.id, Plan.position, Target.position)
    )
    plans: dict[int, PlanTargets] = {}
    for target, plan, row in session.execute(query):
        plans.setdefault(plan.id, PlanTargets(plan)).targets.append(TargetLine(target, row))
    return list(plans.values())


def load_body(session: Session, body: Body, as_of: dt.date | None) -> BodyPage:
    board = ranking(session, as_of, kind_of(body))
    return BodyPage(
        body=body,
        as_of=as_of,
        tasks=tasks_of(session, body),
        targets=targets_of(session, body, as_of),
        standing=board.of(body.id),
        ranking=board,
    )


@dataclass
class BodyGroup:
    key: str
    bodies: list[Body]


@dataclass
class BodiesList:
    as_of: dt.date | None
    groups: list[BodyGroup]
    standings: dict[str, Standing]
    query: str


def load_bodies(session: Session, as_of: dt.date | None, query: str = "") -> BodiesList:
    """Every body of the ledger by group (those matching ``query`` in an id or a name), with
    the standing of those that own assessed targets."""
    rows = session.scalars(select(Body).order_by(Body.id)).all()
    wanted = query.strip().lower()
    if wanted:
        rows = [b for b in rows if wanted in _haystack(b)]
    standings = {
        s.body.id: s
        for kind in ("district", "department")
        for s in ranking(session, as_of, kind).standings
    }
    groups = []
    for key, kinds in GROUPS:
        members = [b for b in rows if b.kind in kinds]
        if members:
            groups.append(BodyGroup(key, members))
    return BodiesList(as_of, groups, standings, query.strip())


def _haystack(body: Body) -> str:
    names = [body.id, body.name, body.full_name or "", body.name_en or "", *(body.aliases or [])]
    return " ".join(names).lower()
