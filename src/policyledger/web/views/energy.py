"""The energy page's data (``/packs/energy``): the periods with district data, the results of
the chosen one (:mod:`policyledger.packs.energy.results`), the ECharts option of the district
map coloured by warning level, and for each block the rule it shows with its clauses — linked
to the clause in the ledger when the document is there."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.packs.energy import pack
from policyledger.packs.energy.results import (
    EnergyPeriodChoice,
    EnergyResults,
    energy_periods,
    energy_results,
)
from policyledger.rules import Citation, Rule
from policyledger.rules.clauses import ledger_path
from policyledger.storage.models import Body, Document, Plan, Task
from policyledger.storage.packs import batches
from policyledger.web.i18n import body_name, translate
from policyledger.web.views.rankings import MAP_NAME, NO_DATA_COLOUR, map_regions

NO_DATA = -1
LEVEL_COLOURS = {1: "#d9534f", 2: "#f0ad4e", 3: "#5cb85c"}  # the map's fills
LEVEL_CHIPS = {1: "red", 2: "yellow", 3: "green"}  # the site's chip classes
BLOCK_RULES = ("energy.barometer", "energy.budget", "energy.two_high", "energy.key_units")
BLOCK_RULES += ("energy.pollutants",)


@dataclass(frozen=True)
class CitedClause:
    """A clause a rule cites: "渝府发〔2022〕39号 四、（一）1", its quote, and a link to it in the
    ledger (None when the document is not there)."""

    text: str
    quote: str
    link: str | None


@dataclass(frozen=True)
class RuleBox:
    """What a block says about its rule: the titles, the clauses, the explanation."""

    id: str
    title_zh: str
    title_en: str
    clauses: list[CitedClause]
    doc: str


@dataclass
class EnergyPage:
    periods: list[EnergyPeriodChoice]
    chosen: EnergyPeriodChoice | None
    results: EnergyResults | None
    rules: dict[str, RuleBox]
    bodies: dict[str, Body] = field(default_factory=dict)
    map_option: str = ""
    off_map: list[str] = field(default_factory=list)
    unknown_period: bool = False
    has_batches: bool = False


def clause_link(session: Session, citation: Citation) -> str | None:
    """The plan page at the cited clause, when the document is in the ledger."""
    path = ledger_path(citation.clause)
    document = session.scalar(
        select(Document)
        .where(Document.doc_number == citation.document, Document.is_current.is_(True))
        .order_by(Document.id.desc())
        .limit(1)
    )
    if document is None or path is None:
        return None
    plan_id = session.scalar(
        select(Plan.id)
        .join(Task, Task.plan_id == Plan.id)
        .where(Plan.document_id == document.id, Task.path == path)
        .order_by(Plan.position)
        .limit(1)
    ) or session.scalar(
        select(Plan.id).where(Plan.document_id == document.id).order_by(Plan.position).limit(1)
    )
    if plan_id is None:
        return None
    return f"/plans/{plan_id}#clause-{path.replace('/', '-')}"


def rule_box(session: Session, rule: Rule) -> RuleBox:
    clauses = [CitedClause(c.cite(), c.quote, clause_link(session, c)) for c in rule.citations]
    return RuleBox(rule.id, rule.title_zh, rule.title_en, clauses, rule.doc)


def _tooltip(row: Any, name: str, lang: str) -> str:
    def t(key: str) -> str:
        return translate(key, lang)

    lines = [f"<strong>{escape(name)}</strong>"]
    if row is None or row.result is None:
        lines.append(escape(row.problem if row is not None and row.problem else t("en_no_data")))
        return "<br>".join(lines)
    r = row.result
    lines.append(t(f"en_level_{r.level}"))
    lines.append(f"{t('en_intensity')} {r.intensity:.4f}")
    lines.append(f"{t('en_vs_previous')} {r.reduction_vs_previous:.2f}%")
    lines.append(f"{t('en_requirement')} {r.required_reduction:.2f}%")
    return "<br>".join(lines)


def map_option(results: EnergyResults, bodies: dict[str, Body], lang: str) -> tuple[dict, list]:
    """The ECharts option of the district map (one colour per level) and the districts with
    results that have no polygon (development zones)."""

    def t(key: str) -> str:
        return translate(key, lang)

    regions = map_regions()
    by_name = {row.district: row for row in results.districts}
    data, english = [], {}
    for name in sorted(regions):
        row = by_name.get(name)
        shown = name
        body = bodies.get(row.body_id) if row is not None and row.body_id else None
        if lang == "en" and body is not None:
            shown = body_name(body, lang)
            english[name] = shown
        level = row.level if row is not None and row.level is not None else NO_DATA
        data.append(
            {"name": shown, "value": level, "tooltip": {"formatter": _tooltip(row, shown, lang)}}
        )
    pieces: list[dict[str, Any]] = [
        {"value": NO_DATA, "label": t("en_no_data"), "color": NO_DATA_COLOUR}
    ]
    pieces += [
        {"value": level, "label": t(f"en_level_{level}"), "color": colour}
        for level, colour in LEVEL_COLOURS.items()
    ]
    series: dict[str, Any] = {
        "type": "map",
        "map": MAP_NAME,
        "name": t("en_barometer_title"),
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
    option = {
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
    off_map = [row.district for row in results.districts if row.district not in regions]
    return option, off_map


def load_energy_page(session: Session, wanted: str, lang: str) -> EnergyPage:
    """The page for the period labelled ``wanted`` ("2024-Q2", "2024"; empty: the latest)."""
    periods = energy_periods(session)
    chosen = next((p for p in periods if p.label == wanted), None)
    unknown = bool(wanted) and chosen is None
    if chosen is None and not unknown and periods:
        chosen = periods[0]
    rules = {rule_id: rule_box(session, pack.rule(rule_id)) for rule_id in BLOCK_RULES}
    page = EnergyPage(periods, chosen, None, rules, unknown_period=unknown)
    page.has_batches = bool(batches(session, "energy", limit=1))
    if chosen is None:
        return page
    results = energy_results(session, chosen)
    page.results = results
    ids = {row.body_id for row in results.districts if row.body_id}
    if ids:
        page.bodies = {b.id: b for b in session.scalars(select(Body).where(Body.id.in_(ids)))}
    option, page.off_map = map_option(results, page.bodies, lang)
    page.map_option = json.dumps(option, ensure_ascii=False, separators=(",", ":"))
    return page
