"""The energy pack's results for a period, computed from the stored records through the rules
(the rules themselves read nothing): per district the barometer (level, intensity, change
against the previous year and 2020, the requirement) and, for a whole year (or January to the
fourth quarter), the flexible budget; the "两高" list with its flags; key-unit monitoring
coverage; pollutant reductions against the plan's targets.

Each block is computed on its own: a rule that cannot run (a parameter expired, a district
without the rows it needs) leaves a one-line reason in its block, not an error page."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from policyledger.packdata import Loaded, load
from policyledger.packs.energy import pack
from policyledger.packs.energy.inputs import (
    DistrictEnergy,
    ProjectList,
    ReductionList,
    UnitRegistry,
    district_energy,
)
from policyledger.packs.energy.outputs import (
    BarometerResult,
    BudgetResult,
    KeyUnitResult,
    PollutantResult,
    ProjectFinding,
    TwoHighResult,
)
from policyledger.packs.energy.records import (
    DISTRICT_ENERGY,
    KEY_UNIT,
    POLLUTANT_PROJECT,
    TWO_HIGH_PROJECT,
    ProjectRecord,
)
from policyledger.rules import ParameterExpired, RulesError
from policyledger.storage.packs import periods_of, synthetic

NO_DISTRICT = "（未填区县）"
_QUARTERS = "一二三四"


@dataclass(frozen=True)
class EnergyPeriodChoice:
    """A period the barometer can be shown for: "2024-Q2" (January to June) or "2024"."""

    label: str
    year: int
    quarter: int | None
    end: dt.date

    @property
    def text(self) -> str:
        """2024年第1季度, 2024年1—2季度, 2024年."""
        if self.quarter is None:
            return f"{self.year}年"
        if self.quarter == 1:
            return f"{self.year}年第一季度"
        return f"{self.year}年1—{self.quarter}季度"

    @property
    def text_en(self) -> str:
        if self.quarter is None:
            return str(self.year)
        return f"{self.year} Q1" if self.quarter == 1 else f"{self.year} Q1–Q{self.quarter}"


def parse_choice(label: str, end: dt.date) -> EnergyPeriodChoice:
    year, _, quarter = label.partition("-Q")
    return EnergyPeriodChoice(label, int(year), int(quarter) if quarter else None, end)


def energy_periods(session: Session) -> list[EnergyPeriodChoice]:
    """The periods the barometer can be shown for, latest first: those with district data
    for the same period of the year before too (the base year's rows, and a year stored
    without the one before it, are compared against, not shown)."""
    found = [
        parse_choice(label, end) for label, end in periods_of(session, "energy", "district_energy")
    ]
    stored = {(c.year, c.quarter) for c in found}
    return [c for c in found if (c.year - 1, c.quarter) in stored]


@dataclass
class DistrictBarometer:
    """One district's row: its barometer and budget, or why they cannot be computed."""

    body_id: str | None
    district: str
    result: BarometerResult | None = None
    budget: BudgetResult | None = None
    problem: str | None = None

    @property
    def level(self) -> int | None:
        return self.result.level if self.result else None


@dataclass(frozen=True)
class ProjectLine:
    """A project of the list: its record and the rule's finding."""

    record: ProjectRecord
    finding: ProjectFinding


@dataclass(frozen=True)
class UnitCoverage:
    district: str
    result: KeyUnitResult


@dataclass
class EnergyResults:
    """Everything the energy page and the bulletin section show for one period."""

    period: EnergyPeriodChoice
    districts: list[DistrictBarometer] = field(default_factory=list)
    barometer_error: str | None = None
    projects: list[ProjectLine] = field(default_factory=list)
    two_high: TwoHighResult | None = None
    two_high_error: str | None = None
    unit_year: int | None = None
    units: list[UnitCoverage] = field(default_factory=list)
    units_error: str | None = None
    pollutants: PollutantResult | None = None
    pollutants_error: str | None = None
    synthetic: bool = False

    @property
    def on(self) -> dt.date:
        return self.period.end

    @property
    def levels(self) -> dict[int, int]:
        counts = dict.fromkeys((1, 2, 3), 0)
        for row in self.districts:
            if row.level is not None:
                counts[row.level] += 1
        return counts


def _label(year: int, quarter: int | None) -> str:
    return str(year) if quarter is None else f"{year}-Q{quarter}"


def _whole_year(energy: DistrictEnergy) -> DistrictEnergy:
    """January to the fourth quarter is the whole year: the budget is set per year."""
    periods = {
        name: dataclasses.replace(getattr(energy, name), quarter=None)
        for name in ("current", "previous", "base")
    }
    return dataclasses.replace(energy, **periods)


