"""``/``: the overview — per plan, how many targets are green/yellow/red/blue/no data; the red
list; what is overdue; the reports not received; the date the data is as of."""

from __future__ import annotations

from fastapi import APIRouter, Request

from policyledger.web.deps import SessionDep, latest_as_of
from policyledger.web.templating import render
from policyledger.web.views.overview import COLOURS, load_overview

router = APIRouter()


@router.get("/", name="overview")
def overview(request: Request, session: SessionDep):
    data = load_overview(session, latest_as_of(session))
    return render(request, "overview.html", {"data": data, "colours": COLOURS})
