"""Plans: ``/plans`` and ``/plans/{id}`` with the clause tree (tasks, their assignments and
targets)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from policyledger.api.convert import assignments_of, plan_counts, plan_out
from policyledger.api.deps import DbInt, PagingDep, SessionDep, errors, not_found, page_of
from policyledger.api.filters import contains
from policyledger.api.schemas.common import BodyRef, DocumentRef, Page
from policyledger.api.schemas.ledger import (
    ClauseNode,
    PlanDetail,
    PlanOut,
    TargetBrief,
    TaskWithTargets,
)
from policyledger.storage.models import Document, Plan, Target, Task

router = APIRouter(tags=["plans"])


@router.get(
    "/plans",
    response_model=Page[PlanOut],
    summary="方案列表 · Plans",
    description="默认只列当前版本文件的方案 · Plans of current documents unless `all_versions`.",
)
def list_plans(
    session: SessionDep,
    page: PagingDep,
    document_id: DbInt | None = None,
    q: Annotated[
        str | None, Query(max_length=300, min_length=1, description="名称包含 · in the name")
    ] = None,
    all_versions: bool = False,
) -> Page[PlanOut]:
    query = select(Plan).join(Document, Plan.document_id == Document.id).order_by(Plan.id)
    if document_id is not None:
        query = query.where(Plan.document_id == document_id)
    elif not all_versions:
        query = query.where(Document.is_current.is_(True))
    if q:
        query = query.where(contains(Plan.name, q))
    total, plans = page_of(session, query, page)
    counts = plan_counts(session, [p.id for p in plans])
    items = [plan_out(p, counts) for p in plans]
    return Page[PlanOut](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/plans/{plan_id}",
    response_model=PlanDetail,
    summary="方案详情 · A plan and its clause tree",
    responses=errors(404),
)
def get_plan(plan_id: DbInt, session: SessionDep) -> PlanDetail:
    plan = session.scalar(
        select(Plan).where(Plan.id == plan_id).options(selectinload(Plan.document))
    )
    if plan is None:
        raise not_found("plan", plan_id)
    tasks = list(
        session.scalars(select(Task).where(Task.plan_id == plan_id).order_by(Task.position))
    )
    assigned = assignments_of(session, [t.id for t in tasks])
    targets = list(
        session.scalars(select(Target).where(Target.plan_id == plan_id).order_by(Target.position))
    )
    clauses, other = clause_tree(tasks, targets, assigned)
    counts = {plan.id: (len(tasks), len(targets))}
    return PlanDetail(
        **plan_out(plan, counts).model_dump(),
        document=DocumentRef.model_validate(plan.document),
        clauses=clauses,
        other_targets=other,
    )


def clause_tree(
    tasks: list[Task], targets: list[Target], assigned: dict[int, list[BodyRef]]
) -> tuple[list[ClauseNode], list[TargetBrief]]:
    """Nest tasks by their clause path (三/一/1 under 三/一 under 三), in the order of the
    text; a target outside any task hangs on the node of its own path."""
    by_task: dict[int, list[TargetBrief]] = {}
    loose: list[Target] = []
    other: list[TargetBrief] = []
    for target in targets:
        if target.task_id is not None:
            by_task.setdefault(target.task_id, []).append(TargetBrief.model_validate(target))
        elif target.path:
            loose.append(target)
        else:
            other.append(TargetBrief.model_validate(target))
    roots: list[ClauseNode] = []
    nodes: dict[str, ClauseNode] = {}

    def node(path: str) -> ClauseNode:
        if path not in nodes:
            parent, _, number = path.rpartition("/")
            nodes[path] = ClauseNode(path=path, number=number)
            (node(parent).children if parent else roots).append(nodes[path])
        return nodes[path]

    items: list[Task | Target] = [*tasks, *loose]
    for item in sorted(items, key=lambda i: i.span_start):
        if isinstance(item, Task):
            node(item.path).task = TaskWithTargets(
                id=item.id,
                plan_id=item.plan_id,
                position=item.position,
                path=item.path,
                heading=item.heading,
                districts_responsible=item.districts_responsible,
                assignments=assigned[item.id],
                targets=by_task.get(item.id, []),
            )
        else:
            node(item.path or "").targets.append(TargetBrief.model_validate(item))
    return roots, other