def _district(
    name: str, body_id: str | None, rows: list[Any], choice: EnergyPeriodChoice, base: int
) -> DistrictBarometer:
    line = DistrictBarometer(body_id, name)
    current = next(r for r in rows if (r.year, r.quarter) == (choice.year, choice.quarter))
    try:
        energy = district_energy(
            name,
            [r.period_only() for r in rows],
            choice.year,
            choice.quarter,
            base,
            current.reduction_target,
            current.gdp_growth_target,
        )
        line.result = pack.run("energy.barometer", energy, choice.end)
        if choice.quarter in (None, 4) and current.gdp_growth_target is not None:
            line.budget = pack.run("energy.budget", _whole_year(energy), choice.end)
    except ParameterExpired:
        raise  # the whole block cannot be computed on this date
    except RulesError as error:
        line.problem = str(error)
    return line


def _barometer(session: Session, results: EnergyResults) -> None:
    choice = results.period
    base = pack.parameters["dual_control.base_year"].period(choice.end).value
    wanted = [_label(y, choice.quarter) for y in (choice.year, choice.year - 1, base)]
    loaded = load(session, "energy", DISTRICT_ENERGY, periods=wanted)
    results.synthetic |= synthetic(session, [item.record for item in loaded])
    by_district: dict[tuple[str | None, str], list[Any]] = defaultdict(list)
    for item in loaded:
        by_district[(item.record.body_id, item.value.district)].append(item.value)
    lines = []
    for (body_id, name), rows in by_district.items():
        if any((r.year, r.quarter) == (choice.year, choice.quarter) for r in rows):
            lines.append(_district(name, body_id, rows, choice, base))
    results.districts = sorted(
        lines,
        key=lambda d: (
            d.level or 9,
            d.result.reduction_vs_previous if d.result else 0.0,
            d.district,
        ),
    )


def _two_high(session: Session, results: EnergyResults) -> None:
    loaded: list[Loaded] = load(session, "energy", TWO_HIGH_PROJECT)
    if not loaded:
        return
    results.synthetic |= synthetic(session, [item.record for item in loaded])
    projects = ProjectList([item.value.project() for item in loaded])
    outcome: TwoHighResult = pack.run("energy.two_high", projects, results.on)
    lines = [
        ProjectLine(item.value, finding)
        for item, finding in zip(loaded, outcome.projects, strict=True)
    ]
    results.two_high = outcome
    results.projects = sorted(
        lines,
        key=lambda p: (
            not p.finding.unapproved_start,
            not p.finding.key_guidance,
            not p.finding.on_list,
            -p.finding.energy_use,
        ),
    )


def _units(session: Session, results: EnergyResults) -> None:
    loaded = load(session, "energy", KEY_UNIT, until=dt.date(results.period.year, 12, 31))
    if not loaded:
        return
    year = max(item.value.year for item in loaded)
    chosen = [item for item in loaded if item.value.year == year]
    results.synthetic |= synthetic(session, [item.record for item in chosen])
    results.unit_year = year
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in chosen:
        groups[item.value.district or NO_DISTRICT].append(item.value.unit())
    rows = []
    for district in sorted(groups):
        registry = UnitRegistry(
            year, groups[district], None if district == NO_DISTRICT else district
        )
        rows.append(UnitCoverage(district, pack.run("energy.key_units", registry, results.on)))
    total = UnitRegistry(year, [u for units in groups.values() for u in units], None)
    rows.append(UnitCoverage("全市", pack.run("energy.key_units", total, results.on)))
    results.units = rows


def _pollutants(session: Session, results: EnergyResults) -> None:
    year = results.period.year
    loaded = load(session, "energy", POLLUTANT_PROJECT, until=dt.date(year, 12, 31))
    if not loaded:
        return
    results.synthetic |= synthetic(session, [item.record for item in loaded])
    reductions = ReductionList(year, [item.value.reduction() for item in loaded])
    results.pollutants = pack.run("energy.pollutants", reductions, results.on)


def energy_results(session: Session, choice: EnergyPeriodChoice) -> EnergyResults:
    """The results of the period ``choice`` (rules run with the parameters valid on its last
    day)."""
    results = EnergyResults(choice)
    for block, attribute in (
        (_barometer, "barometer_error"),
        (_two_high, "two_high_error"),
        (_units, "units_error"),
        (_pollutants, "pollutants_error"),
    ):
        try:
            block(session, results)
        except RulesError as error:
            setattr(results, attribute, str(error))
    return results
