"""``/bulletin``: download the bulletin of a period (``?period=2024-12&format=docx|pdf|html``,
optionally ``&plan=…``) as a file; a period or plan that cannot be reported on shows the
overview again with the reason next to the bulletin form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from policyledger.errors import PolicyLedgerError
from policyledger.reports.bulletin import MEDIA_TYPES, make_bulletin
from policyledger.web.deps import SessionDep, latest_as_of
from policyledger.web.templating import render, templates
from policyledger.web.views.overview import COLOURS, load_overview

router = APIRouter()


def default_period(as_of: dt.date | None) -> str:
    """The last complete month at ``as_of`` (today without one): 2024-12-31 → 2024-12,
    2026-11-27 → 2026-10."""
    day = as_of or dt.date.today()
    if (day + dt.timedelta(days=1)).month == day.month:
        day = day.replace(day=1) - dt.timedelta(days=1)
    return f"{day.year}-{day.month:02d}"


# the overview's bulletin form fills in this default
templates.env.globals["default_bulletin_period"] = default_period


def disposition(name: str, fallback: str) -> str:
    """An attachment with an ASCII name and the UTF-8 one (RFC 6266 / RFC 5987)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


@router.get("/bulletin", name="bulletin")
def bulletin(
    request: Request,
    session: SessionDep,
    period: Annotated[str, Query()] = "",
    format: Annotated[str, Query()] = "docx",
    plan: Annotated[str, Query()] = "",
):
    chosen = period.strip() or default_period(latest_as_of(session))
    try:  # one process: no forked assessment workers inside the web server
        output = make_bulletin(session, chosen, plan.strip() or None, format.strip(), workers=1)
    except PolicyLedgerError as error:
        session.rollback()
        as_of = latest_as_of(session)
        context = {
            "data": load_overview(session, as_of),
            "colours": COLOURS,
            "bulletin_period": chosen,
            "bulletin_plan": plan,
            "bulletin_format": format,
            "bulletin_error": str(error),
        }
        return render(request, "overview.html", context, status_code=400)
    fallback = "bulletin-" + re.sub(r"[^A-Za-z0-9-]+", "_", output.bulletin.period.label)
    headers = {"Content-Disposition": disposition(output.file_name, f"{fallback}.{output.fmt}")}
    return Response(output.data, media_type=MEDIA_TYPES[output.fmt], headers=headers)
