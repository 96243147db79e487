"""``energy.pro_rata``: the reduction of energy intensity a district should have reached by a
year or quarter on the way to its 2025 target (序时进度), and whether it is behind."""

from __future__ import annotations

from policyledger.packs.energy.clauses import (
    GOALS,
    QUARTERLY_MONITORING,
    check_quarter,
    check_year,
    close,
)
from policyledger.packs.energy.inputs import ProRataInput
from policyledger.packs.energy.outputs import ProRataResult
from policyledger.rules import ParameterView, RuleInputError, rule


def elapsed_years(year: int, quarter: int | None, base_year: int) -> float:
    """Years of the plan gone by the end of ``year`` (or of its ``quarter``): 2023 → 3,
    2023 Q3 → 2.75 (from the end of 2020)."""
    return (year - base_year - 1) + (quarter or 4) / 4


def required_cumulative(target: float, elapsed: float, span: int, method: str) -> float:
    """The cumulative reduction (%) required after ``elapsed`` of ``span`` years.

    linear: target × elapsed ÷ span; geometric: 1 − (1 − target)^(elapsed ÷ span), the same
    yearly rate every year."""
    share = target / 100
    if method == "linear":
        return target * elapsed / span
    if method == "geometric":
        return (1 - (1 - share) ** (elapsed / span)) * 100
    raise RuleInputError(f"unknown pro-rata method '{method}'")


def required_in_year(target: float, year: int, base_year: int, span: int, method: str) -> float:
    """The reduction (%) the year ``year`` must make against the year before, so that the
    cumulative requirement is met at its end: 1 − (1 − c(k)) ÷ (1 − c(k−1))."""
    k = year - base_year
    now = required_cumulative(target, k, span, method) / 100
    before = required_cumulative(target, k - 1, span, method) / 100
    return (1 - (1 - now) / (1 - before)) * 100


def district_target(given: float | None, p: ParameterView) -> float:
    """The district's own 2025 reduction target, or the city's."""
    target = p["dual_control.reduction_target"] if given is None else given
    if not 0 < target < 100:
        raise RuleInputError(f"reduction_target: {target} must be between 0 and 100 (%)")
    return float(target)


@rule(
    "energy.pro_rata",
    zh="能耗强度降低序时进度",
    en="Pro-rata intensity reduction required by a year or quarter",
    cites=[GOALS, QUARTERLY_MONITORING],
    parameters=[
        "dual_control.base_year",
        "dual_control.target_year",
        "dual_control.reduction_target",
        "dual_control.pro_rata_method",
    ],
)
def pro_rata(inputs: ProRataInput, p: ParameterView) -> ProRataResult:
    """到2025年单位GDP能耗比2020年下降的目标（区县自己的目标，空则为全市的14%），按年（或
    自年初累计到某季度）分摊为序时进度：

    已过年数 = (年份 − 2020 − 1) + 季度 ÷ 4（全年按第4季度）；
    linear（线性）：累计应降低 = 目标 × 已过年数 ÷ 5；
    geometric（等比）：累计应降低 = 1 − (1 − 目标)^(已过年数 ÷ 5)。
    本年比上年应降低 = 1 − (1 − 本年末累计要求) ÷ (1 − 上年末累计要求)。

    给出实际累计降低率时，实际 < 要求（相等不算落后）即落后于序时进度；差距 = 实际 − 要求
    （百分点）。
    """
    base_year = p["dual_control.base_year"]
    target_year = p["dual_control.target_year"]
    method = p["dual_control.pro_rata_method"]
    check_year(inputs.year, base_year, target_year, "year")
    check_quarter(inputs.quarter, "quarter")
    target = district_target(inputs.reduction_target, p)
    span = target_year - base_year
    elapsed = elapsed_years(inputs.year, inputs.quarter, base_year)
    required = required_cumulative(target, elapsed, span, method)
    behind = gap = None
    if inputs.actual_reduction is not None:
        gap = inputs.actual_reduction - required
        behind = inputs.actual_reduction < required and not close(inputs.actual_reduction, required)
    return ProRataResult(
        district=inputs.district,
        year=inputs.year,
        quarter=inputs.quarter,
        method=method,
        reduction_target=target,
        elapsed_years=elapsed,
        required_reduction=required,
        required_reduction_in_year=required_in_year(target, inputs.year, base_year, span, method),
        actual_reduction=inputs.actual_reduction,
        behind=behind,
        gap=gap,
    )
