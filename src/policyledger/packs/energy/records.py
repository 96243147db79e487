"""The energy pack's data: the kinds of records its templates bring in (see
:mod:`policyledger.packdata`), each a typed row built on the rules' inputs with what identifies
it added (a district, a project code, a unit's credit code, a year).

- ``district_energy``: a district's energy account for a year or from January to the end of
  a quarter (:class:`DistrictEnergyRecord`, an :class:`~.inputs.EnergyPeriod` with its
  district and targets) — the barometer and the budget;
- ``two_high_project``: a project of the "两高" list (:class:`ProjectRecord`);
- ``key_unit``: a key energy-using unit's year (:class:`KeyUnitRecord`);
- ``pollutant_project``: a key project's reduction of one pollutant in a year
  (:class:`ReductionRecord`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from policyledger.packdata.kinds import RecordKind
from policyledger.packs.energy.clauses import (
    ENERGY_REVIEW,
    FLEXIBLE_TOTAL,
    GOALS,
    MONITORING,
    POLLUTANT_GOALS,
    QUARTERLY_MONITORING,
    TWO_HIGH,
)
from policyledger.packs.energy.inputs import EnergyPeriod, EnergyUnit, Project, Reduction
from policyledger.rules import label

_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
_YEARS = (2000.0, 2100.0)
_AMOUNT = (0.0, None)


def _base(value: Any, cls: type) -> Any:
    """The rule input ``cls`` a record extends, with the record's values of its fields."""
    return cls(**{f.name: getattr(value, f.name) for f in dataclasses.fields(cls)})


@dataclass(frozen=True, kw_only=True)
class DistrictEnergyRecord(EnergyPeriod):
    """A district's energy account for one period, with its targets for the year."""

    district: Annotated[str, label("区县")]
    reduction_target: Annotated[
        float | None,
        label("到2025年单位GDP能耗比2020年下降目标", "%", note="区县自己的目标；空则用全市14%"),
    ] = None
    gdp_growth_target: Annotated[
        float | None,
        label("本年地区生产总值增速目标", "%", note="计算年度能源消费总量目标（预算）需要"),
    ] = None

    def period_only(self) -> EnergyPeriod:
        return _base(self, EnergyPeriod)


@dataclass(frozen=True, kw_only=True)
class ProjectRecord(Project):
    """A project reported for the "两高" list, by its project code."""

    code: Annotated[str, label("项目代码", note="投资项目统一代码；同一代码再次导入即为更正")]

    def project(self) -> Project:
        return _base(self, Project)


@dataclass(frozen=True, kw_only=True)
class KeyUnitRecord(EnergyUnit):
    """A key energy-using unit's year: energy use, designation, monitoring and report."""

    code: Annotated[str, label("统一社会信用代码")]
    year: Annotated[int, label("年份")]
    district: Annotated[str | None, label("区县")] = None

    def unit(self) -> EnergyUnit:
        return _base(self, EnergyUnit)


@dataclass(frozen=True, kw_only=True)
class ReductionRecord(Reduction):
    """A key project's reduction of one pollutant completed in a year."""

    district: Annotated[str | None, label("区县")] = None

    def reduction(self) -> Reduction:
        return _base(self, Reduction)


def _period_of(row: DistrictEnergyRecord) -> tuple[str, dt.date]:
    if row.quarter is None:
        return str(row.year), dt.date(row.year, 12, 31)
    month, day = _QUARTER_END[row.quarter]
    return f"{row.year}-Q{row.quarter}", dt.date(row.year, month, day)


def _year_of(row: Any) -> tuple[str, dt.date]:
    return str(row.year), dt.date(row.year, 12, 31)


def _energy_checks(row: DistrictEnergyRecord) -> list[tuple[str, str]]:
    found = []
    if row.gdp == 0:
        found.append(("gdp", "应大于 0：0 must be above zero"))
    if row.reduction_target is not None and row.reduction_target in (0, 100):
        found.append(("reduction_target", "应大于 0、小于 100 must be between 0 and 100"))
    deducted = row.feedstock + row.national_major_projects
    if deducted > row.total_energy:
        found.append(
            (
                "feedstock",
                f"与国家重大项目能耗之和（{deducted:g}）大于能源消费总量（{row.total_energy:g}） "
                "feedstock and national major projects exceed the total",
            )
        )
    return found


