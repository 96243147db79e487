"""``GET /audit``: the audit log, newest first."""

from __future__ import annotations

import threading
import time
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.api.deps import PagingDep, SessionDep, count, errors
from policyledger.api.schemas.common import AuditOut, Page
from policyledger.api.security import AuditReader
from policyledger.storage.models import AuditLog

router = APIRouter(tags=["audit"])


class AuditCount:
    """The number of audit rows, counted in full at most once a minute and in between only the
    rows added since (by id): the log is append-only, and counting hundreds of thousands of
    rows on every request would dominate the endpoint. On PostgreSQL, a row whose transaction
    commits after a later id was counted is missed until the next full count (≤ a minute)."""

    RECOUNT_SECONDS = 60.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_id = 0
        self._count = 0
        self._counted_at = float("-inf")

    def total(self, session: Session) -> int:
        last_id = session.scalar(select(func.max(AuditLog.id))) or 0
        with self._lock:
            known_id, known, counted_at = self._last_id, self._count, self._counted_at
        now = time.monotonic()
        upto = AuditLog.id <= last_id
        if last_id < known_id or now - counted_at > self.RECOUNT_SECONDS:
            total = session.scalar(select(func.count()).where(upto)) or 0
            counted_at = now
        else:
            since = select(func.count()).where(AuditLog.id > known_id, upto)
            total = known + (session.scalar(since) or 0)
        with self._lock:
            if last_id >= self._last_id:
                self._last_id, self._count, self._counted_at = last_id, total, counted_at
        return total


@router.get(
    "/audit",
    response_model=Page[AuditOut],
    summary="审计日志 · Audit log",
    description="只读，仅督查与管理员可见；日志只增不改（数据库触发器拒绝修改和删除）· Read-only, "
    "for supervisors and administrators; rows are append-only (database triggers refuse UPDATE "
    "and DELETE).",
    responses=errors(401, 403),
)
def list_audit(
    request: Request,
    session: SessionDep,
    page: PagingDep,
    _reader: AuditReader,
    entity: Annotated[
        str | None,
        Query(max_length=300, description="对象类型 · entity, e.g. observation, document"),
    ] = None,
    entity_id: Annotated[
        str | None, Query(max_length=300, description="对象 id · entity id")
    ] = None,
    actor: Annotated[str | None, Query(max_length=300, description="操作人 · actor")] = None,
) -> Page[AuditOut]:
    query = select(AuditLog)
    if entity:
        query = query.where(AuditLog.entity == entity)
    if entity_id:
        query = query.where(AuditLog.entity_id == entity_id)
    if actor:
        query = query.where(AuditLog.actor == actor)
    if entity or entity_id or actor:
        total = count(session, query)
    else:
        total = request.app.state.audit_count.total(session)
    rows = []
    if total > page.offset:
        newest_first = query.order_by(AuditLog.at.desc(), AuditLog.id.desc())
        rows = session.scalars(newest_first.limit(page.limit).offset(page.offset)).all()
    items = [AuditOut.model_validate(r) for r in rows]
    return Page[AuditOut](items=items, total=total, limit=page.limit, offset=page.offset)
