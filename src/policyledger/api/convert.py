"""Build response models from ORM rows (the API returns only these models)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.api.schemas.common import BodyRef, Span
from policyledger.api.schemas.ledger import PlanOut
from policyledger.storage.models import Assignment, Body, Plan, Source, Target, Task


def body_ref(body: Body, role: str, written_as: str | None = None) -> BodyRef:
    return BodyRef(
        body_id=body.id,
        name=body.name,
        name_en=body.name_en,
        role=role,
        written_as=written_as,
        registered=body.registered,
    )


def assignments_of(session: Session, task_ids: list[int]) -> dict[int, list[BodyRef]]:
    """The bodies assigned to each task (in the order written), in one query."""
    if not task_ids:
        return {}
    rows = session.execute(
        select(
            Assignment.task_id,
            Assignment.body_id,
            Assignment.role,
            Assignment.written_as,
            Body.name,
            Body.name_en,
            Body.registered,
        )
        .join(Body, Assignment.body_id == Body.id)
        .where(Assignment.task_id.in_(task_ids))
        .order_by(Assignment.task_id, Assignment.position, Assignment.id)
    )
    out: dict[int, list[BodyRef]] = {task_id: [] for task_id in task_ids}
    for task_id, body_id, role, written_as, name, name_en, registered in rows:
        out[task_id].append(
            BodyRef(
                body_id=body_id,
                name=name,
                name_en=name_en,
                role=role,
                written_as=written_as,
                registered=registered,
            )
        )
    return out


def plan_counts(session: Session, plan_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(tasks, targets) of each plan, in two grouped queries."""
    if not plan_ids:
        return {}
    tasks = dict(
        session.execute(
            select(Task.plan_id, func.count())
            .where(Task.plan_id.in_(plan_ids))
            .group_by(Task.plan_id)
        ).all()
    )
    targets = dict(
        session.execute(
            select(Target.plan_id, func.count())
            .where(Target.plan_id.in_(plan_ids))
            .group_by(Target.plan_id)
        ).all()
    )
    return {pid: (tasks.get(pid, 0), targets.get(pid, 0)) for pid in plan_ids}


def plan_out(plan: Plan, counts: dict[int, tuple[int, int]]) -> PlanOut:
    tasks, targets = counts.get(plan.id, (0, 0))
    out = PlanOut.model_validate(plan)
    return out.model_copy(update={"task_count": tasks, "target_count": targets})


def source_slice(session: Session, source_id: int, start: int, end: int) -> str:
    """``Source.text[start:end]`` without loading the whole text (SQL ``substr`` counts
    characters on SQLite and PostgreSQL alike)."""
    if end <= start:
        return ""
    text = session.scalar(
        select(func.substr(Source.text, start + 1, end - start)).where(Source.id == source_id)
    )
    return text or ""


def span(start: int, end: int) -> Span:
    return Span(start=start, end=end)
