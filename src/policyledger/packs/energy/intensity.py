"""``energy.intensity``: a district's energy intensity, what counts against its energy total,
and the reduction against the same period of the previous year and of 2020."""

from __future__ import annotations

from policyledger.packs.energy.clauses import FLEXIBLE_TOTAL, GOALS, check_quarter
from policyledger.packs.energy.inputs import DistrictEnergy, EnergyPeriod
from policyledger.packs.energy.outputs import IntensityResult
from policyledger.rules import ParameterView, RuleInputError, rule


def new_renewables(
    period: EnergyPeriod,
    before: EnergyPeriod | None,
    base: EnergyPeriod,
    p: ParameterView,
    field: str,
) -> float:
    """The new renewable electricity of ``period`` (deducted from the energy total).

    A figure the statistics bureau published (``new_renewables`` of the period) is used as it
    is. Otherwise it is the increase of renewable electricity over the base year's same period
    (parameter ``new_renewables_baseline`` = base_year) or over the same period of the year
    before (= previous_year; ``before``), floored at zero if ``new_renewables_floor_zero``."""
    if period.new_renewables is not None:
        return period.new_renewables
    if period.year <= base.year:
        return 0.0
    if p["dual_control.new_renewables_baseline"] == "base_year":
        reference = base
    elif before is not None:
        reference = before
    else:
        raise RuleInputError(
            f"{field}.new_renewables: needed (the year before {period.year} is not in the "
            "inputs and the parameter new_renewables_baseline is previous_year)"
        )
    increase = period.renewable_electricity - reference.renewable_electricity
    return max(increase, 0.0) if p["dual_control.new_renewables_floor_zero"] else increase


def counted_energy(period: EnergyPeriod, new: float) -> float:
    """Energy counted against the energy total: the total minus new renewables, feedstock and
    the nationally-listed major projects (listed separately)."""
    return period.total_energy - new - period.feedstock - period.national_major_projects


def intensity_energy(period: EnergyPeriod, new: float, p: ParameterView) -> float:
    """Energy used for intensity: the total minus the parts the parameters deduct."""
    energy = period.total_energy
    if p["dual_control.deduct_feedstock_from_intensity"]:
        energy -= period.feedstock
    if p["dual_control.deduct_national_projects_from_intensity"]:
        energy -= period.national_major_projects
    if p["dual_control.deduct_new_renewables_from_intensity"]:
        energy -= new
    return energy


def _check(inputs: DistrictEnergy, base_year: int) -> None:
    periods = {"current": inputs.current, "previous": inputs.previous, "base": inputs.base}
    for name, period in periods.items():
        check_quarter(period.quarter, f"{name}.quarter")
        if period.gdp <= 0:
            raise RuleInputError(f"{name}.gdp: {period.gdp} must be above zero")
        for field in (
            "total_energy",
            "renewable_electricity",
            "feedstock",
            "national_major_projects",
        ):
            if getattr(period, field) < 0:
                raise RuleInputError(f"{name}.{field}: {getattr(period, field)} is negative")
        deducted = period.feedstock + period.national_major_projects
        if deducted > period.total_energy:
            raise RuleInputError(
                f"{name}: feedstock and national major projects ({deducted:g}) exceed the "
                f"total energy consumption ({period.total_energy:g})"
            )
    if inputs.previous.year != inputs.current.year - 1:
        raise RuleInputError(
            f"previous.year: {inputs.previous.year} is not the year before {inputs.current.year}"
        )
    if inputs.base.year != base_year:
        raise RuleInputError(f"base.year: {inputs.base.year} is not the base year {base_year}")
    if inputs.current.year <= base_year:
        raise RuleInputError(f"current.year: {inputs.current.year} is not after {base_year}")
    if not inputs.current.quarter == inputs.previous.quarter == inputs.base.quarter:
        raise RuleInputError("current, previous and base must cover the same quarters")


@rule(
    "energy.intensity",
    zh="能耗强度及其降低率（扣除不纳入总量控制的能耗）",
    en="Energy intensity, energy counted against the total, and their change",
    cites=[GOALS, FLEXIBLE_TOTAL],
    parameters=[
        "dual_control.base_year",
        "dual_control.new_renewables_baseline",
        "dual_control.new_renewables_floor_zero",
        "dual_control.deduct_feedstock_from_intensity",
        "dual_control.deduct_national_projects_from_intensity",
        "dual_control.deduct_new_renewables_from_intensity",
    ],
)
def intensity(inputs: DistrictEnergy, p: ParameterView) -> IntensityResult:
    """单位地区生产总值能耗（能耗强度）= 核算能耗 ÷ 地区生产总值（2020年不变价）。
    万吨标准煤 ÷ 亿元 = 吨标准煤/万元。

    纳入能源消费总量控制的能耗 = 能源消费总量 − 新增可再生能源电力消费量 − 原料用能
    − 国家重大项目能耗（单列）。"新增"按参数 new_renewables_baseline 指比2020年同期
    （base_year）或上年同期（previous_year）增加的部分。

    核算强度的能耗按参数扣除原料用能、国家重大项目能耗、新增可再生能源；基年、上年同期
    和本期同样扣除，地区生产总值不作调整。降低率 = (1 − 本期强度 ÷ 对比期强度) × 100%，
    正数为下降，负数为上升。
    """
    base_year = p["dual_control.base_year"]
    _check(inputs, base_year)
    current, previous, base = inputs.current, inputs.previous, inputs.base
    new = new_renewables(current, previous, base, p, "current")
    before = base if previous.year - 1 == base.year else None
    new_previous = new_renewables(previous, before, base, p, "previous")
    level = intensity_energy(current, new, p) / current.gdp
    level_previous = intensity_energy(previous, new_previous, p) / previous.gdp
    level_base = intensity_energy(base, 0.0, p) / base.gdp
    for name, value in (("current", level), ("previous", level_previous), ("base", level_base)):
        if value <= 0:
            raise RuleInputError(f"{name}: the energy left after deductions is not above zero")
    return IntensityResult(
        district=inputs.district,
        year=current.year,
        quarter=current.quarter,
        new_renewables=new,
        counted_energy=counted_energy(current, new),
        counted_energy_previous=counted_energy(previous, new_previous),
        national_major_projects=current.national_major_projects,
        intensity_energy=intensity_energy(current, new, p),
        intensity=level,
        intensity_previous=level_previous,
        intensity_base=level_base,
        reduction_vs_previous=(1 - level / level_previous) * 100,
        reduction_vs_base=(1 - level / level_base) * 100,
    )
