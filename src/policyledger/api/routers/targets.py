"""Targets: ``/targets`` (by plan, body, year, unit, metric, and status or warning in the
stored assessment) and ``/targets/{id}`` with owners, source text, values and assessment."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from policyledger.api.convert import body_ref, source_slice, span
from policyledger.api.deps import DbInt, PagingDep, SessionDep, errors, not_found, page_of
from policyledger.api.filters import (
    assessment_date,
    body_param,
    contains,
    current_plans,
    target_owned,
)
from policyledger.api.schemas.common import AssessedPage, DocumentRef, PlanRef, Span, TaskRef
from policyledger.api.schemas.targets import (
    AssessmentOut,
    ObservationOut,
    SourceText,
    TargetDetail,
    TargetOut,
)
from policyledger.assess.rules import COLOURS, STATUSES
from policyledger.storage.models import AssessmentRow, Observation, Plan, Target, Task
from policyledger.storage.queries import owners_of

router = APIRouter(tags=["targets"])

Status = Literal[STATUSES]  # type: ignore[valid-type]
WarningColour = Literal[COLOURS]  # type: ignore[valid-type]


def target_out(target: Target, status: str | None = None, warning: str | None = None) -> TargetOut:
    out = TargetOut.model_validate(target)
    out.status, out.warning = status, warning
    return out


@router.get(
    "/targets",
    response_model=AssessedPage[TargetOut],
    summary="量化目标列表 · Targets",
    description=(
        "当前版本文件的量化目标（给定 `plan_id` 时为该方案的）；`status`、`warning` 按已存储的评估"
        "筛选（默认最近一次评估，或 `as_of` 指定日期）· Targets of current documents (of the given "
        "plan with `plan_id`). `status` and `warning` filter on the stored assessment of the "
        "latest date, or of `as_of`; every item carries its status and warning on that date."
    ),
)
def list_targets(
    session: SessionDep,
    page: PagingDep,
    plan_id: DbInt | None = None,
    body: Annotated[
        str | None,
        Query(max_length=300, description="责任单位 id 或名称 · owning body, id or name"),
    ] = None,
    year: Annotated[DbInt | None, Query(description="目标年份 · target year")] = None,
    unit: Annotated[
        str | None, Query(max_length=300, description="单位 · unit, e.g. 万亿元")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=300, min_length=1, description="指标包含 · in the metric")
    ] = None,
    status: Annotated[Status | None, Query(description="评估状态 · assessed status")] = None,
    warning: Annotated[WarningColour | None, Query(description="预警颜色 · warning colour")] = None,
    as_of: Annotated[
        dt.date | None, Query(description="评估日期，默认最近 · assessment date (latest)")
    ] = None,
) -> AssessedPage[TargetOut]:
    date = assessment_date(session, as_of)
    if plan_id is None:
        query = select(Target).where(Target.plan_id.in_(current_plans()))
    else:
        query = select(Target).where(Target.plan_id == plan_id)
    owner = body_param(session, body)
    if owner is not None:
        query = query.where(target_owned(owner))
    if year is not None:
        query = query.where(Target.year == year)
    if unit:
        query = query.where(Target.unit == unit.strip())
    if q:
        query = query.where(contains(Target.metric, q))
    if status is not None or warning is not None:
        assessed = select(AssessmentRow.target_id).where(AssessmentRow.as_of == date)
        if status is not None:
            assessed = assessed.where(AssessmentRow.status == status)
        if warning is not None:
            assessed = assessed.where(AssessmentRow.warning == warning)
        query = query.where(Target.id.in_(assessed))
    total, targets = page_of(session, query.order_by(Target.id), page)
    states = statuses(session, [t.id for t in targets], date)
    items = [target_out(t, *states.get(t.id, (None, None))) for t in targets]
    return AssessedPage[TargetOut](
        items=items, total=total, limit=page.limit, offset=page.offset, as_of=date
    )


def statuses(
    session: Session, target_ids: list[int], date: dt.date | None
) -> dict[int, tuple[str, str]]:
    """Status and warning of each target in the stored assessment of ``date``."""
    if not target_ids or date is None:
        return {}
    rows = session.execute(
        select(AssessmentRow.target_id, AssessmentRow.status, AssessmentRow.warning).where(
            AssessmentRow.as_of == date, AssessmentRow.target_id.in_(target_ids)
        )
    )
    return {target_id: (s, w) for target_id, s, w in rows}


@router.get(
    "/targets/{target_id}",
    response_model=TargetDetail,
    summary="目标详情 · A target, its owners, source text, values and assessment",
    responses=errors(404),
)
def get_target(target_id: DbInt, session: SessionDep) -> TargetDetail:
    target = session.scalar(
        select(Target)
        .where(Target.id == target_id)
        .options(selectinload(Target.plan).selectinload(Plan.document))
    )
    if target is None:
        raise not_found("target", target_id)
    owners = [body_ref(body, role) for body, role in owners_of(session, target)]
    task = session.get(Task, target.task_id) if target.task_id else None
    assessment = session.scalar(
        select(AssessmentRow)
        .where(AssessmentRow.target_id == target.id)
        .order_by(AssessmentRow.as_of.desc())
        .limit(1)
    )
    observations = session.scalars(
        select(Observation)
        .where(Observation.target_lineage == target.lineage, Observation.is_current.is_(True))
        .order_by(Observation.period_end, Observation.id)
    )
    out = target_out(target)
    if assessment is not None:
        out.status, out.warning = assessment.status, assessment.warning
    return TargetDetail(
        **out.model_dump(),
        plan=PlanRef.model_validate(target.plan),
        document=DocumentRef.model_validate(target.plan.document),
        task=TaskRef.model_validate(task) if task else None,
        owners=owners,
        source=_source_text(session, target, task),
        observations=[ObservationOut.model_validate(o) for o in observations],
        assessment=AssessmentOut.model_validate(assessment) if assessment else None,
    )


def _source_text(session: Session, target: Target, task: Task | None) -> SourceText:
    source_id = target.plan.document.source_id
    text = source_slice(session, source_id, target.span_start, target.span_end)
    clause = highlight = None
    if task is not None and task.span_start <= target.span_start <= target.span_end <= (
        task.span_end
    ):
        clause = source_slice(session, source_id, task.span_start, task.span_end)
        highlight = Span(
            start=target.span_start - task.span_start, end=target.span_end - task.span_start
        )
    return SourceText(
        source_id=source_id,
        span=span(target.span_start, target.span_end),
        text=text,
        clause_text=clause,
        highlight=highlight,
    )
