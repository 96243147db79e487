"""``/packs/energy``: the energy pack's results for a period (``?period=2024-Q2``; the latest by
default) — the district barometer as a map and a table, the budget for a whole year, the
"两高" list with its flags, key-unit monitoring coverage and pollutant progress, each block
citing its clause. Any signed-in reader sees it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from policyledger.web.deps import SessionDep
from policyledger.web.templating import render
from policyledger.web.views.energy import LEVEL_CHIPS, load_energy_page
from policyledger.web.views.rankings import MAP_NAME, MAP_URL

router = APIRouter()


@router.get("/packs/energy", name="energy")
def energy(
    request: Request, session: SessionDep, period: Annotated[str, Query(max_length=20)] = ""
):
    page = load_energy_page(session, period.strip(), request.state.lang)
    context = {
        "page": page,
        "map_url": MAP_URL,
        "map_name": MAP_NAME,
        "level_chips": LEVEL_CHIPS,
    }
    return render(request, "energy.html", context, status_code=404 if page.unknown_period else 200)
