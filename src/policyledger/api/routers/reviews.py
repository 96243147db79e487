"""Review of reported values by supervisors: the submitted values waiting (``GET /reviews``),
approve one (it becomes the current, locked value of its period) or return it with a reason."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from policyledger.api.deps import DbInt, PagingDep, SessionDep, errors, not_found
from policyledger.api.schemas.common import Page
from policyledger.api.schemas.targets import ObservationOut
from policyledger.api.security import Reviewer
from policyledger.storage.models import Observation
from policyledger.storage.observations import SUBMITTED
from policyledger.storage.review import approve, pending, return_report

router = APIRouter(tags=["reviews"])


class ApproveIn(BaseModel):
    """审核通过 · An optional note with the approval."""

    note: str | None = Field(default=None, max_length=2000)


class ReturnIn(BaseModel):
    """退回 · Why the value goes back to its reporter."""

    reason: str = Field(min_length=1, max_length=2000, description="退回原因 · the reason")


@router.get(
    "/reviews",
    response_model=Page[ObservationOut],
    summary="待审核数据 · Reported values waiting for review",
    description="最早提交的在前 · Submitted values, oldest first.",
    responses=errors(401, 403),
)
def list_pending(session: SessionDep, page: PagingDep, _reviewer: Reviewer) -> Page[ObservationOut]:
    rows = pending(session)
    shown = rows[page.offset : page.offset + page.limit]
    items = [ObservationOut.model_validate(r) for r in shown]
    return Page[ObservationOut](items=items, total=len(rows), limit=page.limit, offset=page.offset)


def _waiting(session, observation_id: DbInt) -> Observation:
    row = session.get(Observation, observation_id)
    if row is None:
        raise not_found("observation", observation_id)
    if row.status != SUBMITTED:
        raise HTTPException(
            status_code=409,
            detail=f"observation {observation_id} is {row.status}, not waiting for review "
            "· 该数据不在待审核状态",
        )
    return row


@router.post(
    "/observations/{observation_id}/approve",
    response_model=ObservationOut,
    summary="审核通过 · Approve a submitted value",
    description="通过后成为该期当前值并锁定，原值保留在历史中 · The value becomes the current, "
    "locked value of its period; the value it replaces stays in the history.",
    responses=errors(401, 403, 404, 409),
)
def approve_value(
    observation_id: DbInt, payload: ApproveIn, session: SessionDep, reviewer: Reviewer
) -> ObservationOut:
    _waiting(session, observation_id)
    row = approve(session, observation_id, reviewer.username, payload.note)
    session.commit()
    return ObservationOut.model_validate(row)


@router.post(
    "/observations/{observation_id}/return",
    response_model=ObservationOut,
    summary="退回 · Return a submitted value with a reason",
    responses=errors(401, 403, 404, 409),
)
def return_value(
    observation_id: DbInt, payload: ReturnIn, session: SessionDep, reviewer: Reviewer
) -> ObservationOut:
    _waiting(session, observation_id)
    if not payload.reason.strip():
        raise HTTPException(status_code=422, detail="reason: a returned value needs a reason")
    row = return_report(session, observation_id, reviewer.username, payload.reason)
    session.commit()
    return ObservationOut.model_validate(row)
