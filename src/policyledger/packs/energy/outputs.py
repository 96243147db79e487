"""The energy pack's typed outputs (what the web pages, the bulletin and the cases read).

Rates are in per cent; a *reduction* is positive when intensity fell and negative when it
rose (降低率, as the statistics publish it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from policyledger.rules import label


@dataclass(frozen=True)
class IntensityResult:
    district: Annotated[str, label("区县")]
    year: Annotated[int, label("年份")]
    quarter: Annotated[int | None, label("季度（自年初累计）")]
    new_renewables: Annotated[float, label("新增可再生能源电力消费量（扣除）", "万吨标准煤")]
    counted_energy: Annotated[float, label("纳入能源消费总量控制的能耗", "万吨标准煤")]
    counted_energy_previous: Annotated[float, label("上年同期纳入总量控制的能耗", "万吨标准煤")]
    national_major_projects: Annotated[float, label("国家重大项目能耗（单列）", "万吨标准煤")]
    intensity_energy: Annotated[float, label("核算能耗强度的能耗", "万吨标准煤")]
    intensity: Annotated[float, label("单位地区生产总值能耗", "吨标准煤/万元")]
    intensity_previous: Annotated[float, label("上年同期单位地区生产总值能耗", "吨标准煤/万元")]
    intensity_base: Annotated[float, label("基年同期单位地区生产总值能耗", "吨标准煤/万元")]
    reduction_vs_previous: Annotated[float, label("比上年同期降低率", "%")]
    reduction_vs_base: Annotated[float, label("比基年同期累计降低率", "%")]


@dataclass(frozen=True)
class ProRataResult:
    district: Annotated[str, label("区县")]
    year: Annotated[int, label("年份")]
    quarter: Annotated[int | None, label("季度（自年初累计）")]
    method: Annotated[str, label("序时进度算法（linear/geometric）")]
    reduction_target: Annotated[float, label("到2025年下降目标", "%")]
    elapsed_years: Annotated[float, label("规划期已过年数", "年")]
    required_reduction: Annotated[float, label("序时进度要求的累计降低率", "%")]
    required_reduction_in_year: Annotated[float, label("本年比上年应降低", "%")]
    actual_reduction: Annotated[float | None, label("实际累计降低率", "%")]
    behind: Annotated[bool | None, label("落后于序时进度")]
    gap: Annotated[float | None, label("实际与要求之差", "百分点")]


@dataclass(frozen=True)
class BudgetResult:
    district: Annotated[str, label("区县")]
    year: Annotated[int, label("年份")]
    counted_energy_previous: Annotated[float, label("上年纳入总量控制的能耗", "万吨标准煤")]
    gdp_growth_target: Annotated[float, label("地区生产总值增速目标", "%")]
    gdp_growth_actual: Annotated[float, label("地区生产总值实际增速（不变价）", "%")]
    required_reduction_in_year: Annotated[float, label("本年能耗强度应降低", "%")]
    budget: Annotated[float, label("能源消费总量目标（按增速目标）", "万吨标准煤")]
    adjusted: Annotated[bool, label("因经济增速超过目标而调整")]
    budget_adjusted: Annotated[float, label("调整后能源消费总量目标", "万吨标准煤")]
    adjustment: Annotated[float, label("调整增加量", "万吨标准煤")]
    counted_energy: Annotated[float, label("本年纳入总量控制的能耗", "万吨标准煤")]
    excluded_new_renewables: Annotated[float, label("不纳入：新增可再生能源", "万吨标准煤")]
    excluded_feedstock: Annotated[float, label("不纳入：原料用能", "万吨标准煤")]
    national_major_projects: Annotated[float, label("单列：国家重大项目能耗", "万吨标准煤")]
    headroom: Annotated[float, label("剩余用能空间（负数为超出）", "万吨标准煤")]
    over_budget: Annotated[bool, label("超出能源消费总量目标")]


@dataclass(frozen=True)
class BarometerResult:
    district: Annotated[str, label("区县")]
    year: Annotated[int, label("年份")]
    quarter: Annotated[int | None, label("季度（自年初累计）")]
    intensity: Annotated[float, label("单位地区生产总值能耗", "吨标准煤/万元")]
    intensity_previous: Annotated[float, label("上年同期单位地区生产总值能耗", "吨标准煤/万元")]
    reduction_vs_previous: Annotated[float, label("比上年同期降低率", "%")]
    reduction_vs_base: Annotated[float, label("比基年同期累计降低率", "%")]
    requirement_basis: Annotated[str, label("进度要求口径（annual_rate/cumulative）")]
    required_reduction: Annotated[float, label("进度要求的降低率", "%")]
    level: Annotated[int, label("预警等级（1/2/3）")]
    colour: Annotated[str, label("颜色")]
    label: Annotated[str, label("预警等级名称")]
    reason: Annotated[str, label("理由")]


@dataclass(frozen=True)
class ProjectFinding:
    name: Annotated[str, label("项目名称")]
    sector: Annotated[str, label("行业")]
    energy_use: Annotated[float, label("年综合能源消费量（当量值）", "吨标准煤")]
    on_list: Annotated[bool, label("列入“两高”项目工作清单")]
    key_guidance: Annotated[bool, label("加强工作指导（≥5000吨标准煤）")]
    started: Annotated[bool, label("已开工")]
    unapproved_start: Annotated[bool, label("未批先建")]
    flags: Annotated[list[str], label("问题")]
    notes: Annotated[list[str], label("说明")]


@dataclass(frozen=True)
class TwoHighResult:
    projects: Annotated[list[ProjectFinding], label("项目")]
    listed: Annotated[int, label("列入清单项目数")]
    key_guidance: Annotated[int, label("加强工作指导项目数")]
    unapproved_start: Annotated[int, label("未批先建项目数")]


@dataclass(frozen=True)
class KeyUnitResult:
    year: Annotated[int, label("年份")]
    district: Annotated[str | None, label("区县")]
    key_units: Annotated[int, label("重点用能单位数")]
    monitored: Annotated[int, label("已接入在线监测的重点用能单位数")]
    monitoring_coverage: Annotated[float | None, label("在线监测覆盖率", "%")]
    reported: Annotated[int, label("已报送能源利用状况报告的重点用能单位数")]
    report_coverage: Annotated[float | None, label("能源利用状况报告报送率", "%")]
    not_monitored: Annotated[list[str], label("未接入在线监测")]
    not_reported: Annotated[list[str], label("未报送报告")]
    not_key: Annotated[list[str], label("不属于重点用能单位")]


@dataclass(frozen=True)
class PollutantProgress:
    pollutant: Annotated[str, label("污染物")]
    name: Annotated[str, label("污染物名称")]
    target: Annotated[float, label("到2025年重点工程减排量目标", "万吨")]
    achieved: Annotated[float, label("累计完成减排量", "万吨")]
    completion: Annotated[float, label("完成率", "%")]
    expected: Annotated[float, label("序时进度", "%")]
    behind: Annotated[bool, label("落后于序时进度")]


@dataclass(frozen=True)
class PollutantResult:
    year: Annotated[int, label("截至年份")]
    district: Annotated[str | None, label("区县")]
    pollutants: Annotated[list[PollutantProgress], label("各污染物")]
