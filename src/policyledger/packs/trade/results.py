"""The foreign trade and investment pack's results, computed from the stored records through the
rules (the rules themselves read nothing): the project library with its years; each
project-year's reward (``trade.reward``); each application with its check
(``trade.application_check``); the reward totals per district and year (:mod:`.totals`); the
complaints ledger on a date (``trade.complaints``); the published trade figures against the
plan's targets for a year (``trade.indicators``); and whether any of it is synthetic.

Each block is computed on its own: a rule that cannot run leaves a one-line reason in its block
(or on its line), and the other blocks still show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from policyledger.packdata import load
from policyledger.packs.trade.applications import ApplicationCheckInput, ApplicationCheckResult
from policyledger.packs.trade.complaints import ComplaintLedgerResult
from policyledger.packs.trade.indicators import IndicatorsResult
from policyledger.packs.trade.inputs import (
    Application,
    Complaint,
    ComplaintLedger,
    TradeFigure,
    TradeFigures,
)
from policyledger.packs.trade.library import (
    ApplicationRecord,
    ComplaintRecord,
    Project,
    ProjectYear,
    TradeFigureRecord,
    rule_input,
)
from policyledger.packs.trade.records import APPLICATION, COMPLAINT, PROJECT_YEAR, TRADE_FIGURE
from policyledger.packs.trade.totals import (
    PACK,
    ProjectYearReward,
    RewardTotal,
    RewardTotals,
    library,
    project_year_rewards,
    reward_claim,
    reward_totals,
)
from policyledger.rules import RulesError
from policyledger.storage.packs import periods_of, synthetic


def _pack() -> Any:
    from policyledger.packs.trade import pack

    return pack


# --- the project library -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectEntry:
    """A project of the library, its district's registry id and its years (oldest first)."""

    project: Project
    body_id: str | None
    years: list[ProjectYear] = field(default_factory=list)


def project_library(session: Session) -> tuple[list[ProjectEntry], bool]:
    """The project library (by id) with each project's years, and whether any of it is
    synthetic. Years of a project not in the library are left out here (the totals count
    them under no district)."""
    projects, loaded = library(session)
    years = load(session, PACK, PROJECT_YEAR)
    by_project: dict[str, list[ProjectYear]] = {}
    for item in years:
        by_project.setdefault(item.value.project, []).append(item.value)
    entries = [
        ProjectEntry(
            p.project, p.body_id, sorted(by_project.get(p.project.id, []), key=lambda y: y.year)
        )
        for p in projects
    ]
    return entries, synthetic(session, [i.record for i in (*loaded, *years)])


def reward_years(session: Session) -> list[int]:
    """The years with stored project-years, latest first."""
    return [int(label) for label, _ in periods_of(session, PACK, PROJECT_YEAR.name)]


# --- applications ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicationLine:
    """An application, its project's district, and its check (or why it could not run)."""

    application: ApplicationRecord
    district: str | None
    check: ApplicationCheckResult | None = None
    error: str | None = None


def application_checks(
    session: Session, year: int | None = None
) -> tuple[list[ApplicationLine], bool]:
    """Every stored application (of ``year`` only, when given) with its check, run on 31
    December of its year against its project-year in the library and the other applications
    of the same project and year; and whether any of the records is synthetic."""
    projects, loaded_projects = library(session)
    by_id = {p.project.id: p.project for p in projects}
    periods = [str(year)] if year is not None else None
    years = {(i.value.project, i.value.year): i.value for i in load(session, PACK, PROJECT_YEAR)}
    loaded = load(session, PACK, APPLICATION, periods=periods)
    everyone = [i.value for i in load(session, PACK, APPLICATION)]
    out = []
    for item in loaded:
        record: ApplicationRecord = item.value
        project = by_id.get(record.project)
        row = years.get((record.project, record.year))
        claim = reward_claim(project, row) if project is not None and row is not None else None
        others = [
            rule_input(o, Application)
            for o in everyone
            if (o.project, o.year) == (record.project, record.year) and o.id != record.id
        ]
        inputs = ApplicationCheckInput(rule_input(record, Application), claim, others)
        district = project.district if project else None
        try:
            check = _pack().run("trade.application_check", inputs, dt.date(record.year, 12, 31))
        except RulesError as error:
            out.append(ApplicationLine(record, district, error=str(error)))
            continue
        out.append(ApplicationLine(record, district, check))
    flagged = synthetic(session, [i.record for i in (*loaded, *loaded_projects)])
    return out, flagged


# --- complaints --------------------------------------------------------------------------------


@dataclass
class ComplaintsBlock:
    """The complaints ledger on ``on``: the stored complaints received by then, the rule's
    result or why it could not run."""

    on: dt.date
    complaints: list[ComplaintRecord] = field(default_factory=list)
    result: ComplaintLedgerResult | None = None
    error: str | None = None
    synthetic: bool = False


def complaints_ledger(session: Session, on: dt.date | None = None) -> ComplaintsBlock:
    """The complaints ledger on ``on`` (default: today), through ``trade.complaints``."""
    block = ComplaintsBlock(on or dt.date.today())
    loaded = [i for i in load(session, PACK, COMPLAINT) if i.value.received <= block.on]
    block.complaints = sorted((i.value for i in loaded), key=lambda c: (c.received, c.id))
    block.synthetic = synthetic(session, [i.record for i in loaded])
    inputs = ComplaintLedger(block.on, [rule_input(c, Complaint) for c in block.complaints])
    try:
        block.result = _pack().run("trade.complaints", inputs, block.on)
    except RulesError as error:
        block.error = str(error)
    return block


