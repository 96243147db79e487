"""``/rankings``: the districts' and the departments' rankings (each rank with its parts), and a
map of Chongqing's districts coloured by their share of red targets, with the same numbers as a
bar chart and, for screen readers, in the ranking table."""

from __future__ import annotations

from fastapi import APIRouter, Request

from policyledger.web.deps import SessionDep, latest_as_of
from policyledger.web.templating import render
from policyledger.web.views.labels import part_label
from policyledger.web.views.rankings import BANDS, MAP_NAME, MAP_URL, NO_DATA_COLOUR, load_rankings

router = APIRouter()


@router.get("/rankings", name="rankings")
def rankings(request: Request, session: SessionDep):
    lang = request.state.lang
    data = load_rankings(session, latest_as_of(session), lang)
    return render(
        request,
        "rankings.html",
        {
            "data": data,
            "map_url": MAP_URL,
            "map_name": MAP_NAME,
            "bands": [(colour, key) for _, _, colour, key in BANDS],
            "no_data_colour": NO_DATA_COLOUR,
            "part_label": lambda part: part_label(part, lang),
        },
    )
