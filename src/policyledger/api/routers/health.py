"""``GET /health``: is the API up and can it reach its database."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from policyledger.storage.db import Database

router = APIRouter(tags=["health"])


class HealthOut(BaseModel):
    """运行状态 · ``ok`` when the database answers."""

    status: str
    database: str
    detail: str | None = None


@router.get(
    "/health",
    response_model=HealthOut,
    summary="运行状态 · Health",
    responses={503: {"model": HealthOut, "description": "database unreachable · 数据库不可用"}},
)
def health(request: Request) -> HealthOut | JSONResponse:
    database: Database = request.app.state.database
    backend = database.engine.dialect.name
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        body = HealthOut(status="unavailable", database=backend, detail=reason)
        return JSONResponse(status_code=503, content=body.model_dump())
    return HealthOut(status="ok", database=backend)
