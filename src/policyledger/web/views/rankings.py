"""The rankings page's data: the district and department rankings, and the ECharts options of
the district map and of the bar chart that shows the same numbers without the map.

The map colours each district by its 红灯占比 — the share of the targets it owns that are at red
(一级预警) in the latest stored assessment, the same value as the red part of its scorecard — in
five bands, each with a text label. Development zones have no polygon in the boundary file: they
are in the bar chart and the tables, and the page names them under the map.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.assess import COLOURS
from policyledger.services.scores import Ranking, Standing, ranking
from policyledger.storage.models import Body
from policyledger.storage.queries import DISTRICT_KINDS
from policyledger.web.i18n import body_name, translate

MAP_URL = "/static/vendor/chongqing-districts.json"
MAP_NAME = "chongqing"
NO_DATA = -1.0
# The bands of 红灯占比: (lower bound, upper bound or None, colour, key of the label). A band
# holds shares ≥ its lower bound and < its upper bound; "none" holds exactly 0.
BANDS = (
    (0.0, 0.0, "#f5efe6", "bp_band_none"),
    (0.0, 0.10, "#f4a497", "bp_band_low"),
    (0.10, 0.25, "#e0533f", "bp_band_mid"),
    (0.25, None, "#9e1c12", "bp_band_high"),
)
NO_DATA_COLOUR = "#c4cbd3"


@cache
def map_regions() -> frozenset[str]:
    """The names of the districts that have a polygon in the vendored boundary file."""
    path = resources.files("policyledger.web") / "static" / "vendor" / "chongqing-districts.json"
    data = json.loads(path.read_text("utf-8"))
    return frozenset(f["properties"]["name"] for f in data["features"])


@dataclass
class DistrictShade:
    """What the map and the bar chart show for one district."""

    body: Body
    standing: Standing | None
    share: float | None  # 红灯占比, None when it owns no assessed target
    colour: str
    band: str
    on_map: bool


@dataclass
class RankingsPage:
    as_of: dt.date | None
    districts: Ranking
    departments: Ranking
    shades: list[DistrictShade]
    map_option: str
    bar_option: str
    bar_height: int
    off_map: list[Body]

    @property
    def all_alike(self) -> bool:
        """Every district stands the same (e.g. all own the same city-wide targets): the map
        and the bars then show one colour, and the page says why."""
        shares = {s.share for s in self.shades}
        return len(self.shades) > 1 and len(shares) == 1


def band_of(share: float | None) -> tuple[str, str]:
    """The colour and label key of a 红灯占比 (``None``: no assessed target)."""
    if share is None:
        return NO_DATA_COLOUR, "bp_band_no_data"
    if share == 0:
        return BANDS[0][2], BANDS[0][3]
    for low, high, colour, key in BANDS[1:]:
        if share >= low and (high is None or share < high):
            return colour, key
    return BANDS[-1][2], BANDS[-1][3]


def _percent(share: float) -> float:
    return round(share * 100, 1)


def _tooltip(shade: DistrictShade, lang: str) -> str:
    """The tooltip of a district (HTML: names escaped)."""

    def t(key: str) -> str:
        return translate(key, lang)

    lines = [f"<strong>{escape(body_name(shade.body, lang))}</strong>"]
    standing = shade.standing
    if standing is None or shade.share is None:
        lines.append(t("bp_band_no_data"))
        return "<br>".join(lines)
    tally = standing.tally
    red = tally.warnings.get("red", 0)
    lines.append(f"{t('bp_red_share')} {_percent(shade.share):g}%（{red}/{tally.targets}）")
    place = f"{t('bp_rank_prefix')}{standing.rank}{t('bp_rank_suffix')}"
    lines.append(f"{t('bp_score')} {standing.score:.1f} · {place}")
    counts = " · ".join(f"{t('warning_' + c)} {tally.warnings.get(c, 0)}" for c in COLOURS)
    lines.append(escape(counts))
    return "<br>".join(lines)


def _shades(districts: Ranking, bodies: list[Body]) -> list[DistrictShade]:
    regions = map_regions()
    shades = []
    for body in bodies:
        standing = districts.of(body.id)
        share = standing.tally.share("red") if standing and standing.tally.targets else None
        colour, band = band_of(share)
        shades.append(DistrictShade(body, standing, share, colour, band, body.name in regions))
    return shades


def map_option(shades: list[DistrictShade], lang: str) -> dict[str, Any]:
    """The ECharts option of the district map (a ``map`` series, piecewise ``visualMap``)."""

    def t(key: str) -> str:
        return translate(key, lang)

    pieces: list[dict[str, Any]] = [
        {"value": NO_DATA, "label": t("bp_band_no_data"), "color": NO_DATA_COLOUR},
        {"value": 0, "label": t(BANDS[0][3]), "color": BANDS[0][2]},
    ]
    for low, high, colour, key in BANDS[1:]:
        piece: dict[str, Any] = {"label": t(key), "color": colour}
        piece["gt" if low == 0 else "gte"] = _percent(low)
        if high is not None:
            piece["lt"] = _percent(high)
        pieces.append(piece)
    shown = [s for s in shades if s.on_map]
    english = {s.body.name: body_name(s.body, lang) for s in shown} if lang == "en" else {}
    data = [
        {
            "name": body_name(s.body, lang) if lang == "en" else s.body.name,
            "value": NO_DATA if s.share is None else _percent(s.share),
            "tooltip": {"formatter": _tooltip(s, lang)},
        }
        for s in shown
    ]
    series: dict[str, Any] = {
        "type": "map",
        "map": MAP_NAME,
        "name": t("bp_red_share"),
        "roam": False,
        "selectedMode": False,
        "aspectScale": 0.85,
        "layoutCenter": ["58%", "50%"],
        "layoutSize": "95%",
        "label": {"show": False},
        "emphasis": {"label": {"show": True}, "itemStyle": {"areaColor": "#ffe58f"}},
        "itemStyle": {"borderColor": "#ffffff", "borderWidth": 0.6},
        "data": data,
    }
    if english:
        series["nameMap"] = english
    return {
        "tooltip": {"trigger": "item"},
        "visualMap": {
            "type": "piecewise",
            "pieces": pieces,
            "left": 8,
            "top": 8,
            "orient": "vertical",
            "itemSymbol": "rect",
        },
        "series": [series],
    }


def bar_option(shades: list[DistrictShade], lang: str) -> dict[str, Any]:
    """The same numbers as a bar chart: every district (development zones too), highest
    红灯占比 first, each bar in its band's colour."""

    def t(key: str) -> str:
        return translate(key, lang)

    ordered = sorted(
        shades,
        key=lambda s: (s.share is None, -(s.share or 0.0), s.standing.rank if s.standing else 0),
    )
    names = [body_name(s.body, lang) for s in ordered]
    data = []
    for s in ordered:
        item: dict[str, Any] = {
            "value": 0 if s.share is None else _percent(s.share),
            "itemStyle": {"color": s.colour},
            "tooltip": {"formatter": _tooltip(s, lang)},
        }
        if s.share is None:
            item["label"] = {"formatter": t("bp_band_no_data")}
        data.append(item)
    labels = 150 if lang == "zh" else 230  # room for the names; longer ones are cut (… )
    return {
        "tooltip": {"trigger": "item"},
        "grid": {"left": labels, "right": 56, "top": 40, "bottom": 8},
        "xAxis": {
            "type": "value",
            "name": t("bp_red_share") + " %",
            "nameLocation": "middle",
            "nameGap": 24,
            "position": "top",
            "min": 0,
        },
        "yAxis": {
            "type": "category",
            "data": names,
            "inverse": True,
            "axisTick": {"show": False},
            "axisLabel": {"interval": 0, "width": labels - 12, "overflow": "truncate"},
        },
        "series": [
            {
                "type": "bar",
                "name": t("bp_red_share"),
                "data": data,
                "barMaxWidth": 16,
                "label": {"show": True, "position": "right", "formatter": "{c}%"},
            }
        ],
    }


def _json(option: dict[str, Any]) -> str:
    return json.dumps(option, ensure_ascii=False, separators=(",", ":"))


def load_rankings(session: Session, as_of: dt.date | None, lang: str) -> RankingsPage:
    districts = ranking(session, as_of, "district")
    departments = ranking(session, as_of, "department")
    bodies = list(
        session.scalars(select(Body).where(Body.kind.in_(DISTRICT_KINDS)).order_by(Body.id))
    )
    shades = _shades(districts, bodies)
    return RankingsPage(
        as_of=as_of,
        districts=districts,
        departments=departments,
        shades=shades,
        map_option=_json(map_option(shades, lang)),
        bar_option=_json(bar_option(shades, lang)),
        bar_height=60 + 22 * len(shades),
        off_map=[s.body for s in shades if not s.on_map],
    )
