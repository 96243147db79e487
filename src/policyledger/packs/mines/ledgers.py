"""Records kept over time: hazard checks (日周月排查), hazards (隐患) and a district's monthly
enforcement facts; and the inputs of the rules that read them.

A :class:`HazardCheck` is one check done by a team leader, a mine manager or the principal; a
:class:`Hazard` one hazard found, with the five items (五落实: responsibility, measures, funds,
deadline, contingency plan), its closure and re-inspection; a :class:`DistrictMonth` what a
district's enforcement did in a month. Every fact but the identifiers may be left empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from policyledger.packs.mines.inputs import Mine
from policyledger.rules import label

CheckLevel = Literal["team_leader", "mine_manager", "principal"]
HazardGrade = Literal["ordinary", "major"]
LEVEL_ZH = {"team_leader": "班组长", "mine_manager": "矿长", "principal": "主要负责人"}
GRADE_ZH = {"ordinary": "一般隐患", "major": "重大隐患"}


@dataclass(frozen=True)
class HazardCheck:
    """One hazard check (隐患排查) of a mine."""

    mine: Annotated[str, label("矿山编号")]
    level: Annotated[
        CheckLevel,
        label("排查层级（team_leader 班组长日/mine_manager 矿长周/principal 主要负责人月）"),
    ]
    date: Annotated[dt.date, label("排查日期")]
    by: Annotated[str | None, label("排查人")] = None


@dataclass(frozen=True)
class Hazard:
    """One hazard found at a mine, with its five items, closure and re-inspection."""

    id: Annotated[str, label("隐患编号")]
    mine: Annotated[str, label("矿山编号")]
    grade: Annotated[HazardGrade | None, label("隐患等级（ordinary 一般/major 重大）")] = None
    found: Annotated[dt.date | None, label("发现日期")] = None
    description: Annotated[str | None, label("隐患描述")] = None
    responsible: Annotated[str | None, label("整改责任人（责任落实）")] = None
    measures: Annotated[str | None, label("整改措施（措施落实）")] = None
    funds: Annotated[float | None, label("整改资金（资金落实）", "万元", note="须大于0")] = None
    deadline: Annotated[dt.date | None, label("整改时限（时限落实）")] = None
    contingency_plan: Annotated[str | None, label("应急预案（预案落实）")] = None
    closed: Annotated[dt.date | None, label("整改完成日期")] = None
    reinspected: Annotated[dt.date | None, label("复查验收日期")] = None


@dataclass(frozen=True)
class CheckLedger:
    """A mine's hazard checks over a date range (the range is judged; checks outside it still
    count for a week or month that overlaps it)."""

    mine: Annotated[Mine, label("矿山")]
    start: Annotated[dt.date, label("起始日期")]
    end: Annotated[dt.date, label("截止日期")]
    checks: Annotated[list[HazardCheck], label("排查记录")] = field(default_factory=list)
    idle_days: Annotated[list[dt.date], label("不作业日期（停产、放假）")] = field(
        default_factory=list
    )


@dataclass(frozen=True)
class HazardLedger:
    """Hazards as they stand on the check date; ``mines`` (optional) name their mines and
    districts and mark blacklisted enterprises."""

    hazards: Annotated[list[Hazard], label("隐患")] = field(default_factory=list)
    mines: Annotated[list[Mine], label("矿山")] = field(default_factory=list)


@dataclass(frozen=True)
class DistrictMonth:
    """What a district's mine-safety enforcement did in a month (月排名的执法情况)."""

    district: Annotated[str, label("区县")]
    year: Annotated[int, label("年份")]
    month: Annotated[int, label("月份")]
    key_district: Annotated[bool | None, label("重点区县")] = None
    inspections_planned: Annotated[int | None, label("本月计划执法检查", "次")] = None
    inspections_done: Annotated[int | None, label("本月实际执法检查", "次")] = None
    mines_inspected: Annotated[int | None, label("本月检查覆盖矿山", "座")] = None
    violations: Annotated[int | None, label("查处违法违规行为", "起")] = None
    penalties: Annotated[int | None, label("行政处罚", "起")] = None
    rectifications_reviewed: Annotated[int | None, label("完成整改复查", "起")] = None
    enforcement_staff: Annotated[int | None, label("非煤矿山监管执法人员", "人")] = None
    professional_staff: Annotated[int | None, label("其中专业执法人员", "人")] = None


@dataclass(frozen=True)
class DistrictMonthInput:
    """A district's month: its enforcement facts, the registry and the hazard ledger (mines
    of other districts and their hazards are ignored)."""

    facts: Annotated[DistrictMonth, label("执法情况")]
    mines: Annotated[list[Mine], label("矿山")] = field(default_factory=list)
    hazards: Annotated[list[Hazard], label("隐患")] = field(default_factory=list)


@dataclass(frozen=True)
class RankingInput:
    """The districts to rank for a month (重点区县), with the registry and the hazard ledger."""

    year: Annotated[int, label("年份")]
    month: Annotated[int, label("月份")]
    districts: Annotated[list[DistrictMonth], label("各区县执法情况")] = field(default_factory=list)
    mines: Annotated[list[Mine], label("矿山")] = field(default_factory=list)
    hazards: Annotated[list[Hazard], label("隐患")] = field(default_factory=list)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)
