"""``energy.barometer``: a district's quarterly warning level (晴雨表) for energy intensity,
following the national barometer practice of 发改办环资〔2021〕629号."""

from __future__ import annotations

from policyledger.packs.energy.clauses import (
    BAROMETER_PRACTICE,
    QUARTERLY_MONITORING,
    above,
    check_year,
    close,
)
from policyledger.packs.energy.inputs import DistrictEnergy
from policyledger.packs.energy.intensity import intensity
from policyledger.packs.energy.outputs import BarometerResult
from policyledger.packs.energy.progress import (
    district_target,
    elapsed_years,
    required_cumulative,
    required_in_year,
)
from policyledger.rules import ParameterView, rule

_LABELS = {1: "一级预警", 2: "二级预警", 3: "三级预警"}


@rule(
    "energy.barometer",
    zh="能耗强度降低晴雨表预警等级（季度）",
    en="Quarterly energy-intensity barometer level",
    cites=[QUARTERLY_MONITORING, BAROMETER_PRACTICE],
    parameters=[
        "dual_control.base_year",
        "dual_control.target_year",
        "dual_control.reduction_target",
        "dual_control.pro_rata_method",
        "barometer.rise_threshold",
        "barometer.unchanged_is_rise",
        "barometer.requirement_basis",
        "barometer.colours",
    ],
    uses=[intensity],
)
def barometer(inputs: DistrictEnergy, p: ParameterView) -> BarometerResult:
    """按国家能耗双控晴雨表的做法（发改办环资〔2021〕629号）定区县每季度（自年初累计）的
    能耗强度降低预警等级：

    一级预警（红）：能耗强度比上年同期不降反升，即上升幅度 > rise_threshold（0%）；强度不变
    是否算上升由 unchanged_is_rise 决定（默认不算）。
    二级预警（黄）：强度下降，但降低率未达到进度要求。进度要求按 requirement_basis：
    annual_rate —— 比上年同期的降低率与本年应降低（序时进度，energy.pro_rata）比较；
    cumulative —— 比2020年同期的累计降低率与累计序时进度比较。相等视为达到。
    三级预警（绿）：其余。颜色见参数 colours（发改办环资〔2020〕901号：红、黄、绿灯）。
    能耗强度按 energy.intensity 计算（扣除项见其参数）。
    """
    base_year = p["dual_control.base_year"]
    target_year = p["dual_control.target_year"]
    check_year(inputs.current.year, base_year, target_year, "current.year")
    result = intensity(inputs, p)
    target = district_target(inputs.reduction_target, p)
    method = p["dual_control.pro_rata_method"]
    span = target_year - base_year
    basis = p["barometer.requirement_basis"]
    if basis == "annual_rate":
        required = required_in_year(target, result.year, base_year, span, method)
        achieved = result.reduction_vs_previous
        compared = "比上年同期降低"
    else:
        elapsed = elapsed_years(result.year, result.quarter, base_year)
        required = required_cumulative(target, elapsed, span, method)
        achieved = result.reduction_vs_base
        compared = "比2020年同期累计降低"
    rise = -result.reduction_vs_previous  # % increase against the same period last year
    threshold = p["barometer.rise_threshold"]
    unchanged = close(rise, threshold)
    if above(rise, threshold) or (unchanged and p["barometer.unchanged_is_rise"]):
        level = 1
        reason = f"能耗强度比上年同期上升{rise:.2f}%（不降反升）"
    elif achieved < required and not close(achieved, required):
        level = 2
        reason = f"{compared}{achieved:.2f}%，低于进度要求{required:.2f}%"
    else:
        level = 3
        reason = f"{compared}{achieved:.2f}%，达到进度要求{required:.2f}%"
    colours = p["barometer.colours"]
    return BarometerResult(
        district=inputs.district,
        year=result.year,
        quarter=result.quarter,
        intensity=result.intensity,
        intensity_previous=result.intensity_previous,
        reduction_vs_previous=result.reduction_vs_previous,
        reduction_vs_base=result.reduction_vs_base,
        requirement_basis=basis,
        required_reduction=required,
        level=level,
        colour=colours[level - 1],
        label=_LABELS[level],
        reason=reason,
    )
