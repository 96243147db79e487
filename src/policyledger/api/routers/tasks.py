"""Tasks: ``/tasks`` (by plan, body, role, words) and ``/tasks/{id}`` with the clause text and
where its targets' figures are in it."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from policyledger.api.convert import assignments_of, source_slice, span
from policyledger.api.deps import DbInt, PagingDep, SessionDep, errors, not_found, page_of
from policyledger.api.filters import body_param, contains, current_plans, task_assigned
from policyledger.api.schemas.common import BodyRef, DocumentRef, Page, PlanRef
from policyledger.api.schemas.ledger import Highlight, TargetBrief, TaskDetail, TaskOut
from policyledger.storage.models import Plan, Target, Task

router = APIRouter(tags=["tasks"])

Role = Literal["lead", "cooperating", "district", "owner"]


def task_out(task: Task, assignments: list[BodyRef]) -> TaskOut:
    return TaskOut(
        id=task.id,
        plan_id=task.plan_id,
        position=task.position,
        path=task.path,
        heading=task.heading,
        districts_responsible=task.districts_responsible,
        assignments=assignments,
    )


@router.get(
    "/tasks",
    response_model=Page[TaskOut],
    summary="任务列表 · Tasks",
    description=(
        "当前版本文件的任务；`body` 为单位 id 或名称：该单位承担的任务（区县还包括由各区县落实的"
        "任务）· Tasks of current documents (of any version when `plan_id` is given). `body` "
        "(id or name): the tasks assigned to it, and for a district the tasks districts carry "
        "out. `role`: lead, cooperating or district."
    ),
)
def list_tasks(
    session: SessionDep,
    page: PagingDep,
    plan_id: DbInt | None = None,
    body: Annotated[
        str | None, Query(max_length=300, description="责任单位 id 或名称 · body id or name")
    ] = None,
    role: Annotated[Role | None, Query(description="承担方式 · part in the task")] = None,
    q: Annotated[
        str | None, Query(max_length=300, min_length=1, description="标题包含 · in the heading")
    ] = None,
) -> Page[TaskOut]:
    if plan_id is None:
        query = select(Task).where(Task.plan_id.in_(current_plans()))
    else:
        query = select(Task).where(Task.plan_id == plan_id)
    responsible = body_param(session, body)
    if responsible is not None or role is not None:
        query = query.where(task_assigned(responsible, role))
    if q:
        query = query.where(contains(Task.heading, q))
    total, tasks = page_of(session, query.order_by(Task.id), page)
    assigned = assignments_of(session, [t.id for t in tasks])
    items = [task_out(t, assigned[t.id]) for t in tasks]
    return Page[TaskOut](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/tasks/{task_id}",
    response_model=TaskDetail,
    summary="任务详情 · A task with its clause text",
    description=(
        "`text` 为条款原文，`highlights` 为各目标在其中的位置 · `text` is the clause as written "
        "(`Source.text[span.start:span.end]`); each highlight gives where one target's figure "
        "is in `text`, for a page to mark it."
    ),
    responses=errors(404),
)
def get_task(task_id: DbInt, session: SessionDep) -> TaskDetail:
    task = session.scalar(
        select(Task)
        .where(Task.id == task_id)
        .options(selectinload(Task.plan).selectinload(Plan.document))
    )
    if task is None:
        raise not_found("task", task_id)
    targets = list(
        session.scalars(select(Target).where(Target.task_id == task.id).order_by(Target.position))
    )
    document = task.plan.document
    text = source_slice(session, document.source_id, task.span_start, task.span_end)
    highlights = [
        Highlight(
            target_id=t.id,
            metric=t.metric,
            start=t.span_start - task.span_start,
            end=t.span_end - task.span_start,
        )
        for t in targets
        if task.span_start <= t.span_start and t.span_end <= task.span_end
    ]
    return TaskDetail(
        **task_out(task, assignments_of(session, [task.id])[task.id]).model_dump(),
        targets=[TargetBrief.model_validate(t) for t in targets],
        plan=PlanRef.model_validate(task.plan),
        document=DocumentRef.model_validate(document),
        source_id=document.source_id,
        span=span(task.span_start, task.span_end),
        text=text,
        highlights=highlights,
    )
