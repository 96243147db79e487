"""``energy.budget``: a district's flexible yearly energy total (能源消费总量目标), set from its
GDP growth target and the year's intensity reduction, raised when growth beats the target."""

from __future__ import annotations

from policyledger.packs.energy.clauses import FLEXIBLE_TOTAL, above, check_year
from policyledger.packs.energy.inputs import DistrictEnergy
from policyledger.packs.energy.intensity import intensity
from policyledger.packs.energy.outputs import BudgetResult
from policyledger.packs.energy.progress import district_target, required_in_year
from policyledger.rules import ParameterView, RuleInputError, rule


@rule(
    "energy.budget",
    zh="年度能源消费总量目标（弹性管理）",
    en="Flexible yearly energy-consumption budget",
    cites=[FLEXIBLE_TOTAL],
    parameters=[
        "dual_control.base_year",
        "dual_control.target_year",
        "dual_control.reduction_target",
        "dual_control.pro_rata_method",
        "dual_control.budget_growth_adjustment",
    ],
    uses=[intensity],
)
def budget(inputs: DistrictEnergy, p: ParameterView) -> BudgetResult:
    """各区县根据地区生产总值增速目标和能耗强度降低目标确定年度能源消费总量目标：

    总量目标 = 上年纳入总量控制的能耗 × (1 + 增速目标) × (1 − 本年能耗强度应降低)。

    本年能耗强度应降低取序时进度（energy.pro_rata 的"本年比上年应降低"，区县目标或全市14%）。
    实际增速（不变价地区生产总值本年 ÷ 上年 − 1）超过增速目标时，按参数
    budget_growth_adjustment = actual_growth 用实际增速代替增速目标重算（"可相应调整"）；
    实际增速等于目标不调整。纳入总量控制的能耗已扣除新增可再生能源和原料用能；国家重大项目
    能耗单列，另行显示，不计入。本例只用全年数据。
    """
    if inputs.gdp_growth_target is None:
        raise RuleInputError("gdp_growth_target: missing (the year's GDP growth target, %)")
    if inputs.current.quarter is not None:
        raise RuleInputError("current.quarter: the energy budget is set for a whole year")
    base_year = p["dual_control.base_year"]
    check_year(inputs.current.year, base_year, p["dual_control.target_year"], "current.year")
    counted = intensity(inputs, p)
    span = p["dual_control.target_year"] - base_year
    target = district_target(inputs.reduction_target, p)
    reduction = required_in_year(
        target, inputs.current.year, base_year, span, p["dual_control.pro_rata_method"]
    )
    growth_target = inputs.gdp_growth_target
    growth_actual = (inputs.current.gdp / inputs.previous.gdp - 1) * 100
    previous = counted.counted_energy_previous
    planned = previous * (1 + growth_target / 100) * (1 - reduction / 100)
    adjust = p["dual_control.budget_growth_adjustment"] == "actual_growth" and above(
        growth_actual, growth_target
    )
    adjusted = previous * (1 + growth_actual / 100) * (1 - reduction / 100) if adjust else planned
    current = inputs.current
    return BudgetResult(
        district=inputs.district,
        year=current.year,
        counted_energy_previous=previous,
        gdp_growth_target=growth_target,
        gdp_growth_actual=growth_actual,
        required_reduction_in_year=reduction,
        budget=planned,
        adjusted=adjust,
        budget_adjusted=adjusted,
        adjustment=adjusted - planned,
        counted_energy=counted.counted_energy,
        excluded_new_renewables=counted.new_renewables,
        excluded_feedstock=current.feedstock,
        national_major_projects=current.national_major_projects,
        headroom=adjusted - counted.counted_energy,
        over_budget=above(counted.counted_energy, adjusted),
    )
