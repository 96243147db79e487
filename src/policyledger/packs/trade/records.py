"""The foreign trade and investment pack's data: the kinds of records its templates bring in
(see :mod:`policyledger.packdata`), over the rows of :mod:`.library`.

- ``project``: the foreign-investment project library, one row per project (key: its id;
  district: where it is);
- ``project_year``: a project's foreign capital received in a year (key: project, year; period:
  the year) — the base of the foreign-capital reward;
- ``application``: an application for the reward and its outcome (key: its id; period: the
  reward's year);
- ``complaint``: a foreign-invested enterprise's complaint (key: its id; period: the month it
  was received; district: where the enterprise is);
- ``trade_figure``: a published figure of the city's foreign trade (key: indicator, scope, year,
  period; period: the year).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from policyledger.packdata.kinds import RecordKind
from policyledger.packs.trade.clauses import (
    COMPLAINTS,
    DISTRICT_DUTY,
    INVESTMENT_GOALS,
    PROJECT_LIBRARY,
    REWARD_CAP,
    REWARD_GENERAL,
    REWARD_MANUFACTURING,
    TRADE_GOALS,
    TRADE_IMPORTS,
    TRADE_MODES,
)
from policyledger.packs.trade.library import (
    ApplicationRecord,
    ComplaintRecord,
    Project,
    ProjectYear,
    TradeFigureRecord,
)

_YEARS = (2000.0, 2100.0)
_AMOUNT = (0.0, None)
TRADE_INDICATORS = (
    "trade_total",
    "trade_exports",
    "trade_imports",
    "trade_general",
    "trade_processing",
    "trade_bonded_logistics",
)


def year_period(year: int) -> tuple[str, dt.date]:
    """A year as a record's period: its label ("2024") and its last day."""
    return str(year), dt.date(year, 12, 31)


def month_period(day: dt.date) -> tuple[str, dt.date]:
    """The month of ``day`` as a record's period: "2024-03" and its last day."""
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return f"{day.year}-{day.month:02d}", following - dt.timedelta(days=1)


def _before(row: Any, later: str, earlier: str, message: str) -> list[tuple[str, str]]:
    first, second = getattr(row, earlier), getattr(row, later)
    if first is not None and second is not None and second < first:
        return [(later, message)]
    return []


def _project_checks(row: Project) -> list[tuple[str, str]]:
    country = row.investor_country
    if country and country.isascii() and not (len(country) == 2 and country.isalpha()):
        return [
            (
                "investor_country",
                f"应为ISO 3166两位字母代码（如 SG）或国名：'{country}' is not a two-letter code",
            )
        ]
    return []


def _project_year_checks(row: ProjectYear) -> list[tuple[str, str]]:
    loans, received = row.shareholder_loans_usd, row.received_usd
    if loans is not None and received is not None and loans > received:
        return [
            (
                "shareholder_loans_usd",
                "大于当年实际到位外资金额 more than the foreign capital received",
            )
        ]
    return []


def _application_checks(row: ApplicationRecord) -> list[tuple[str, str]]:
    found = _before(row, "decided", "submitted", "早于申报日期 decided before it was submitted")
    found += _before(row, "paid", "decided", "早于审核决定日期 paid before it was decided")
    if (
        row.paid_cny is not None
        and row.approved_cny is not None
        and row.paid_cny > row.approved_cny
    ):
        found.append(("paid_cny", "大于核定奖励金额 more than the amount approved"))
    return found


def _complaint_checks(row: ComplaintRecord) -> list[tuple[str, str]]:
    found = []
    for name, zh in (("accepted", "受理"), ("answered", "答复"), ("closed", "办结")):
        found += _before(row, name, "received", f"{zh}日期早于收到日期 before it was received")
    return found


def _figure_checks(row: TradeFigureRecord) -> list[tuple[str, str]]:
    if row.indicator not in TRADE_INDICATORS:
        return [
            (
                "indicator",
                f"应为 {'/'.join(TRADE_INDICATORS)} 之一："
                f"'{row.indicator}' is not a trade indicator",
            )
        ]
    return []


