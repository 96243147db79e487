"""Models shared by every resource: the paging envelope, errors, references to bodies and
plans, and a highlight inside a text."""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Out(BaseModel):
    """Base of the response models: built from ORM attributes, never returned as ORM objects."""

    model_config = ConfigDict(from_attributes=True)


class Page(Out, Generic[T]):
    """列表信封 · A page of a list: the items, how many match in total, and the paging used."""

    items: list[T]
    total: int = Field(description="符合条件的总数 · number of items matching the filters")
    limit: int
    offset: int


class AssessedPage(Page[T], Generic[T]):
    """A page of a list read against the stored assessment of one date."""

    as_of: dt.date | None = Field(
        description="所用评估日期 · the assessment date used (null: nothing assessed yet)"
    )


class ErrorOut(BaseModel):
    """错误 · An error: one readable sentence."""

    detail: str


class FieldError(BaseModel):
    """One invalid input: where it is and what is wrong with it."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(BaseModel):
    """参数错误 · Invalid parameters: a readable sentence, then each problem."""

    detail: str
    errors: list[FieldError] = Field(default_factory=list)


class Span(BaseModel):
    """A range of characters ``[start, end)``."""

    start: int
    end: int


class BodyRef(BaseModel):
    """A responsible body and its part (lead, cooperating, district, owner)."""

    body_id: str
    name: str
    name_en: str | None
    role: str
    written_as: str | None = None
    registered: bool = True


class PlanRef(Out):
    id: int
    name: str
    document_id: int


class DocumentRef(Out):
    id: int
    doc_number: str | None
    title: str
    version: int
    is_current: bool


class TaskRef(Out):
    id: int
    path: str
    heading: str


class AuditOut(Out):
    """审计日志 · One change to the ledger: who, when, what."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    detail: dict
    address: str | None = Field(default=None, description="来源地址 · client address")
    token_id: int | None = Field(default=None, description="所用令牌 · the API token used")
