"""The plan pages' data: the current plans with their counts, one plan's clause tree (一、 ›
（一） › 1.: tasks with their bodies, targets with their status in the latest stored
assessment) read in a handful of set-based queries, and a task's source clause with its
targets' figures marked."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.storage.models import (
    AssessmentRow,
    Assignment,
    Body,
    Document,
    Plan,
    Target,
    Task,
)
from policyledger.web.views.source import Piece, pieces, source_slice

_ARABIC = re.compile(r"\d+")


@dataclass
class PlanSummary:
    """A row of the plan list."""

    plan: Plan
    document: Document
    tasks: int = 0
    targets: int = 0
    warnings: dict[str, int] = field(default_factory=dict)


def load_plans(session: Session, as_of: dt.date | None) -> list[PlanSummary]:
    """The plans of current documents, with task, target and warning counts (four queries)."""
    rows = session.execute(
        select(Plan, Document)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
        .order_by(Document.id, Plan.position)
    ).all()
    out = {plan.id: PlanSummary(plan, document) for plan, document in rows}
    for plan_id, count in session.execute(
        select(Task.plan_id, func.count()).where(Task.plan_id.in_(out)).group_by(Task.plan_id)
    ):
        out[plan_id].tasks = count
    for plan_id, count in session.execute(
        select(Target.plan_id, func.count()).where(Target.plan_id.in_(out)).group_by(Target.plan_id)
    ):
        out[plan_id].targets = count
    if as_of is not None:
        for plan_id, warning, count in session.execute(
            select(Target.plan_id, AssessmentRow.warning, func.count())
            .join(AssessmentRow, AssessmentRow.target_id == Target.id)
            .where(AssessmentRow.as_of == as_of, Target.plan_id.in_(out))
            .group_by(Target.plan_id, AssessmentRow.warning)
        ):
            out[plan_id].warnings[warning] = count
    return list(out.values())


@dataclass
class Responsible:
    """A body's part in a task or target: lead, cooperating, district or owner."""

    body: Body
    role: str
    written_as: str | None = None


@dataclass
class TargetItem:
    target: Target
    status: str = "no_data"
    warning: str = "grey"
    owners: list[Responsible] = field(default_factory=list)


@dataclass
class TaskItem:
    task: Task
    bodies: list[Responsible] = field(default_factory=list)
    targets: list[TargetItem] = field(default_factory=list)

    @property
    def leads(self) -> list[Responsible]:
        return [b for b in self.bodies if b.role == "lead"]

    @property
    def others(self) -> list[Responsible]:
        return [b for b in self.bodies if b.role != "lead"]


