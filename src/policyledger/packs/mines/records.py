"""The mines pack's data: the kinds of records its templates bring in (see
:mod:`policyledger.packdata`), each over one of the rules' typed rows.

- ``mine``: the registry, one row per mine or tailings pond (:class:`~.inputs.Mine`, key: the
  mine's id);
- ``hazard_check``: one hazard check (:class:`~.ledgers.HazardCheck`, key: mine, level, date);
- ``hazard``: one hazard with its five items, closure and re-inspection
  (:class:`~.ledgers.Hazard`, key: the hazard's id);
- ``district_month``: a district's enforcement in a month (:class:`~.ledgers.DistrictMonth`,
  key: district, year, month).
"""

from __future__ import annotations

import datetime as dt

from policyledger.packdata.kinds import RecordKind
from policyledger.packs.mines.clauses import (
    BLACKLIST,
    CHECKS,
    ENFORCEMENT,
    FIVE_ITEMS,
    GOALS,
    LICENCE,
    PERSONS,
)
from policyledger.packs.mines.inputs import Mine
from policyledger.packs.mines.ledgers import DistrictMonth, Hazard, HazardCheck, month_bounds

_YEARS = (2000.0, 2100.0)
_COUNT = (0.0, None)


def _month_of(day: dt.date) -> tuple[str, dt.date]:
    return f"{day.year}-{day.month:02d}", month_bounds(day.year, day.month)[1]


def _check_period(row: HazardCheck) -> tuple[str, dt.date]:
    return _month_of(row.date)


def _hazard_period(row: Hazard) -> tuple[str, dt.date] | None:
    return _month_of(row.found) if row.found is not None else None


def _district_period(row: DistrictMonth) -> tuple[str, dt.date]:
    return f"{row.year}-{row.month:02d}", month_bounds(row.year, row.month)[1]


def _hazard_checks(row: Hazard) -> list[tuple[str, str]]:
    found = []
    if row.found is not None and row.closed is not None and row.closed < row.found:
        found.append(("closed", "早于发现日期 closed before it was found"))
    if row.closed is not None and row.reinspected is not None and row.reinspected < row.closed:
        found.append(("reinspected", "早于整改完成日期 re-inspected before it was closed"))
    if row.found is not None and row.deadline is not None and row.deadline < row.found:
        found.append(("deadline", "早于发现日期 the deadline is before it was found"))
    return found


def _district_checks(row: DistrictMonth) -> list[tuple[str, str]]:
    found = []
    if (
        row.professional_staff is not None
        and row.enforcement_staff is not None
        and row.professional_staff > row.enforcement_staff
    ):
        found.append(("professional_staff", "大于执法人员总数 more than the enforcement staff"))
    if row.penalties is not None and row.violations is not None and row.penalties > row.violations:
        found.append(("penalties", "大于查处违法违规行为数 more than the violations"))
    return found


MINE = RecordKind(
    name="mine",
    title_zh="非煤矿山（尾矿库）登记表",
    title_en="Registry of non-coal mines and tailings ponds",
    row_type=Mine,
    key=("id",),
    lead=("id", "name", "enterprise", "district"),
    body_field="district",
    bounds={
        "annual_output": (0.0, None),
    },
    cites=(GOALS, LICENCE, PERSONS, BLACKLIST),
    rules=("mines.compliance",),
    instructions=(
        "6. 每座矿山（尾矿库）一行，矿山编号填采矿许可证号或尾矿库编号；同一编号再次导入即为更正。",
        "7. 类型、状态、规模等填英文代码（见列标题）；未掌握的事实留空，"
        "相关检查项将显示为“未知”，不会按合格处理。",
    ),
)

HAZARD_CHECK = RecordKind(
    name="hazard_check",
    title_zh="隐患排查记录（班组长日、矿长周、主要负责人月排查）",
    title_en="Hazard checks (team leader daily, mine manager weekly, principal monthly)",
    row_type=HazardCheck,
    key=("mine", "level", "date"),
    period=_check_period,
    cites=(CHECKS,),
    rules=("mines.check_lapses",),
    instructions=("6. 每次排查一行：矿山编号、排查层级、排查日期。",),
)

HAZARD = RecordKind(
    name="hazard",
    title_zh="隐患台账（含“五落实”、整改和复查）",
    title_en="Hazard ledger (five items, closure, re-inspection)",
    row_type=Hazard,
    key=("id",),
    lead=("id", "mine", "grade", "found"),
    period=_hazard_period,
    bounds={"funds": (0.0, None)},
    check=_hazard_checks,
    cites=(FIVE_ITEMS,),
    rules=("mines.hazard_ledger",),
    instructions=(
        "6. 每条隐患一行；整改完成或复查后用同一隐患编号再次导入即为更新。",
        "7. 重大隐患须填齐责任、措施、资金、时限和预案（“五落实”）。",
    ),
)

DISTRICT_MONTH = RecordKind(
    name="district_month",
    title_zh="区县非煤矿山安全监管执法月度情况",
    title_en="Districts' monthly mine-safety enforcement",
    row_type=DistrictMonth,
    key=("district", "year", "month"),
    body_field="district",
    period=_district_period,
    bounds={
        "year": _YEARS,
        "month": (1, 12),
        "inspections_planned": _COUNT,
        "inspections_done": _COUNT,
        "mines_inspected": _COUNT,
        "violations": _COUNT,
        "penalties": _COUNT,
        "rectifications_reviewed": _COUNT,
        "enforcement_staff": _COUNT,
        "professional_staff": _COUNT,
    },
    check=_district_checks,
    cites=(ENFORCEMENT,),
    rules=("mines.district_month", "mines.district_ranking"),
    instructions=("6. 每个区县每月一行。",),
)

KINDS = (MINE, HAZARD_CHECK, HAZARD, DISTRICT_MONTH)
