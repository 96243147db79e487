"""Request plumbing shared by the routers: a database session per request, the paging
parameters, counting and paging a query, and the 404/422 errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from annotated_types import Interval
from fastapi import Depends, HTTPException, Query, Request
from sqlalchemy import Select, func
from sqlalchemy.orm import Session

from policyledger.api.schemas.common import ErrorOut
from policyledger.storage.db import Database

MAX_LIMIT = 500
MAX_OFFSET = 10**9
# every integer a caller sends fits the database's INTEGER (ids, years): larger ones are a 422
DbInt = Annotated[int, Interval(ge=-(2**31), le=2**31 - 1)]


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request (``Database.session``): committed when the endpoint returns,
    before the response is sent; rolled back when it raises.

    Declared ``async`` so that FastAPI does not move it to a worker thread twice per request
    (the endpoints, which do the database work, run in worker threads). The final commit of a
    read is a no-op round trip; endpoints that write commit in their own thread first
    (``session.commit()``), so a failed commit is an error response, never a 201 for a value
    that was not stored."""
    database: Database = request.app.state.database
    with database.session() as session:
        yield session


# scope="function": the session ends as soon as the endpoint returns, not after the response.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


async def paging(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="每页条数 · items per page (1–500)")
    ] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="跳过条数 · items to skip")] = 0,
) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(paging)]


def count(session: Session, query: Select[Any]) -> int:
    """``SELECT count(*)`` over the rows of ``query`` (its FROM and WHERE, no ORDER BY)."""
    counting = query.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
    return session.scalar(counting) or 0


def page_of(session: Session, query: Select[Any], page: Paging) -> tuple[int, list[Any]]:
    """The total of ``query`` and the rows of the requested page (``query`` must be ordered)."""
    total = count(session, query)
    if total <= page.offset:
        return total, []
    rows = session.execute(query.limit(page.limit).offset(page.offset)).all()
    return total, [row[0] if len(row) == 1 else row for row in rows]


def not_found(what: str, key: object) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key} · 未找到{_ZH.get(what, what)}")


def bad_parameter(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


_DESCRIPTIONS = {
    401: "未登录或令牌无效 · no valid API token",
    403: "无此权限 · not allowed (a reporter does not own the target)",
    404: "未找到 · no such item",
    409: "已被更正 · the observation was already corrected",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error codes an endpoint can answer with."""
    return {code: {"model": ErrorOut, "description": _DESCRIPTIONS[code]} for code in codes}


_ZH = {
    "gazette": "公报",
    "document": "文件",
    "plan": "方案",
    "task": "任务",
    "target": "目标",
    "observation": "数据",
    "body": "单位",
}
