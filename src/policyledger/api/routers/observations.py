"""Reported values: list a target's values (``history=true`` for every version), report a new
one, and correct one (a new version; the old one stays visible)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from sqlalchemy import select

from policyledger.api.deps import (
    DbInt,
    PagingDep,
    SessionDep,
    bad_parameter,
    errors,
    not_found,
    page_of,
)
from policyledger.api.schemas.common import Page
from policyledger.api.schemas.targets import CorrectionIn, NewObservationIn, ObservationOut
from policyledger.api.security import ReporterDep
from policyledger.auth import Principal, can_report_on, report_status
from policyledger.storage.models import Observation, Target
from policyledger.storage.observations import (
    NewObservation,
    add_observation,
    correct_observation,
    current_target,
)
from policyledger.storage.periods import PeriodError, parse_period
from policyledger.storage.queries import find_body, is_owner

router = APIRouter(tags=["observations"])


def _check_owner(session, principal: Principal, target: Target) -> None:
    """403 unless the caller may report for ``target`` (a reporter: only its own body's)."""
    if not can_report_on(session, principal, target):
        raise HTTPException(
            status_code=403,
            detail=f"{principal.username} ({principal.body_id or principal.role}) is not "
            f"responsible for target {target.id} · 不是该目标的责任单位",
        )


@router.get(
    "/targets/{target_id}/observations",
    response_model=Page[ObservationOut],
    summary="目标的进展数据 · Values reported for a target",
    description=(
        "默认只列当前有效值；`history=true` 列出所有版本（含被更正的）· Current values by default; "
        "with `history=true` every version, corrections included (version, supersedes_id, "
        "is_current)."
    ),
    responses=errors(404),
)
def list_observations(
    target_id: DbInt,
    session: SessionDep,
    page: PagingDep,
    history: Annotated[bool, Query(description="包括被更正的版本 · every version")] = False,
) -> Page[ObservationOut]:
    lineage = session.scalar(select(Target.lineage).where(Target.id == target_id))
    if lineage is None:
        raise not_found("target", target_id)
    query = select(Observation).where(Observation.target_lineage == lineage)
    if not history:
        query = query.where(Observation.is_current.is_(True))
    query = query.order_by(Observation.period_end, Observation.version, Observation.id)
    total, rows = page_of(session, query, page)
    items = [ObservationOut.model_validate(o) for o in rows]
    return Page[ObservationOut](items=items, total=total, limit=page.limit, offset=page.offset)


@router.post(
    "/targets/{target_id}/observations",
    response_model=ObservationOut,
    status_code=201,
    summary="报送进展 · Report a value for a target",
    description=(
        "单位须与目标一致；报送单位须为目标责任单位 · `unit`, when given, must be the target's "
        "unit; `period` is 2024, 2024-Q3, 2024-09, 2024-H1 or 2024年第三季度 …; `reporter` (a "
        "body id or name), when given, must own the target. A value for a period that already "
        "has one supersedes it. A reporter's value is `submitted` and waits for a supervisor's "
        "review (`/reviews`); a supervisor's or administrator's is `approved` at once."
    ),
    responses=errors(401, 403, 404),
)
def report_observation(
    target_id: DbInt,
    payload: NewObservationIn,
    session: SessionDep,
    principal: ReporterDep,
) -> ObservationOut:
    given = session.get(Target, target_id)
    if given is None:
        raise not_found("target", target_id)
    target = current_target(session, given.lineage or given.id) or given
    _check_owner(session, principal, target)
    if payload.unit is not None and payload.unit.strip() != target.unit:
        raise bad_parameter(
            f"unit: {payload.unit!r} is not the target's unit {target.unit!r} · 单位与目标不一致"
        )
    try:
        period = parse_period(payload.period)
    except PeriodError as error:
        raise bad_parameter(f"period: {error}") from None
    reporter_id = None
    if payload.reporter is not None:
        reporter = find_body(session, payload.reporter.strip())
        if reporter is None:
            raise bad_parameter(f"reporter: no responsible body {payload.reporter!r} · 未找到单位")
        if not is_owner(session, reporter, target):
            raise HTTPException(
                status_code=403,
                detail=f"{reporter.name} ({reporter.id}) is not responsible for target "
                f"{target.id} · 该单位不是此目标的责任单位",
            )
        reporter_id = reporter.id
    if not principal.may("report_any") and reporter_id not in (None, principal.body_id):
        raise HTTPException(
            status_code=403, detail="a reporter reports only for its own body · 只能以本单位报送"
        )
    row = add_observation(
        session,
        NewObservation(
            target_lineage=target.lineage or target.id,
            period=period.label,
            value=payload.value,
            unit=target.unit,
            note=payload.note,
            source_url=payload.source_url,
            reporter_id=reporter_id or (None if principal.may("report_any") else principal.body_id),
        ),
        actor=principal.username,
        status=report_status(principal),
    )
    session.commit()  # here, in the worker thread: a failed commit is a 500, not a 201
    return ObservationOut.model_validate(row)


@router.post(
    "/observations/{observation_id}/corrections",
    response_model=ObservationOut,
    status_code=201,
    summary="更正数据 · Correct a reported value",
    description=(
        "生成新版本，原值保留在历史中 · Records a new version for the same target and period; "
        "the corrected one stays in the history. Only the latest version can be corrected (409). "
        "A reporter's correction waits for review like a report."
    ),
    responses=errors(401, 403, 404, 409),
)
def correct(
    observation_id: DbInt,
    payload: CorrectionIn,
    session: SessionDep,
    principal: ReporterDep,
) -> ObservationOut:
    old = session.get(Observation, observation_id)
    if old is None:
        raise not_found("observation", observation_id)
    target = current_target(session, old.target_lineage)
    if target is not None:
        _check_owner(session, principal, target)
    if not old.is_current:
        newer = session.scalar(
            select(Observation.id).where(Observation.supersedes_id == old.id).limit(1)
        )
        raise HTTPException(
            status_code=409,
            detail=f"observation {old.id} was already corrected by observation {newer}; "
            "correct its latest version · 该数据已被更正，请更正最新版本",
        )
    row = correct_observation(
        session,
        old.id,
        payload.value,
        payload.note,
        principal.username,
        status=report_status(principal),
    )
    session.commit()
    return ObservationOut.model_validate(row)
