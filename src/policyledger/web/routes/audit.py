"""``/audit``: the audit log, newest first, 50 rows a page, filtered by entity, actor and entity
id — who changed what, when, old → new, from which address or API token; ``/audit.csv``: the
filtered rows as a CSV file (UTF-8 with a BOM, for Excel), streamed as it is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from policyledger.storage.db import Database
from policyledger.web.auth import AuditReader
from policyledger.web.deps import SessionDep
from policyledger.web.templating import render
from policyledger.web.views.audit import (
    AuditFilter,
    change_of,
    csv_lines,
    load_audit,
    other_detail,
)

router = APIRouter()
Text = Annotated[str, Query()]
BATCH = 500


@router.get("/audit", name="audit")
def audit(
    request: Request,
    session: SessionDep,
    principal: AuditReader,
    entity: Text = "",
    actor: Text = "",
    entity_id: Text = "",
    page: Text = "1",
):
    wanted = AuditFilter.of(entity, actor, entity_id)
    number = int(page) if page.isascii() and page.isdigit() and len(page) <= 6 else 1
    data = load_audit(session, wanted, number)
    params = wanted.params()

    def page_url(n: int) -> str:
        return "/audit?" + urlencode([*params, ("page", str(n))])

    context = {
        "data": data,
        "wanted": wanted,
        "change_of": change_of,
        "other_detail": other_detail,
        "page_url": page_url,
        "csv_url": "/audit.csv" + (f"?{urlencode(params)}" if params else ""),
    }
    return render(request, "audit.html", context)


def _stream(database: Database, wanted: AuditFilter) -> Iterator[bytes]:
    """The CSV, read in batches in a session of its own (the request's may be gone)."""
    with database.session() as session:
        rows = session.scalars(wanted.query().execution_options(yield_per=BATCH))
        for line in csv_lines(rows):
            yield line.encode("utf-8")


@router.get("/audit.csv", name="audit_csv")
def audit_csv(
    request: Request,
    principal: AuditReader,
    entity: Text = "",
    actor: Text = "",
    entity_id: Text = "",
):
    wanted = AuditFilter.of(entity, actor, entity_id)
    name = f"audit-{dt.date.today().isoformat()}.csv"
    return StreamingResponse(
        _stream(request.app.state.database, wanted),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
