"""Query helpers shared by the list endpoints: the body filter, the date of the stored
assessment to read, and safe substring search."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import HTTPException
from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session

from policyledger.api.deps import bad_parameter
from policyledger.storage.models import (
    AssessmentRow,
    Assignment,
    Body,
    Document,
    Plan,
    Target,
    Task,
)
from policyledger.storage.queries import DISTRICT_KINDS, find_body, owned_by


def body_param(session: Session, value: str | None) -> Body | None:
    """The body a ``body`` filter names (id, name or any written form); 422 when unknown."""
    if value is None:
        return None
    body = find_body(session, value.strip())
    if body is None:
        raise bad_parameter(f"body: no responsible body {value!r} · 未找到责任单位")
    return body


def task_assigned(body: Body | None, role: str | None) -> ColumnElement[bool]:
    """Tasks ``body`` is assigned to (with ``role`` when given); for a district also the
    tasks districts carry out. Without a body: tasks with any assignment of ``role``."""
    if role == "district":
        if body is None or body.kind in DISTRICT_KINDS:
            return Task.districts_responsible.is_(True)
        return false()
    conditions: list[Any] = [Assignment.task_id.is_not(None)]
    if body is not None:
        conditions.append(Assignment.body_id == body.id)
    if role is not None:
        conditions.append(Assignment.role == role)
    assigned = Task.id.in_(select(Assignment.task_id).where(*conditions))
    if body is not None and body.kind in DISTRICT_KINDS and role is None:
        return or_(assigned, Task.districts_responsible.is_(True))
    return assigned


def target_owned(body: Body) -> ColumnElement[bool]:
    """Targets ``body`` owns (see ``storage.queries.owned_by``)."""
    return or_(*owned_by(body))


def current_plans() -> Select[tuple[int]]:
    """Ids of the plans of current documents, for ``… .plan_id.in_(current_plans())``: what
    ``storage.queries.current_targets`` means, without joining every row to its plan and
    document (the database reads the few current plans once)."""
    return (
        select(Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
    )


def latest_as_of(session: Session) -> dt.date | None:
    """The date of the latest stored assessment (None when nothing was assessed)."""
    return session.scalar(select(func.max(AssessmentRow.as_of)))


ON_DEMAND_LIMIT = 5000  # targets: up to this many, a date not yet assessed is assessed when asked


def assessment_date(session: Session, as_of: dt.date | None) -> dt.date | None:
    """The date whose stored assessment to read: ``as_of``, or the latest one. A date not yet
    assessed is assessed (and kept) on first request when the ledger is small; on a large one
    the answer says to run the assessment for that date first."""
    if as_of is None:
        return latest_as_of(session)
    stored = session.scalar(select(AssessmentRow.id).where(AssessmentRow.as_of == as_of).limit(1))
    if stored is None:
        targets = session.scalar(
            select(func.count()).select_from(Target).where(Target.plan_id.in_(current_plans()))
        )
        if targets and targets > ON_DEMAND_LIMIT:
            raise HTTPException(
                status_code=404,
                detail=f"no assessment stored for {as_of}: run `policyledger assess --as-of "
                f"{as_of}` or POST /assessments/runs · 该日期尚未评估",
            )
        if targets:
            from policyledger.services.assessment import run_assessment

            run_assessment(session, as_of, actor="api")
            session.flush()
    return as_of


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match, with ``%`` and ``_`` taken literally."""
    return column.icontains(text.strip(), autoescape=True)
