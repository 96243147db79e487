"""``/``: the overview — per plan, how many targets are green/yellow/red/blue/no data; the red
list; what is overdue (targets, and the packs' own overdue items such as complaints); the
reports not received; the date the data is as of."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request

from policyledger.packdata.overdue import pack_overdue
from policyledger.web.deps import SessionDep, latest_as_of
from policyledger.web.templating import render
from policyledger.web.views.overview import COLOURS, load_overview

router = APIRouter()


@router.get("/", name="overview")
def overview(request: Request, session: SessionDep):
    data = load_overview(session, latest_as_of(session))
    pack_items = pack_overdue(session, dt.date.today())
    context = {"data": data, "colours": COLOURS, "pack_overdue": pack_items}
    return render(request, "overview.html", context)
