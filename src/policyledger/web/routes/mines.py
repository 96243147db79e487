"""``/packs/mines``: the mines pack's pages — the registry with filters (district, type, status)
and the month's district ranking with its components (``?month=2024-03``; the latest by
default), ``/packs/mines/hazards`` the hazard ledger (overdue, open, closed, the five items,
escalation), and ``/packs/mines/{mine_id}`` a mine's compliance report, each finding with its
clause text from the ledger. Any signed-in reader sees them; blacklisted enterprises are
marked wherever they appear."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from policyledger.packs.mines.inputs import fact_label
from policyledger.packs.mines.ledgers import GRADE_ZH, LEVEL_ZH
from policyledger.web.deps import SessionDep
from policyledger.web.templating import render
from policyledger.web.views.mines import (
    MINE_STATUSES,
    MINE_TYPES,
    STATUS_CHIPS,
    STATUSES,
    load_hazards_page,
    load_mine_page,
    load_mines_page,
)

router = APIRouter()

Month = Annotated[str, Query(max_length=10)]
Filter = Annotated[str, Query(max_length=60)]


def _common() -> dict:
    return {
        "status_chips": STATUS_CHIPS,
        "statuses": STATUSES,
        "mine_types": MINE_TYPES,
        "mine_statuses": MINE_STATUSES,
        "grade_zh": GRADE_ZH,
        "level_zh": LEVEL_ZH,
        "fact_label": fact_label,
    }


@router.get("/packs/mines", name="mines")
def mines(
    request: Request,
    session: SessionDep,
    month: Month = "",
    district: Filter = "",
    type: Filter = "",
    status: Filter = "",
):
    filters = {"district": district.strip(), "type": type.strip(), "status": status.strip()}
    page = load_mines_page(session, month.strip(), filters)
    context = {"page": page, **_common()}
    return render(request, "mines.html", context, status_code=404 if page.unknown_month else 200)


@router.get("/packs/mines/hazards", name="mine_hazards")
def mine_hazards(request: Request, session: SessionDep, month: Month = ""):
    page = load_hazards_page(session, month.strip())
    context = {"page": page, **_common()}
    status = 404 if page.unknown_month else 200
    return render(request, "mine_hazards.html", context, status_code=status)


@router.get("/packs/mines/{mine_id}", name="mine")
def mine(request: Request, session: SessionDep, mine_id: Annotated[str, Path(max_length=80)]):
    page = load_mine_page(session, mine_id)
    if page is None:
        return render(request, "mine.html", {"page": None, **_common()}, status_code=404)
    return render(request, "mine.html", {"page": page, **_common()})
