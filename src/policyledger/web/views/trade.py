"""The trade pack's main page (``/packs/trade``): the foreign-investment project library with
its filters (district, year, industry section, project status), each project's years with
their reward and its working; the rewards per district and year as a table and an ECharts bar
chart; and the real published trade figures against the trade plan's 2024 targets, by trade
mode and by region, with their sources, their clause and a bar chart of value against target.

Everything comes from :mod:`policyledger.packs.trade.results` (the stored records through the
rules); the shared pieces of the trade pages (the rule boxes, the charts' JSON) are here too."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.packs.trade import clauses, pack
from policyledger.packs.trade.indicators import IndicatorsResult, TargetRow
from policyledger.packs.trade.inputs import INDUSTRY_SECTIONS
from policyledger.packs.trade.library import Project, ProjectYear
from policyledger.packs.trade.regions import CITY, scope_en, scope_zh
from policyledger.packs.trade.results import (
    IndicatorsBlock,
    ProjectEntry,
    ProjectYearReward,
    RewardTotal,
    project_library,
    reward_totals,
    trade_indicators,
)
from policyledger.rules import RulesError
from policyledger.storage.models import Body
from policyledger.storage.packs import batches
from policyledger.web.i18n import body_name, translate
from policyledger.web.views.energy import CitedClause, RuleBox, clause_link, rule_box

PROJECT_STATUSES = ("signed", "registered", "under_construction", "operating", "withdrawn")
REWARD_CHIPS = {"eligible": "green", "ineligible": "grey", "unknown": "yellow"}
TARGET_CHIPS = {
    "met": "green",
    "not_met": "red",
    "unknown": "yellow",
    "partial_only": "yellow",
    "no_data": "grey",
}
MODE_INDICATORS = ("trade_total", "trade_general", "trade_processing", "trade_bonded_logistics")
TARGET_CLAUSES = {
    c.cite(): c
    for c in (
        clauses.TRADE_GOALS,
        clauses.TRADE_MODES,
        clauses.TRADE_IMPORTS,
        clauses.TRADE_REGIONS,
    )
}
_URL = re.compile(r"https?://[^\s;]+")


def chart_json(option: dict[str, Any]) -> str:
    """An ECharts option as the compact JSON a ``data-chart`` attribute holds."""
    return json.dumps(option, ensure_ascii=False, separators=(",", ":"))


def rule_boxes(session: Session, *rule_ids: str) -> dict[str, RuleBox]:
    """The rule boxes of the rules the pack has (a rule not written yet is left out)."""
    found = {}
    for rule_id in rule_ids:
        try:
            found[rule_id] = rule_box(session, pack.rule(rule_id))
        except (KeyError, RulesError):
            continue
    return found


def has_trade_batches(session: Session) -> bool:
    return bool(batches(session, "trade", limit=1))


def bodies_of(session: Session, ids: set[str | None]) -> dict[str, Body]:
    """The registry's bodies of ``ids`` (for their English names)."""
    wanted = sorted(i for i in ids if i)
    if not wanted:
        return {}
    return {b.id: b for b in session.scalars(select(Body).where(Body.id.in_(wanted)))}


# --- the project library -----------------------------------------------------------------------


@dataclass(frozen=True)
class YearLine:
    """One year of a project: its foreign capital and its reward (None: not computed)."""

    year: ProjectYear
    reward: ProjectYearReward | None

    @property
    def base_usd(self) -> float | None:
        r = self.reward.result if self.reward else None
        if r is not None and r.base_usd is not None:
            return r.base_usd
        received, loans = self.year.received_usd, self.year.shareholder_loans_usd
        if received is None or loans is None or loans > received:
            return None
        return received - loans


@dataclass(frozen=True)
class ProjectLine:
    project: Project
    body_id: str | None  # the registry id of the project's district (for its English name)
    years: list[YearLine]


def filter_projects(
    entries: list[ProjectEntry],
    rewards: dict[tuple[str, int], ProjectYearReward],
    filters: dict[str, str],
) -> list[ProjectLine]:
    """The projects the filters keep, each with its years (only the chosen year's when a year
    is chosen; a project without that year is left out)."""
    year = int(filters["year"]) if filters.get("year", "").isdigit() else None
    lines = []
    for entry in entries:
        p = entry.project
        if filters.get("district") and p.district != filters["district"]:
            continue
        if filters.get("section") and (p.industry_section or "") != filters["section"]:
            continue
        if filters.get("status") and p.status != filters["status"]:
            continue
        years = [y for y in entry.years if year is None or y.year == year]
        if year is not None and not years:
            continue
        shown = [YearLine(y, rewards.get((p.id, y.year))) for y in years]
        lines.append(ProjectLine(p, entry.body_id, shown))
    return lines


def rewards_chart(lines: list[RewardTotal], bodies: dict[str, Body], lang: str) -> dict[str, Any]:
    """Bars of the reward each district is entitled to (万元), one series per year."""
    districts = sorted({line.district for line in lines if line.district})
    years = sorted({line.year for line in lines})
    value = {(line.district, line.year): line.entitled_cny for line in lines}
    names = {line.district: line.district for line in lines if line.district}
    for line in lines:
        body = bodies.get(line.body_id or "")
        if lang == "en" and body is not None and line.district:
            names[line.district] = body_name(body, lang)
    unit = translate("td_wan_yuan", lang)
    series = [
        {
            "name": str(year),
            "type": "bar",
            "data": [round(value.get((d, year), 0.0) / 10000, 2) for d in districts],
        }
        for year in years
    ]
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 56, "right": 16, "top": 36, "bottom": 96},
        "xAxis": {
            "type": "category",
            "data": [names[d] for d in districts],
            "axisLabel": {"rotate": 40},
        },
        "yAxis": {"type": "value", "name": unit, "min": 0},
        "series": series,
    }


