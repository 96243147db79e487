"""Stored assessments: ``/assessments`` (the rows of one date) and ``/rankings`` of districts or
departments. Both only read the ``assessment`` table; the assessment service fills it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from policyledger.api.deps import DbInt, PagingDep, SessionDep, page_of
from policyledger.api.filters import assessment_date, body_param, target_owned
from policyledger.api.ranking import RankingCache
from policyledger.api.routers.targets import Status, WarningColour
from policyledger.api.schemas.bodies import RankingEntry, RankingPage, ScorePart
from policyledger.api.schemas.common import AssessedPage
from policyledger.api.schemas.targets import AssessedTarget, AssessmentOut, AssessmentWithTarget
from policyledger.api.security import Assessor
from policyledger.assess.rules import load_rules
from policyledger.storage.models import AssessmentRow, Target

router = APIRouter(tags=["assessments"])


@router.get(
    "/assessments",
    response_model=AssessedPage[AssessmentWithTarget],
    summary="评估结果 · Stored assessments",
    description=(
        "已存储的评估（默认最近一次，或 `as_of`）· The stored assessment rows of the latest date, "
        "or of `as_of`, with their targets."
    ),
)
def list_assessments(
    session: SessionDep,
    page: PagingDep,
    as_of: Annotated[dt.date | None, Query(description="评估日期 · assessment date")] = None,
    status: Annotated[Status | None, Query(description="评估状态 · status")] = None,
    warning: Annotated[WarningColour | None, Query(description="预警颜色 · colour")] = None,
    plan_id: DbInt | None = None,
    body: Annotated[
        str | None, Query(max_length=300, description="责任单位 id 或名称 · owning body")
    ] = None,
) -> AssessedPage[AssessmentWithTarget]:
    date = assessment_date(session, as_of)
    query = select(AssessmentRow).where(AssessmentRow.as_of == date)
    if status is not None:
        query = query.where(AssessmentRow.status == status)
    if warning is not None:
        query = query.where(AssessmentRow.warning == warning)
    owner = body_param(session, body)
    if plan_id is not None or owner is not None:
        targets = select(Target.id)
        if plan_id is not None:
            targets = targets.where(Target.plan_id == plan_id)
        if owner is not None:
            targets = targets.where(target_owned(owner))
        query = query.where(AssessmentRow.target_id.in_(targets))
    total, rows = page_of(session, query.order_by(AssessmentRow.target_id), page)
    ids = [row.target_id for row in rows]
    targets_by_id = {t.id: t for t in session.scalars(select(Target).where(Target.id.in_(ids)))}
    items = [
        AssessmentWithTarget(
            **AssessmentOut.model_validate(row).model_dump(),
            target=AssessedTarget.model_validate(targets_by_id[row.target_id]),
        )
        for row in rows
    ]
    return AssessedPage[AssessmentWithTarget](
        items=items, total=total, limit=page.limit, offset=page.offset, as_of=date
    )


@router.get(
    "/rankings",
    response_model=RankingPage,
    summary="排名 · Rankings of districts or departments",
    description=(
        "按已存储评估给区县（district：区县和开发区）或部门（department：其他单位）打分排名，"
        "计分与命令行相同（policyledger.assess.ranking，权重见 rules.toml [ranking]）· Scores "
        "each body from the stored assessment of the targets it owns (latest date, or "
        "`as_of`): share at green, share at red (negative weight), share of due reports "
        "received on time. Equal scores share a rank. Bodies with no assessed target are not "
        "ranked."
    ),
)
def list_rankings(
    request: Request,
    session: SessionDep,
    page: PagingDep,
    kind: Annotated[
        Literal["district", "department"], Query(description="排名对象 · who is ranked")
    ] = "district",
    as_of: Annotated[dt.date | None, Query(description="评估日期 · assessment date")] = None,
) -> RankingPage:
    date = assessment_date(session, as_of)
    cache: RankingCache = request.app.state.rankings
    ranked = cache.get(session, kind, date, load_rules()) if date else []
    items = [
        RankingEntry(
            rank=r.ranked.rank,
            body_id=r.body_id,
            name=r.name,
            name_en=r.name_en,
            score=r.ranked.score,
            targets=r.targets,
            parts=[
                ScorePart(
                    name=p.key,
                    label=p.label,
                    value=p.value,
                    weight=p.weight,
                    contribution=p.contribution,
                    detail=p.detail,
                )
                for p in r.ranked.scorecard.parts
            ],
            explanation=r.ranked.explanation,
        )
        for r in ranked[page.offset : page.offset + page.limit]
    ]
    return RankingPage(
        items=items, total=len(ranked), limit=page.limit, offset=page.offset, kind=kind, as_of=date
    )


class RunRequest(BaseModel):
    """评估请求 · Which date to assess."""

    as_of: dt.date = Field(description="评估日期 · the date to assess at")


class RunOut(BaseModel):
    """评估运行结果 · What a run found, by warning colour."""

    as_of: dt.date
    targets: int
    warnings: dict[str, int]


@router.post(
    "/assessments/runs",
    response_model=RunOut,
    status_code=201,
    summary="运行评估 · Assess every target at a date",
    description="评估全部目标并保存结果（同一日期的旧结果被替换）· Assesses every current "
    "target at `as_of` and stores the results, replacing an earlier run of that date.",
)
def run(session: SessionDep, body: RunRequest, principal: Assessor) -> RunOut:
    from collections import Counter

    from policyledger.services.assessment import run_assessment

    results = run_assessment(session, body.as_of, actor=principal.username)
    session.commit()
    return RunOut(
        as_of=body.as_of,
        targets=len(results),
        warnings=dict(Counter(r.assessment.warning for r in results)),
    )
