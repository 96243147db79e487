"""Build the FastAPI application over an open ledger: routers, error handlers and the OpenAPI
description (Chinese and English)."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from policyledger.api.ranking import RankingCache
from policyledger.api.routers import (
    assessments,
    audit,
    bodies,
    documents,
    health,
    observations,
    plans,
    public,
    reviews,
    targets,
    tasks,
)
from policyledger.api.routers.audit import AuditCount
from policyledger.api.schemas.common import ValidationErrorOut
from policyledger.api.security import needs
from policyledger.errors import PolicyLedgerError
from policyledger.storage.db import Database, DatabaseError

DESCRIPTION = """\
政策台账接口：公报、文件、方案、任务、量化目标、责任单位、进展数据、评估与排名。
The policyledger REST API: gazettes, documents, plans, tasks, quantified targets, responsible
bodies, reported values, stored assessments and rankings.

- 列表接口均分页（`limit` 默认 50、最多 500，`offset`），返回 `{"items", "total", "limit",
  "offset"}` · every list is paged (`limit` 50 by default, at most 500; `offset`) in that envelope.
- 未找到返回 404，参数错误返回 422，均带可读的 `detail` · unknown ids answer 404, bad parameters
  422, each with a readable `detail`.
- 需要令牌：`Authorization: Bearer plg_…`（`policyledger user token NAME` 生成）；未登录只能访问
  `/health` 与 `/public/documents` · send an API token (`policyledger user token NAME`) as
  `Authorization: Bearer plg_…`; without one only `/health` and `/public/documents` answer (401).
- 角色：查看者只读；报送员只能为本单位负责的目标报送（待审核）；督查审核、退回、查看审计日志；
  管理员另可发布文件 · viewers read; a reporter reports only for targets its body owns (the
  value waits for review); supervisors approve or return and read the audit log;
  administrators also publish documents. Not allowed: 403.
- 写操作记入审计日志（操作人、时间、来源地址、令牌、旧值→新值）· every write goes to the
  append-only audit log with who, when, the address, the token and old → new.
"""

TAGS = [
    {"name": "health", "description": "运行状态 · Is the API up"},
    {"name": "documents", "description": "公报与文件（含历史版本）· Gazette issues and documents"},
    {"name": "plans", "description": "方案及其条款树 · Plans and their clause trees"},
    {"name": "tasks", "description": "任务及条款原文 · Tasks and the clause text they come from"},
    {"name": "targets", "description": "量化目标 · Quantified targets"},
    {
        "name": "observations",
        "description": "进展数据的报送与更正（保留历史）· Reported values and corrections",
    },
    {"name": "bodies", "description": "责任单位、区县 · Responsible bodies and districts"},
    {"name": "assessments", "description": "评估结果与排名 · Stored assessments and rankings"},
    {"name": "reviews", "description": "审核报送数据 · Approve or return reported values"},
    {"name": "audit", "description": "审计日志 · Who changed what, when"},
    {"name": "public", "description": "公开视图（无需登录）· The public view, no sign-in"},
]


def create_app(database: Database) -> FastAPI:
    """The API over ``database`` (OpenAPI at /openapi.json, Swagger UI at /docs)."""
    app = FastAPI(
        title="policyledger",
        version=_version(),
        description=DESCRIPTION,
        openapi_tags=TAGS,
    )
    app.state.database = database
    app.state.rankings = RankingCache()
    app.state.audit_count = AuditCount()
    app.include_router(health.router)  # open: is the API up
    app.include_router(public.router)  # open: published documents only
    reader = [Depends(needs("read"))]  # every other endpoint: a signed-in user, at least
    for module in (documents, plans, tasks, targets, observations, bodies, assessments):
        app.include_router(module.router, dependencies=reader)
    app.include_router(reviews.router)  # supervisors (each endpoint checks "review")
    app.include_router(audit.router)  # supervisors and administrators ("read_audit")
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(OperationalError, _unavailable)
    app.add_exception_handler(PoolTimeout, _unavailable)
    app.add_exception_handler(IntegrityError, _conflict)
    app.add_exception_handler(DatabaseError, _unavailable)
    app.add_exception_handler(PolicyLedgerError, _refused)
    _describe_validation_errors(app)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("policyledger")
    except PackageNotFoundError:
        return "0"


def _where(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc[1:]] if loc and loc[0] in ("query", "path", "body") else loc
    return ".".join(str(p) for p in parts) or "request"


async def _invalid(_request: Request, error: Exception) -> JSONResponse:
    """422 with one readable sentence (``detail``) and each problem (``errors``)."""
    assert isinstance(error, RequestValidationError)
    problems = [
        {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type"))}
        for e in error.errors()
    ]
    detail = "; ".join(f"{_where(tuple(p['loc']))}: {p['msg']}" for p in problems)
    body = ValidationErrorOut(detail=detail or "invalid request", errors=problems)
    return JSONResponse(status_code=422, content=body.model_dump())


async def _unavailable(_request: Request, error: Exception) -> JSONResponse:
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()
    detail = "database unavailable · 数据库不可用" + (f": {reason[0]}" if reason else "")
    return JSONResponse(status_code=503, content={"detail": detail})


async def _conflict(_request: Request, _error: Exception) -> JSONResponse:
    detail = "the ledger changed while this request was written; try again · 数据已被修改，请重试"
    return JSONResponse(status_code=409, content={"detail": detail})


async def _refused(_request: Request, error: Exception) -> JSONResponse:
    return JSONResponse(status_code=422, content={"detail": str(error)})


def _describe_validation_errors(app: FastAPI) -> None:
    """Make /openapi.json describe the 422 body this API sends (``detail`` is a sentence)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            ours = ValidationErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(ours.pop("$defs", {}))
            schemas["HTTPValidationError"] = ours
            schemas.pop("ValidationError", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
