"""The search page's data: documents (title, 文号), tasks (heading) and targets (metric, text)
of current documents whose words contain the query — a case-insensitive substring match with
``%`` and ``_`` taken literally — at most ``LIMIT`` of each kind, with the total of each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from policyledger.storage.models import Document, Plan, Target, Task

LIMIT = 50
MAX_QUERY = 100  # characters of the query used


@dataclass
class Hits:
    """The results of one kind: the first ``LIMIT`` rows and how many there are in all."""

    rows: list[Any] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)


@dataclass
class SearchResults:
    query: str
    documents: Hits
    tasks: Hits
    targets: Hits
    first_plan: dict[int, int]  # document id → the id of its first plan

    @property
    def total(self) -> int:
        return self.documents.total + self.tasks.total + self.targets.total


def clean_query(q: str | None) -> str:
    return " ".join((q or "").split())[:MAX_QUERY]


def split_match(text: str | None, query: str) -> list[tuple[str, bool]]:
    """``text`` cut into (part, matched) pieces at each case-insensitive occurrence of
    ``query``, for the template to mark."""
    text = text or ""
    folded, needle = text.lower(), query.lower()
    if not needle or len(folded) != len(text):
        return [(text, False)]
    parts: list[tuple[str, bool]] = []
    start = 0
    while (found := folded.find(needle, start)) >= 0:
        if found > start:
            parts.append((text[start:found], False))
        parts.append((text[found : found + len(needle)], True))
        start = found + len(needle)
    if start < len(text):
        parts.append((text[start:], False))
    return parts


def _hits(session: Session, query: Select, order: Any) -> Hits:
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(*order).limit(LIMIT)).all() if total else []
    return Hits(list(rows), total)


def search(session: Session, q: str | None) -> SearchResults | None:
    """Search the current documents; None for an empty query."""
    query = clean_query(q)
    if not query:
        return None

    def has(column: Any) -> Any:
        return column.icontains(query, autoescape=True)

    current = Document.is_current.is_(True)
    documents = _hits(
        session,
        select(Document).where(current, or_(has(Document.title), has(Document.doc_number))),
        (Document.id,),
    )
    tasks = _hits(
        session,
        select(Task, Plan)
        .join(Plan, Task.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(current, has(Task.heading)),
        (Task.plan_id, Task.position),
    )
    targets = _hits(
        session,
        select(Target, Plan)
        .join(Plan, Target.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(current, or_(has(Target.metric), has(Target.text))),
        (Target.plan_id, Target.position),
    )
    first_plan: dict[int, int] = {}
    document_ids = [row[0].id for row in documents.rows]
    if document_ids:
        for document_id, plan_id in session.execute(
            select(Plan.document_id, Plan.id)
            .where(Plan.document_id.in_(document_ids))
            .order_by(Plan.document_id, Plan.position.desc())
        ):
            first_plan[document_id] = plan_id  # the last written is the lowest position
    return SearchResults(query, documents, tasks, targets, first_plan)
