"""The audit page's data: the audit log newest first, filtered by entity, actor and entity id,
a page of 50 rows at a time; each row's change read from its detail (old → new); and the same
rows as CSV lines for the export (cells that a spreadsheet would run as a formula are quoted
as text)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from policyledger.storage.models import AuditLog

PAGE_SIZE = 50
OLD_KEYS = ("previous_value", "old_value", "current_value")
NEW_KEYS = ("value", "new_value")
SHOWN_KEYS = {*OLD_KEYS, *NEW_KEYS}
MAX_FILTER = 100
CSV_COLUMNS = (
    "id",
    "at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "old",
    "new",
    "address",
    "token_id",
    "detail",
)


@dataclass(frozen=True)
class AuditFilter:
    entity: str = ""
    actor: str = ""
    entity_id: str = ""

    @classmethod
    def of(cls, entity: str, actor: str, entity_id: str) -> AuditFilter:
        return cls(
            entity.strip()[:MAX_FILTER], actor.strip()[:MAX_FILTER], entity_id.strip()[:MAX_FILTER]
        )

    def query(self) -> Select[tuple[AuditLog]]:
        """The filtered rows, newest first."""
        query = select(AuditLog)
        if self.entity:
            query = query.where(AuditLog.entity == self.entity)
        if self.actor:
            query = query.where(AuditLog.actor == self.actor)
        if self.entity_id:
            query = query.where(AuditLog.entity_id == self.entity_id)
        return query.order_by(AuditLog.at.desc(), AuditLog.id.desc())

    def params(self) -> list[tuple[str, str]]:
        """The filter as query parameters (for links and the CSV export)."""
        return [(k, v) for k, v in vars(self).items() if v]


def change_of(detail: Any) -> tuple[Any, Any]:
    """The old and the new value a row records (None where it has none)."""
    if not isinstance(detail, dict):
        return None, None
    old = next((detail[k] for k in OLD_KEYS if detail.get(k) is not None), None)
    new = next((detail[k] for k in NEW_KEYS if detail.get(k) is not None), None)
    return old, new


def other_detail(detail: Any) -> str:
    """The rest of the detail, as ``key=value`` pairs."""
    if not isinstance(detail, dict):
        return ""
    return ", ".join(
        f"{k}={v}" for k, v in detail.items() if k not in SHOWN_KEYS and v not in (None, "")
    )


@dataclass
class AuditPage:
    rows: list[AuditLog]
    total: int
    page: int
    pages: int
    entities: list[str]
    actors: list[str]


def load_audit(session: Session, wanted: AuditFilter, page: int) -> AuditPage:
    query = wanted.query()
    total = session.scalar(
        query.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
    )
    pages = max(1, -(-(total or 0) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = list(session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    entities = list(session.scalars(select(AuditLog.entity).distinct().order_by(AuditLog.entity)))
    actors = list(session.scalars(select(AuditLog.actor).distinct().order_by(AuditLog.actor)))
    return AuditPage(rows, total or 0, page, pages, entities, actors)


def _cell(value: Any) -> str:
    """A CSV cell: numbers as written, text that starts like a formula quoted with '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_lines(rows: Iterable[AuditLog]) -> Iterator[str]:
    """The header and one line per row (the first line starts with a UTF-8 BOM, so that Excel
    reads Chinese correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Iterable[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(c) for c in cells])
        return buffer.getvalue()

    yield "\ufeff" + line(CSV_COLUMNS)
    for row in rows:
        old, new = change_of(row.detail)
        yield line(
            (
                row.id,
                row.at.isoformat(sep=" ", timespec="seconds"),
                row.actor,
                row.action,
                row.entity,
                row.entity_id,
                old,
                new,
                row.address,
                row.token_id,
                json.dumps(row.detail, ensure_ascii=False, sort_keys=True) if row.detail else "",
            )
        )