PROJECT = RecordKind(
    name="project",
    title_zh="外资重点项目库",
    title_en="Foreign-investment project library",
    row_type=Project,
    key=("id",),
    lead=("id", "name", "enterprise", "district"),
    body_field="district",
    bounds={"contracted_usd": _AMOUNT},
    check=_project_checks,
    cites=(PROJECT_LIBRARY, DISTRICT_DUTY, REWARD_GENERAL),
    rules=("trade.reward",),
    instructions=(
        "6. 每个外资项目一行，项目编号为项目库编号；同一编号再次导入即为更正。",
        "7. 行业门类按《国民经济行业分类》（GB/T 4754）填字母：C 制造业、J 金融业、K 房地产业；"
        "类金融业（融资租赁、商业保理、典当、小额贷款等）另在“属于类金融业”一栏填“是”。",
        "8. 未掌握的事实留空：奖励测算将显示为“无法判断”，不会按符合条件处理。",
    ),
)

PROJECT_YEAR = RecordKind(
    name="project_year",
    title_zh="外资项目年度实际到位外资",
    title_en="Foreign capital received by project and year",
    row_type=ProjectYear,
    key=("project", "year"),
    period=lambda row: year_period(row.year),
    bounds={
        "year": _YEARS,
        "contracted_usd": _AMOUNT,
        "received_usd": _AMOUNT,
        "shareholder_loans_usd": _AMOUNT,
    },
    check=_project_year_checks,
    cites=(REWARD_GENERAL, REWARD_MANUFACTURING, REWARD_CAP, INVESTMENT_GOALS),
    rules=("trade.reward",),
    instructions=(
        "6. 每个项目每年一行，金额单位为美元；项目编号须与外资重点项目库一致。",
        "7. 实际到位外资金额含外方股东贷款，另在“其中外方股东贷款”一栏填写；"
        "奖励基数为两者之差（不含外方股东贷款）。",
    ),
)

APPLICATION = RecordKind(
    name="application",
    title_zh="外资到位奖励申报及兑付台账",
    title_en="Foreign-capital reward applications and payments",
    row_type=ApplicationRecord,
    key=("id",),
    lead=("id", "project", "year", "status"),
    period=lambda row: year_period(row.year),
    bounds={
        "year": _YEARS,
        "applied_cny": _AMOUNT,
        "approved_cny": _AMOUNT,
        "paid_cny": _AMOUNT,
    },
    check=_application_checks,
    cites=(REWARD_GENERAL, REWARD_MANUFACTURING, REWARD_CAP),
    rules=("trade.application_check",),
    instructions=(
        "6. 每份申报一行，金额单位为元；审核、兑付后用同一申报编号再次导入即为更新。",
        "7. 奖励年度为实际到位外资的年度；核定金额不超过测算应得金额，兑付金额不超过核定金额。",
    ),
)

COMPLAINT = RecordKind(
    name="complaint",
    title_zh="外商投资企业投诉台账",
    title_en="Complaints of foreign-invested enterprises",
    row_type=ComplaintRecord,
    key=("id",),
    lead=("id", "enterprise", "received", "status"),
    body_field="district",
    period=lambda row: month_period(row.received),
    check=_complaint_checks,
    cites=(COMPLAINTS,),
    rules=("trade.complaints",),
    instructions=(
        "6. 每件投诉一行；受理、答复、办结后用同一投诉编号再次导入即为更新。",
        "7. 办结时限留空时按规定期限从收到（受理）日期起算。",
    ),
)

TRADE_FIGURE = RecordKind(
    name="trade_figure",
    title_zh="外贸进出口公开数据",
    title_en="Published foreign-trade figures",
    row_type=TradeFigureRecord,
    key=("indicator", "scope", "year", "period"),
    period=lambda row: year_period(row.year),
    bounds={"year": _YEARS, "value": _AMOUNT},
    check=_figure_checks,
    cites=(TRADE_GOALS, TRADE_IMPORTS, TRADE_MODES),
    rules=("trade.indicators",),
    instructions=(
        "6. 每个公开发布的数值一行，数值和单位按发布口径照录，并注明来源网址和标题。",
        "7. 来源只说“超过”“突破”某数时，在“仅为下限”一栏填“是”。",
    ),
)

KINDS = (PROJECT, PROJECT_YEAR, APPLICATION, COMPLAINT, TRADE_FIGURE)
