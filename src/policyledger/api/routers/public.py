"""The public view for anonymous callers (``/public/documents``): only documents an
administrator published, with their plans and targets, each target's latest approved value and
its latest stored warning colour. Nothing pending, nothing from unpublished documents."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from policyledger.api.deps import PagingDep, SessionDep, page_of
from policyledger.api.schemas.common import Page
from policyledger.storage.models import AssessmentRow, Document, Observation, Plan
from policyledger.storage.observations import APPROVED

router = APIRouter(tags=["public"])


class PublicTarget(BaseModel):
    """公开的目标 · A target as the public sees it."""

    id: int
    metric: str
    text: str
    value: float
    unit: str
    year: int | None
    latest_value: float | None
    latest_period: str | None
    warning: str | None
    assessed_on: dt.date | None


class PublicPlan(BaseModel):
    id: int
    name: str
    targets: list[PublicTarget]


class PublicDocument(BaseModel):
    """公开的文件 · A published document with its plans and targets."""

    id: int
    doc_number: str | None
    title: str
    issuer: str | None
    signed: dt.date | None
    plans: list[PublicPlan]


def _latest_values(session, lineages: list[int]) -> dict[int, tuple[float, str]]:
    latest = (
        select(Observation.target_lineage, func.max(Observation.period_end).label("end"))
        .where(
            Observation.target_lineage.in_(lineages),
            Observation.is_current.is_(True),
            Observation.status == APPROVED,
        )
        .group_by(Observation.target_lineage)
        .subquery()
    )
    rows = session.execute(
        select(Observation.target_lineage, Observation.value, Observation.period)
        .join(
            latest,
            (Observation.target_lineage == latest.c.target_lineage)
            & (Observation.period_end == latest.c.end),
        )
        .where(Observation.is_current.is_(True), Observation.status == APPROVED)
    ).all()
    return {lineage: (value, period) for lineage, value, period in rows}


def _latest_warnings(session, ids: list[int]) -> dict[int, tuple[str, dt.date]]:
    newest = (
        select(AssessmentRow.target_id, func.max(AssessmentRow.as_of).label("as_of"))
        .where(AssessmentRow.target_id.in_(ids))
        .group_by(AssessmentRow.target_id)
        .subquery()
    )
    rows = session.execute(
        select(AssessmentRow.target_id, AssessmentRow.warning, AssessmentRow.as_of).join(
            newest,
            (AssessmentRow.target_id == newest.c.target_id)
            & (AssessmentRow.as_of == newest.c.as_of),
        )
    ).all()
    return {target_id: (warning, as_of) for target_id, warning, as_of in rows}


def _public(session, document: Document) -> PublicDocument:
    targets = [t for plan in document.plans for t in plan.targets]
    values = _latest_values(session, [t.lineage or t.id for t in targets])
    warnings = _latest_warnings(session, [t.id for t in targets])
    plans = []
    for plan in document.plans:
        shown = []
        for t in plan.targets:
            value, period = values.get(t.lineage or t.id, (None, None))
            warning, as_of = warnings.get(t.id, (None, None))
            shown.append(
                PublicTarget(
                    id=t.id,
                    metric=t.metric,
                    text=t.text,
                    value=t.value,
                    unit=t.unit,
                    year=t.year,
                    latest_value=value,
                    latest_period=period,
                    warning=warning,
                    assessed_on=as_of,
                )
            )
        plans.append(PublicPlan(id=plan.id, name=plan.name, targets=shown))
    return PublicDocument(
        id=document.id,
        doc_number=document.doc_number,
        title=document.title,
        issuer=document.issuer,
        signed=document.signed,
        plans=plans,
    )


@router.get(
    "/public/documents",
    response_model=Page[PublicDocument],
    summary="公开的文件与目标 · Published documents and their targets (no sign-in)",
    description="只含已发布的文件；数值为已审核的最新值 · Only published documents; values are the "
    "latest approved ones.",
)
def public_documents(session: SessionDep, page: PagingDep) -> Page[PublicDocument]:
    query = (
        select(Document)
        .where(Document.published.is_(True), Document.is_current.is_(True))
        .options(selectinload(Document.plans).selectinload(Plan.targets))
        .order_by(Document.id)
    )
    total, documents = page_of(session, query, page)
    items = [_public(session, d) for d in documents]
    return Page[PublicDocument](items=items, total=total, limit=page.limit, offset=page.offset)