@dataclass
class Clause:
    """A node of the clause tree: its number, the heading the text gives it, and the task
    and targets stated at it."""

    path: str
    number: str
    depth: int
    heading: str = ""
    task: TaskItem | None = None
    targets: list[TargetItem] = field(default_factory=list)
    children: list[Clause] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The number as the text writes it: 三、 at the top, （一） below, 1. for Arabic."""
        if _ARABIC.fullmatch(self.number):
            return f"{self.number}."
        return f"{self.number}、" if self.depth == 1 else f"（{self.number}）"

    @property
    def anchor(self) -> str:
        return "clause-" + self.path.replace("/", "-")


@dataclass
class PlanPage:
    plan: Plan
    document: Document
    as_of: dt.date | None
    clauses: list[Clause]
    other_targets: list[TargetItem]
    tasks: int
    targets: int
    warnings: dict[str, int]
    newer_plan_id: int | None = None


def _heading(gap: str, clause: Clause) -> str:
    """The heading of a clause that is not itself a task ("三、工作任务", "（一）实施…行动。"):
    the last line in ``gap`` (the text before its first item) that starts with its number."""
    found = None
    for match in re.finditer(rf"(?m)^\s*{re.escape(clause.label)}([^\n]*)", gap):
        found = match
    if found is None:
        return ""
    text = found.group(1).strip()
    return text.split("。", 1)[0][:60]


def clause_tree(
    tasks: list[TaskItem], loose: list[TargetItem], text: str, offset: int
) -> list[Clause]:
    """Nest tasks by their clause path (三/一/1 under 三/一 under 三), in the order of the text;
    a target outside any task hangs on the node of its own path. ``text`` (the document's
    text, starting at ``offset`` in the source) gives the headings of the upper clauses."""
    roots: list[Clause] = []
    nodes: dict[str, Clause] = {}
    previous_end = 0
    gap = ""

    def node(path: str) -> Clause:
        if path not in nodes:
            parent, _, number = path.rpartition("/")
            clause = Clause(path=path, number=number, depth=path.count("/") + 1)
            nodes[path] = clause
            (node(parent).children if parent else roots).append(clause)
            clause.heading = _heading(gap, clause)
        return nodes[path]

    items: list[TaskItem | TargetItem] = [*tasks, *loose]
    for item in sorted(items, key=_start):
        start = _start(item) - offset
        gap = text[max(previous_end, 0) : max(start, 0)]
        if isinstance(item, TaskItem):
            clause = node(item.task.path)
            clause.task = item
            clause.heading = item.task.heading
            previous_end = item.task.span_end - offset
        else:
            node(item.target.path or "").targets.append(item)
            previous_end = max(previous_end, item.target.span_end - offset)
    return roots


def _start(item: TaskItem | TargetItem) -> int:
    return item.task.span_start if isinstance(item, TaskItem) else item.target.span_start


def load_plan(session: Session, plan_id: int, as_of: dt.date | None) -> PlanPage | None:
    """One plan with its clause tree, in seven queries whatever its size."""
    found = session.execute(
        select(Plan, Document)
        .join(Document, Plan.document_id == Document.id)
        .where(Plan.id == plan_id)
    ).first()
    if found is None:
        return None
    plan, document = found
    tasks = {
        t.id: TaskItem(t)
        for t in session.scalars(
            select(Task).where(Task.plan_id == plan_id).order_by(Task.position)
        )
    }
    targets = [
        TargetItem(t)
        for t in session.scalars(
            select(Target).where(Target.plan_id == plan_id).order_by(Target.position)
        )
    ]
    by_lineage = {item.target.lineage: item for item in targets}
    task_ids = select(Task.id).where(Task.plan_id == plan_id).scalar_subquery()
    lineages = select(Target.lineage).where(Target.plan_id == plan_id).scalar_subquery()
    for assignment, body in session.execute(
        select(Assignment, Body)
        .join(Body, Assignment.body_id == Body.id)
        .where(Assignment.task_id.in_(task_ids) | Assignment.target_lineage.in_(lineages))
        .order_by(Assignment.position, Assignment.id)
    ):
        who = Responsible(body, assignment.role, assignment.written_as)
        if assignment.task_id in tasks:
            tasks[assignment.task_id].bodies.append(who)
        elif assignment.target_lineage in by_lineage:
            by_lineage[assignment.target_lineage].owners.append(who)
    warnings: dict[str, int] = defaultdict(int)
    if as_of is not None:
        by_id = {item.target.id: item for item in targets}
        for target_id, status, warning in session.execute(
            select(AssessmentRow.target_id, AssessmentRow.status, AssessmentRow.warning)
            .join(Target, AssessmentRow.target_id == Target.id)
            .where(Target.plan_id == plan_id, AssessmentRow.as_of == as_of)
        ):
            by_id[target_id].status, by_id[target_id].warning = status, warning
            warnings[warning] += 1
    loose, other = [], []
    for item in targets:
        task = tasks.get(item.target.task_id) if item.target.task_id else None
        if task is not None:
            task.targets.append(item)
        else:
            (loose if item.target.path else other).append(item)
    text = source_slice(session, document.source_id, document.span_start, document.span_end)
    return PlanPage(
        plan=plan,
        document=document,
        as_of=as_of,
        clauses=clause_tree(list(tasks.values()), loose, text, document.span_start),
        other_targets=other,
        tasks=len(tasks),
        targets=len(targets),
        warnings=dict(warnings),
        newer_plan_id=None if document.is_current else newer_plan(session, plan, document),
    )


def newer_plan(session: Session, plan: Plan, document: Document) -> int | None:
    """The plan of the current version of ``document`` at the same position (or its first)."""
    rows = session.execute(
        select(Plan.id, Plan.position)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.identity == document.identity, Document.is_current.is_(True))
        .order_by(Plan.position)
    ).all()
    same = [pid for pid, position in rows if position == plan.position]
    return same[0] if same else (rows[0][0] if rows else None)


@dataclass
class TaskSource:
    task: Task
    pieces: list[Piece]


def load_task_source(session: Session, task_id: int) -> TaskSource | None:
    """A task's clause as written, with its targets' statements and figures marked."""
    found = session.execute(
        select(Task, Document.source_id)
        .join(Plan, Task.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(Task.id == task_id)
    ).first()
    if found is None:
        return None
    task, source_id = found
    text = source_slice(session, source_id, task.span_start, task.span_end)
    targets = session.scalars(select(Target).where(Target.task_id == task_id))
    return TaskSource(task, pieces(text, task.span_start, targets))
