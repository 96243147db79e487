"""The energy pack's typed inputs: what a district, a project list or a registry reports.

These are the rows a data template feeds into the rules (one field per column; the Chinese
label and unit of each field are in its annotation, see :func:`policyledger.rules.describe`).
A template holds one :class:`EnergyPeriod` row per district and period; :func:`district_energy`
puts a district's rows together into the :class:`DistrictEnergy` the dual-control rules read.
Quantities of energy are in 万吨标准煤 for districts and 吨标准煤 for projects and units, GDP
in 亿元 at constant (2020) prices, rates in per cent (14 means 14%).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from policyledger.rules import RuleInputError, label

ProjectStatus = Literal["拟建", "在建", "已投产"]
Pollutant = Literal["cod", "ammonia_nitrogen", "nox", "vocs"]


@dataclass(frozen=True)
class EnergyPeriod:
    """A district's energy account for one period: a whole year, or from January to the end
    of a quarter (``quarter`` 1–4, cumulative, as quarterly statistics are published)."""

    year: Annotated[int, label("年份")]
    gdp: Annotated[float, label("地区生产总值（2020年不变价）", "亿元")]
    total_energy: Annotated[float, label("能源消费总量", "万吨标准煤")]
    quarter: Annotated[int | None, label("季度（自年初累计；全年留空）")] = None
    renewable_electricity: Annotated[
        float,
        label(
            "可再生能源电力消费量",
            "万吨标准煤",
            note="风电、太阳能发电、水电、生物质发电、地热能发电等",
        ),
    ] = 0.0
    feedstock: Annotated[
        float, label("原料用能消费量", "万吨标准煤", note="用作原料、材料而非燃料、动力的能源")
    ] = 0.0
    national_major_projects: Annotated[
        float, label("国家重大项目能耗", "万吨标准煤", note="国家重大项目能耗单列")
    ] = 0.0
    new_renewables: Annotated[
        float | None,
        label(
            "新增可再生能源电力消费量（统计部门核定数）",
            "万吨标准煤",
            note="有核定数时直接采用；空则按参数由可再生能源电力消费量计算",
        ),
    ] = None


@dataclass(frozen=True)
class DistrictEnergy:
    """A district's energy account for a period, the same period a year earlier and the same
    period of the base year (2020), with its own targets where it has them."""

    district: Annotated[str, label("区县")]
    current: Annotated[EnergyPeriod, label("本期")]
    previous: Annotated[EnergyPeriod, label("上年同期")]
    base: Annotated[EnergyPeriod, label("基年（2020年）同期")]
    reduction_target: Annotated[
        float | None,
        label("到2025年单位GDP能耗比2020年下降目标", "%", note="区县自己的目标；空则用全市目标"),
    ] = None
    gdp_growth_target: Annotated[
        float | None, label("本年地区生产总值增速目标", "%", note="能源消费总量目标（预算）需要")
    ] = None


def district_energy(
    district: str,
    periods: list[EnergyPeriod],
    year: int,
    quarter: int | None = None,
    base_year: int = 2020,
    reduction_target: float | None = None,
    gdp_growth_target: float | None = None,
) -> DistrictEnergy:
    """The account of ``district`` for ``year`` (and ``quarter``) from its rows ``periods``: the
    period itself, the same period of the year before and of ``base_year``."""
    by_period = {}
    for period in periods:
        key = (period.year, period.quarter)
        if key in by_period:
            raise RuleInputError(f"{district}: two rows for {_period_name(*key)}")
        by_period[key] = period
    chosen = {}
    for name, wanted in (("current", year), ("previous", year - 1), ("base", base_year)):
        if (wanted, quarter) not in by_period:
            raise RuleInputError(f"{district}: no row for {_period_name(wanted, quarter)} ({name})")
        chosen[name] = by_period[(wanted, quarter)]
    return DistrictEnergy(
        district,
        chosen["current"],
        chosen["previous"],
        chosen["base"],
        reduction_target,
        gdp_growth_target,
    )


def _period_name(year: int, quarter: int | None) -> str:
    return f"{year}" if quarter is None else f"{year} 1—{quarter}季度"


@dataclass(frozen=True)
class ProRataInput:
    """A district's position in the plan period: the year (and quarter), its 2025 target and,
    if known, its actual cumulative reduction of intensity against the same period of 2020."""

    district: Annotated[str, label("区县")]
    year: Annotated[int, label("年份")]
    quarter: Annotated[int | None, label("季度（自年初累计；全年留空）")] = None
    reduction_target: Annotated[float | None, label("到2025年单位GDP能耗比2020年下降目标", "%")] = (
        None
    )
    actual_reduction: Annotated[float | None, label("实际单位GDP能耗比2020年同期累计下降", "%")] = (
        None
    )


@dataclass(frozen=True)
class Project:
    """A project that may be a "两高" project."""

    name: Annotated[str, label("项目名称")]
    sector: Annotated[str, label("行业")]
    energy_use: Annotated[float, label("年综合能源消费量（当量值）", "吨标准煤")]
    district: Annotated[str | None, label("区县")] = None
    status: Annotated[ProjectStatus, label("项目状态（拟建/在建/已投产）")] = "拟建"
    energy_review_approved: Annotated[bool, label("节能审查已批复")] = False
    energy_review_date: Annotated[dt.date | None, label("节能审查批复日期")] = None
    eia_approved: Annotated[bool, label("环评已批复")] = False
    eia_date: Annotated[dt.date | None, label("环评批复日期")] = None
    construction_start: Annotated[dt.date | None, label("开工日期")] = None


@dataclass(frozen=True)
class ProjectList:
    """Projects reported by districts and departments."""

    projects: Annotated[list[Project], label("项目")] = field(default_factory=list)


@dataclass(frozen=True)
class EnergyUnit:
    """A row of the key energy-using units registry for one year."""

    name: Annotated[str, label("用能单位名称")]
    energy_use: Annotated[float, label("年综合能源消费量", "吨标准煤")]
    designated: Annotated[bool, label("经主管部门指定为重点用能单位")] = False
    online_monitoring: Annotated[bool, label("已接入能耗在线监测系统")] = False
    report_submitted: Annotated[bool, label("已报送能源利用状况报告")] = False


@dataclass(frozen=True)
class UnitRegistry:
    """The energy-using units of a district (or the city) for one reporting year."""

    year: Annotated[int, label("年份")]
    units: Annotated[list[EnergyUnit], label("用能单位")] = field(default_factory=list)
    district: Annotated[str | None, label("区县")] = None


@dataclass(frozen=True)
class Reduction:
    """A key project's reduction of one pollutant, completed in a year."""

    project: Annotated[str, label("重点工程")]
    pollutant: Annotated[Pollutant, label("污染物（cod/ammonia_nitrogen/nox/vocs）")]
    amount: Annotated[float, label("减排量", "万吨")]
    year: Annotated[int, label("完成年份")]


@dataclass(frozen=True)
class ReductionList:
    """Key-project reductions reported up to a year."""

    year: Annotated[int, label("截至年份")]
    reductions: Annotated[list[Reduction], label("重点工程减排量")] = field(default_factory=list)
    district: Annotated[str | None, label("区县")] = None