# --- the trade indicators ----------------------------------------------------------------------


@dataclass(frozen=True)
class TargetLine:
    """A target of the trade plan as the page shows it: names, the value read, its sources
    (links), its clause."""

    row: TargetRow
    name_zh: str
    name_en: str
    sources: list[str]
    source_text: str
    clause: CitedClause | None


def _names(row: TargetRow) -> tuple[str, str]:
    indicator_en = translate(f"td_ind_{row.indicator}", "en")
    indicator_zh = translate(f"td_ind_{row.indicator}", "zh")
    if row.scope == CITY:
        return f"全市·{indicator_zh}", f"Whole city · {indicator_en}"
    return f"{scope_zh(row.scope)}·{indicator_zh}", f"{scope_en(row.scope).capitalize()} · trade"


def target_lines(session: Session, result: IndicatorsResult | None) -> list[TargetLine]:
    if result is None:
        return []
    out = []
    for row in result.rows:
        citation = TARGET_CLAUSES.get(row.clause)
        clause = None
        if citation is not None:
            clause = CitedClause(citation.cite(), citation.quote, clause_link(session, citation))
        source = row.latest.source if row.latest and row.latest.source else ""
        text = _URL.sub("", source).strip(" ;")
        zh, en = _names(row)
        out.append(TargetLine(row, zh, en, _URL.findall(source), text, clause))
    return out


def targets_chart(lines: list[TargetLine], lang: str) -> dict[str, Any]:
    """Bars of the latest full-year value against the 2024 target (亿元; the import share, a
    percentage, is in the table only)."""
    shown = [line for line in lines if line.row.unit != "%"]
    names = [line.name_zh if lang == "zh" else line.name_en for line in shown]
    values = [
        round(line.row.latest.value, 1) if line.row.latest is not None else None for line in shown
    ]
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": {"top": 0},
        "grid": {"left": 200 if lang == "en" else 150, "right": 24, "top": 36, "bottom": 24},
        "xAxis": {"type": "value", "name": translate("td_yi_yuan", lang), "min": 0},
        "yAxis": {"type": "category", "data": names, "inverse": True},
        "series": [
            {
                "name": translate("td_latest_value", lang),
                "type": "bar",
                "data": values,
                "itemStyle": {"color": "#2f6fb0"},
            },
            {
                "name": translate("td_target_2024", lang),
                "type": "bar",
                "data": [line.row.target for line in shown],
                "itemStyle": {"color": "#b9c7d6"},
            },
        ],
    }


# --- the page ----------------------------------------------------------------------------------


@dataclass
class TradePage:
    projects: list[ProjectEntry]
    lines: list[ProjectLine]
    totals: list[RewardTotal]
    city: list[RewardTotal]
    totals_error: str | None
    indicators: IndicatorsBlock
    targets: list[TargetLine]
    rules: dict[str, RuleBox]
    filters: dict[str, str]
    districts: list[tuple[str, str | None]] = field(default_factory=list)  # name, body id
    years: list[int] = field(default_factory=list)
    sections: tuple[str, ...] = INDUSTRY_SECTIONS
    statuses: tuple[str, ...] = PROJECT_STATUSES
    bodies: dict[str, Body] = field(default_factory=dict)
    rewards_option: str = ""
    targets_option: str = ""
    synthetic: bool = False
    has_batches: bool = False

    @property
    def mode_targets(self) -> list[TargetLine]:
        return [t for t in self.targets if t.row.scope == CITY]

    @property
    def region_targets(self) -> list[TargetLine]:
        return [t for t in self.targets if t.row.scope != CITY]


def load_trade_page(session: Session, filters: dict[str, str], lang: str) -> TradePage:
    """The main trade page with the project library filtered by ``filters`` (district, year,
    section, status; empty: all)."""
    entries, flagged = project_library(session)
    totals_error = None
    totals = None
    try:
        totals = reward_totals(session)
    except RulesError as error:
        totals_error = str(error)
    rewards = {(r.year.project, r.year.year): r for r in totals.rewards} if totals else {}
    indicators = trade_indicators(session)
    targets = target_lines(session, indicators.result)
    year = filters.get("year", "")
    district_lines = (
        [t for t in totals.districts if not year or str(t.year) == year] if totals else []
    )
    page = TradePage(
        projects=entries,
        lines=filter_projects(entries, rewards, filters),
        totals=district_lines,
        city=[t for t in totals.city if not year or str(t.year) == year] if totals else [],
        totals_error=totals_error,
        indicators=indicators,
        targets=targets,
        rules=rule_boxes(session, "trade.reward", "trade.indicators"),
        filters=filters,
    )
    named = {(e.project.district, e.body_id) for e in entries if e.project.district}
    page.districts = sorted(named, key=lambda pair: (pair[0], pair[1] or ""))
    page.years = sorted({y.year for e in entries for y in e.years}, reverse=True)
    page.bodies = bodies_of(
        session, {t.body_id for t in district_lines} | {e.body_id for e in entries if e.body_id}
    )
    page.rewards_option = chart_json(rewards_chart(district_lines, page.bodies, lang))
    page.targets_option = chart_json(targets_chart(targets, lang))
    page.synthetic = flagged or bool(totals and totals.synthetic)
    page.has_batches = has_trade_batches(session)
    return page