# --- published trade figures -------------------------------------------------------------------

_CITY_SCOPE = "全市"


def figure_scope(scope: str) -> str:
    """The scope the indicators rule reads: a published scope without the statistical basis
    written after it ("全市 (customs statistics)" → "全市")."""
    return scope.split("(")[0].split("（")[0].strip() or scope.strip()


def _preference(figure: TradeFigureRecord) -> tuple:
    """Which of two figures for the same indicator, scope, year and period the rule reads: an
    exact figure before a lower bound, 亿元 before billion yuan, customs statistics first."""
    return (figure.lower_bound, figure.unit != "亿元", "customs" not in figure.scope)


@dataclass
class IndicatorsBlock:
    """The published figures assessed against the trade plan's targets for ``year``: the
    figures the rule read, those set aside (another source for the same indicator, scope, year
    and period), the rule's result or why it could not run."""

    year: int | None
    result: IndicatorsResult | None = None
    error: str | None = None
    figures: list[TradeFigureRecord] = field(default_factory=list)
    set_aside: list[TradeFigureRecord] = field(default_factory=list)
    synthetic: bool = False


def figure_years(session: Session) -> list[int]:
    """The years with stored trade figures, latest first."""
    return [int(label) for label, _ in periods_of(session, PACK, TRADE_FIGURE.name)]


def _default_figure_year(session: Session) -> int | None:
    """The latest year with figures that is not after the plan's target year (in force at
    that year's end); else the latest year (its block then says why it cannot run)."""
    years = figure_years(session)
    for year in years:
        try:
            last = _pack().parameters.get("indicators.target_year", on=dt.date(year, 12, 31))
        except RulesError:
            continue
        if year <= int(last):
            return year
    return years[0] if years else None


def trade_indicators(session: Session, year: int | None = None) -> IndicatorsBlock:
    """The trade plan's targets for ``year`` (default: the latest year with figures up to the
    plan's target year), run on 31 December of that year over the figures up to it."""
    year = year if year is not None else _default_figure_year(session)
    block = IndicatorsBlock(year)
    if year is None:
        block.error = "没有外贸进出口数据 · no trade figures are stored"
        return block
    loaded = [i for i in load(session, PACK, TRADE_FIGURE) if i.value.year <= year]
    block.synthetic = synthetic(session, [i.record for i in loaded])
    chosen: dict[tuple, TradeFigureRecord] = {}
    for item in loaded:
        figure: TradeFigureRecord = item.value
        key = (figure.indicator, figure_scope(figure.scope), figure.year, figure.period)
        if key not in chosen or _preference(figure) < _preference(chosen[key]):
            if key in chosen:
                block.set_aside.append(chosen[key])
            chosen[key] = figure
        else:
            block.set_aside.append(figure)
    block.figures = list(chosen.values())
    inputs = TradeFigures(
        year,
        [
            rule_input(
                f,
                TradeFigure,
                scope=figure_scope(f.scope),
                source=" ".join(s for s in (f.source_title, f.source_url) if s) or None,
            )
            for f in block.figures
        ],
    )
    try:
        block.result = _pack().run("trade.indicators", inputs, dt.date(year, 12, 31))
    except RulesError as error:
        block.error = str(error)
    return block


# --- everything at once ------------------------------------------------------------------------


@dataclass
class TradeResults:
    """What the trade pages show: the library, the rewards and totals (of ``year`` or every
    year), the applications, the complaints on ``on``, the indicators; each block with its
    one-line reason when its rule could not run."""

    year: int | None
    on: dt.date
    projects: list[ProjectEntry] = field(default_factory=list)
    rewards: list[ProjectYearReward] = field(default_factory=list)
    totals: RewardTotals | None = None
    totals_error: str | None = None
    applications: list[ApplicationLine] = field(default_factory=list)
    applications_error: str | None = None
    complaints: ComplaintsBlock | None = None
    indicators: IndicatorsBlock | None = None
    synthetic: bool = False


def trade_results(
    session: Session, year: int | None = None, on: dt.date | None = None
) -> TradeResults:
    """Every block of the trade pack's results (see :class:`TradeResults`)."""
    out = TradeResults(year, on or dt.date.today())
    out.projects, flagged = project_library(session)
    out.synthetic |= flagged
    try:
        out.totals = reward_totals(session, year)
        out.rewards = out.totals.rewards
        out.synthetic |= out.totals.synthetic
    except RulesError as error:
        out.totals_error = str(error)
    try:
        out.applications, flagged = application_checks(session, year)
        out.synthetic |= flagged
    except RulesError as error:
        out.applications_error = str(error)
    out.complaints = complaints_ledger(session, out.on)
    out.synthetic |= out.complaints.synthetic
    out.indicators = trade_indicators(session, year)
    out.synthetic |= out.indicators.synthetic
    return out


__all__ = [
    "ApplicationLine",
    "ComplaintsBlock",
    "IndicatorsBlock",
    "ProjectEntry",
    "ProjectYearReward",
    "RewardTotal",
    "RewardTotals",
    "TradeResults",
    "application_checks",
    "complaints_ledger",
    "figure_scope",
    "figure_years",
    "project_library",
    "project_year_rewards",
    "reward_claim",
    "reward_totals",
    "reward_years",
    "trade_indicators",
    "trade_results",
]
