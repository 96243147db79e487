"""Responsible bodies: ``/bodies``, ``/bodies/{id}`` (tasks count and targets owned) and
``/districts``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from sqlalchemy import Select, or_, select

from policyledger.api.deps import PagingDep, SessionDep, count, errors, not_found, page_of
from policyledger.api.filters import contains, current_plans, target_owned, task_assigned
from policyledger.api.schemas.bodies import BodyDetail, BodyOut
from policyledger.api.schemas.common import Page
from policyledger.api.schemas.targets import TargetOut
from policyledger.storage.models import Body, Target, Task
from policyledger.storage.queries import DISTRICT_KINDS, find_body

router = APIRouter(tags=["bodies"])

BodyKind = Literal[
    "municipal_department",
    "department",
    "central_agency_in_cq",
    "central_agency",
    "district",
    "development_zone",
    "national_ministry",
    "other",
    "unregistered",
]
# Short names accepted for ``kind``.
KIND_ALIASES = {"department": "municipal_department", "central_agency": "central_agency_in_cq"}
TARGETS_SHOWN = 100


def _search(query: Select[tuple[Body]], q: str | None) -> Select[tuple[Body]]:
    if not q:
        return query
    return query.where(
        or_(
            contains(Body.id, q),
            contains(Body.name, q),
            contains(Body.full_name, q),
            contains(Body.name_en, q),
        )
    )


@router.get(
    "/bodies",
    response_model=Page[BodyOut],
    summary="责任单位 · Responsible bodies",
    description=(
        "`kind`: municipal_department（或 department）、central_agency_in_cq（或 "
        "central_agency）、district、development_zone、national_ministry、other、unregistered；"
        "`registered=false` 列出名录外、按原文保留的单位 · names the registry does not know."
    ),
)
def list_bodies(
    session: SessionDep,
    page: PagingDep,
    kind: Annotated[BodyKind | None, Query(description="单位类别 · kind of body")] = None,
    q: Annotated[
        str | None,
        Query(max_length=300, min_length=1, description="名称包含 · in the id or any name"),
    ] = None,
    registered: Annotated[bool | None, Query(description="在单位名录中 · in the registry")] = None,
) -> Page[BodyOut]:
    query = select(Body).order_by(Body.kind, Body.id)
    if kind is not None:
        query = query.where(Body.kind == KIND_ALIASES.get(kind, kind))
    if registered is not None:
        query = query.where(Body.registered.is_(registered))
    total, bodies = page_of(session, _search(query, q), page)
    items = [BodyOut.model_validate(b) for b in bodies]
    return Page[BodyOut](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/districts",
    response_model=Page[BodyOut],
    summary="区县和开发区 · Districts, counties and development zones",
)
def list_districts(
    session: SessionDep,
    page: PagingDep,
    q: Annotated[
        str | None, Query(max_length=300, min_length=1, description="名称包含 · in any name")
    ] = None,
) -> Page[BodyOut]:
    query = select(Body).where(Body.kind.in_(DISTRICT_KINDS)).order_by(Body.kind, Body.id)
    total, bodies = page_of(session, _search(query, q), page)
    items = [BodyOut.model_validate(b) for b in bodies]
    return Page[BodyOut](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/bodies/{body_id:path}",
    response_model=BodyDetail,
    summary="单位详情 · A body, its tasks count and the targets it owns",
    description=(
        "`body_id` 可为 id 或名称 · an id (cq.sww) or a name (市商务委). `targets_owned` lists "
        "the first 100; page through `/targets?body=ID` for all of them."
    ),
    responses=errors(404),
)
def get_body(body_id: str, session: SessionDep) -> BodyDetail:
    body = find_body(session, body_id.strip())
    if body is None:
        raise not_found("body", body_id)
    current = current_plans()
    tasks = count(session, select(Task).where(Task.plan_id.in_(current), task_assigned(body, None)))
    owned = select(Target).where(Target.plan_id.in_(current), target_owned(body))
    total = count(session, owned)
    targets = session.scalars(owned.order_by(Target.id).limit(TARGETS_SHOWN))
    return BodyDetail(
        **BodyOut.model_validate(body).model_dump(),
        tasks_count=tasks,
        targets_owned_count=total,
        targets_owned=[TargetOut.model_validate(t) for t in targets],
    )