def _project_checks(row: ProjectRecord) -> list[tuple[str, str]]:
    found = []
    for approved, date in (
        ("energy_review_approved", "energy_review_date"),
        ("eia_approved", "eia_date"),
    ):
        if getattr(row, date) is not None and not getattr(row, approved):
            found.append((approved, "填了批复日期但未标为已批复 a date is given but not approved"))
    return found


DISTRICT_ENERGY = RecordKind(
    name="district_energy",
    title_zh="区县能源消费数据（全年或自年初累计至季末）",
    title_en="Districts' energy accounts (a year, or January to the end of a quarter)",
    row_type=DistrictEnergyRecord,
    key=("district", "year", "quarter"),
    body_field="district",
    period=_period_of,
    bounds={
        "year": _YEARS,
        "quarter": (1, 4),
        "gdp": (0.0, None),
        "total_energy": _AMOUNT,
        "renewable_electricity": _AMOUNT,
        "feedstock": _AMOUNT,
        "national_major_projects": _AMOUNT,
        "new_renewables": _AMOUNT,
        "reduction_target": (0.0, 100.0),
        "gdp_growth_target": (-100.0, 100.0),
    },
    check=_energy_checks,
    cites=(GOALS, FLEXIBLE_TOTAL, QUARTERLY_MONITORING),
    rules=("energy.intensity", "energy.barometer", "energy.budget"),
    instructions=(
        "6. 每个区县每期一行：季度数据为自年初累计至该季末（第1季度、1—2季度……），"
        "全年数据季度留空。计算晴雨表需要本期、上年同期和2020年同期三行。",
        "7. 地区生产总值按2020年不变价（亿元），能源量按万吨标准煤（当量值）。",
    ),
)

TWO_HIGH_PROJECT = RecordKind(
    name="two_high_project",
    title_zh="“两高”项目清单",
    title_en='"Two-high" projects',
    row_type=ProjectRecord,
    key=("code",),
    lead=("code", "name", "district"),
    body_field="district",
    bounds={"energy_use": _AMOUNT},
    check=_project_checks,
    cites=(TWO_HIGH, ENERGY_REVIEW),
    rules=("energy.two_high",),
    instructions=(
        "6. 行业按“两高”行业名称填写（煤电、石化、化工、钢铁、有色金属冶炼、建材），"
        "其他行业照实填写。",
        "7. 年综合能源消费量按当量值（吨标准煤）。已开工项目请填开工日期和各项批复日期。",
    ),
)

KEY_UNIT = RecordKind(
    name="key_unit",
    title_zh="重点用能单位年度情况",
    title_en="Key energy-using units, by year",
    row_type=KeyUnitRecord,
    key=("code", "year"),
    lead=("code", "year", "name", "district"),
    body_field="district",
    period=_year_of,
    bounds={"year": _YEARS, "energy_use": _AMOUNT},
    cites=(MONITORING,),
    rules=("energy.key_units",),
    instructions=("6. 每个单位每年一行；年综合能源消费量按吨标准煤。",),
)

POLLUTANT_PROJECT = RecordKind(
    name="pollutant_project",
    title_zh="主要污染物重点工程减排量",
    title_en="Key-project pollutant reductions",
    row_type=ReductionRecord,
    key=("project", "pollutant", "year"),
    body_field="district",
    period=_year_of,
    bounds={"year": (2021.0, 2100.0), "amount": _AMOUNT},
    cites=(POLLUTANT_GOALS,),
    rules=("energy.pollutants",),
    instructions=(
        "6. 污染物填代码：cod（化学需氧量）、ammonia_nitrogen（氨氮）、nox（氮氧化物）、"
        "vocs（挥发性有机物）；减排量按万吨，每个工程每种污染物每年一行。",
    ),
)

KINDS = (DISTRICT_ENERGY, TWO_HIGH_PROJECT, KEY_UNIT, POLLUTANT_PROJECT)
