"""``energy.key_units`` and ``energy.pollutants``: monitoring coverage of key energy-using
units, and key-project pollutant reductions against the plan's tonnage targets."""

from __future__ import annotations

from policyledger.packs.energy.clauses import MONITORING, POLLUTANT_GOALS, check_year, close
from policyledger.packs.energy.inputs import ReductionList, UnitRegistry
from policyledger.packs.energy.outputs import KeyUnitResult, PollutantProgress, PollutantResult
from policyledger.rules import ParameterView, RuleInputError, rule

POLLUTANTS = {
    "cod": "化学需氧量",
    "ammonia_nitrogen": "氨氮",
    "nox": "氮氧化物",
    "vocs": "挥发性有机物",
}


def _share(part: int, whole: int) -> float | None:
    return part / whole * 100 if whole else None


@rule(
    "energy.key_units",
    zh="重点用能单位在线监测与能源利用状况报告覆盖率",
    en="Key energy-using units: online monitoring and yearly report coverage",
    cites=[MONITORING],
    parameters=["key_units.threshold", "key_units.designated_threshold"],
)
def key_units(inputs: UnitRegistry, p: ParameterView) -> KeyUnitResult:
    """重点用能单位：年综合能源消费量 ≥ threshold（1万吨标准煤），或经指定且
    ≥ designated_threshold（5000吨标准煤）（《重点用能单位节能管理办法》第二条，“以上”含本数）。

    在线监测覆盖率 = 已接入能耗在线监测系统的重点用能单位数 ÷ 重点用能单位数 × 100%；
    报告报送率 = 已报送能源利用状况报告的重点用能单位数 ÷ 重点用能单位数 × 100%。
    没有重点用能单位时覆盖率为空。未达门槛的单位列在 not_key，不计入。
    """
    threshold = p["key_units.threshold"]
    designated_threshold = p["key_units.designated_threshold"]
    key, not_key = [], []
    for i, unit in enumerate(inputs.units):
        if unit.energy_use < 0:
            raise RuleInputError(f"units[{i}].energy_use: {unit.energy_use} is negative")
        is_key = unit.energy_use >= threshold or (
            unit.designated and unit.energy_use >= designated_threshold
        )
        (key if is_key else not_key).append(unit)
    monitored = [u for u in key if u.online_monitoring]
    reported = [u for u in key if u.report_submitted]
    return KeyUnitResult(
        year=inputs.year,
        district=inputs.district,
        key_units=len(key),
        monitored=len(monitored),
        monitoring_coverage=_share(len(monitored), len(key)),
        reported=len(reported),
        report_coverage=_share(len(reported), len(key)),
        not_monitored=[u.name for u in key if not u.online_monitoring],
        not_reported=[u.name for u in key if not u.report_submitted],
        not_key=[u.name for u in not_key],
    )


@rule(
    "energy.pollutants",
    zh="主要污染物重点工程减排量完成情况",
    en="Key-project pollutant reductions against the plan's targets",
    cites=[POLLUTANT_GOALS],
    parameters=[
        "dual_control.base_year",
        "dual_control.target_year",
        "pollutants.cod",
        "pollutants.ammonia_nitrogen",
        "pollutants.nox",
        "pollutants.vocs",
    ],
)
def pollutants(inputs: ReductionList, p: ParameterView) -> PollutantResult:
    """每种污染物（化学需氧量、氨氮、氮氧化物、挥发性有机物）：

    累计完成 = 2021年至截至年份完成的重点工程减排量之和（万吨）；
    完成率 = 累计完成 ÷ 到2025年目标 × 100%；
    序时进度 = (截至年份 − 2020) ÷ 5 × 100%（减排量是吨数，按年线性分摊）；
    完成率 < 序时进度（相等不算）即落后。完成年份须在2021年至截至年份之间。
    """
    base_year = p["dual_control.base_year"]
    target_year = p["dual_control.target_year"]
    check_year(inputs.year, base_year, target_year, "year")
    achieved = dict.fromkeys(POLLUTANTS, 0.0)
    for i, row in enumerate(inputs.reductions):
        if not base_year < row.year <= inputs.year:
            raise RuleInputError(
                f"reductions[{i}].year: {row.year} is not between {base_year + 1} and {inputs.year}"
            )
        if row.amount < 0:
            raise RuleInputError(f"reductions[{i}].amount: {row.amount} is negative")
        achieved[row.pollutant] += row.amount
    expected = (inputs.year - base_year) / (target_year - base_year) * 100
    rows = []
    for code, name in POLLUTANTS.items():
        target = p[f"pollutants.{code}"]
        completion = achieved[code] / target * 100
        rows.append(
            PollutantProgress(
                pollutant=code,
                name=name,
                target=target,
                achieved=achieved[code],
                completion=completion,
                expected=expected,
                behind=completion < expected and not close(completion, expected),
            )
        )
    return PollutantResult(year=inputs.year, district=inputs.district, pollutants=rows)
