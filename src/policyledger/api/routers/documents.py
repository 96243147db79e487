"""Gazette issues and documents: ``/gazettes``, ``/documents``, ``/documents/{id}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from policyledger.api.convert import plan_counts, plan_out, span
from policyledger.api.deps import DbInt, PagingDep, SessionDep, errors, not_found, page_of
from policyledger.api.filters import contains
from policyledger.api.schemas.common import Page
from policyledger.api.schemas.ledger import (
    DocumentDetail,
    DocumentOut,
    DocumentVersion,
    GazetteOut,
)
from policyledger.api.security import Publisher
from policyledger.storage import audit
from policyledger.storage.models import Document, Gazette, Source

router = APIRouter(tags=["documents"])


@router.get("/gazettes", response_model=Page[GazetteOut], summary="公报列表 · Gazette issues")
def list_gazettes(
    session: SessionDep,
    page: PagingDep,
    year: Annotated[DbInt | None, Query(description="出版年份 · year of the issue")] = None,
) -> Page[GazetteOut]:
    query = select(Gazette).order_by(Gazette.year.desc(), Gazette.issue.desc(), Gazette.id)
    if year is not None:
        query = query.where(Gazette.year == year)
    total, gazettes = page_of(session, query, page)
    counts = dict(
        session.execute(
            select(Document.gazette_id, func.count())
            .where(
                Document.gazette_id.in_([g.id for g in gazettes]),
                Document.is_current.is_(True),
            )
            .group_by(Document.gazette_id)
        ).all()
    )
    items = [
        GazetteOut.model_validate(g).model_copy(update={"document_count": counts.get(g.id, 0)})
        for g in gazettes
    ]
    return Page[GazetteOut](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/documents",
    response_model=Page[DocumentOut],
    summary="文件列表 · Documents",
    description="默认只列当前版本 · Current versions only unless `all_versions=true`.",
)
def list_documents(
    session: SessionDep,
    page: PagingDep,
    q: Annotated[
        str | None,
        Query(max_length=300, min_length=1, description="标题或文号包含 · in the title or 文号"),
    ] = None,
    all_versions: Annotated[
        bool, Query(description="包括历史版本 · include superseded versions")
    ] = False,
    gazette_id: DbInt | None = None,
) -> Page[DocumentOut]:
    query = select(Document).order_by(Document.id)
    if not all_versions:
        query = query.where(Document.is_current.is_(True))
    if q:
        query = query.where(or_(contains(Document.title, q), contains(Document.doc_number, q)))
    if gazette_id is not None:
        query = query.where(Document.gazette_id == gazette_id)
    total, documents = page_of(session, query, page)
    items = [DocumentOut.model_validate(d) for d in documents]
    return Page[DocumentOut](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get(
    "/documents/{document_id}",
    response_model=DocumentDetail,
    summary="文件详情 · A document, its plans and versions",
    responses=errors(404),
)
def get_document(document_id: DbInt, session: SessionDep) -> DocumentDetail:
    document = session.scalar(
        select(Document).where(Document.id == document_id).options(selectinload(Document.plans))
    )
    if document is None:
        raise not_found("document", document_id)
    source_name = session.scalar(select(Source.name).where(Source.id == document.source_id))
    versions = session.scalars(
        select(Document).where(Document.identity == document.identity).order_by(Document.version)
    )
    counts = plan_counts(session, [p.id for p in document.plans])
    out = DocumentOut.model_validate(document)
    return DocumentDetail(
        **out.model_dump(),
        source_id=document.source_id,
        source_name=source_name or "",
        span=span(document.span_start, document.span_end),
        plans=[plan_out(p, counts) for p in document.plans],
        versions=[DocumentVersion.model_validate(v) for v in versions],
    )


class PublishIn(BaseModel):
    """发布 · Whether anonymous visitors see the document in the public view."""

    published: bool


@router.put(
    "/documents/{document_id}/published",
    response_model=DocumentOut,
    summary="发布或撤回 · Publish a document to the public view, or withdraw it",
    responses=errors(401, 403, 404),
)
def publish(
    document_id: DbInt, payload: PublishIn, session: SessionDep, principal: Publisher
) -> DocumentOut:
    document = session.get(Document, document_id)
    if document is None:
        raise not_found("document", document_id)
    old = document.published
    document.published = payload.published
    audit.record(
        session,
        principal.username,
        "publish" if payload.published else "unpublish",
        "document",
        document.id,
        old_value=old,
        new_value=payload.published,
    )
    session.commit()
    return DocumentOut.model_validate(document)
