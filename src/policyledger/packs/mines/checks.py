"""``mines.check_lapses``: the days, weeks and months in a date range that lack the hazard
check (日周月排查) their cadence requires.

Cadences (二、（五）2): at most mines the team leader checks daily, the mine manager weekly and
the principal monthly; at small mines with a single management level, the team leader *or* the
mine manager daily and the principal weekly. A day, ISO week (Monday to Sunday) or calendar
month is judged once it has ended by the end of the range; a check anywhere in it counts, even
before the start of the range. Days given as idle (the mine did not work) need no check, and a
week or month all of whose days are idle needs none either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

from policyledger.packs.mines.clauses import CHECKS, PRINCIPAL_CHECK
from policyledger.packs.mines.findings import Status
from policyledger.packs.mines.ledgers import LEVEL_ZH, CheckLedger, month_bounds
from policyledger.rules import ParameterView, RuleInputError, label, rule

Cadence = Literal["daily", "weekly", "monthly"]
_CADENCE_ZH = {"daily": "日", "weekly": "周", "monthly": "月"}
_MAX_DAYS = 800


@dataclass(frozen=True)
class LevelLapses:
    """One cadence requirement and the periods that lack a check."""

    levels: Annotated[list[str], label("可完成排查的层级")]
    cadence: Annotated[Cadence, label("周期（daily/weekly/monthly）")]
    periods_due: Annotated[int, label("应排查周期数")]
    periods_checked: Annotated[int, label("已排查周期数")]
    lapses: Annotated[list[str], label("缺少排查的周期")]


@dataclass(frozen=True)
class CheckLapses:
    mine: Annotated[str, label("矿山编号")]
    mine_name: Annotated[str, label("矿山名称")]
    district: Annotated[str | None, label("区县")]
    blacklisted: Annotated[bool | None, label("列入“黑名单”")]
    regime: Annotated[
        Literal["standard", "small_single", "unknown"],
        label("排查机制（standard 一般/small_single 规模小且层级单一/unknown）"),
    ]
    status: Annotated[Status, label("结论")]
    clause: Annotated[str, label("条款")]
    reason: Annotated[str, label("理由")]
    requirements: Annotated[list[LevelLapses], label("各层级排查")]
    fix_zh: Annotated[str, label("整改建议")] = ""
    fix_en: Annotated[str, label("What would fix it")] = ""


def _periods(cadence: str, start: dt.date, end: dt.date) -> Iterator[tuple[str, dt.date, dt.date]]:
    """(label, first day, last day) of each period of ``cadence`` that ends in [start, end]."""
    if cadence == "daily":
        day = start
        while day <= end:
            yield day.isoformat(), day, day
            day += dt.timedelta(days=1)
    elif cadence == "weekly":
        monday = start - dt.timedelta(days=start.weekday())
        while (sunday := monday + dt.timedelta(days=6)) <= end:
            if sunday >= start:
                year, week, _ = monday.isocalendar()
                shown = f"{year}-W{week:02d}（{monday:%m-%d}—{sunday:%m-%d}）"
                yield shown, monday, sunday
            monday += dt.timedelta(days=7)
    else:
        year, month = start.year, start.month
        while True:
            first, last = month_bounds(year, month)
            if last > end:
                return
            if last >= start:
                yield f"{year}-{month:02d}", first, last
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _requirement(
    levels: list[str], cadence: str, ledger: CheckLedger, idle: set[dt.date]
) -> LevelLapses:
    dates = sorted(c.date for c in ledger.checks if c.mine == ledger.mine.id and c.level in levels)
    due = checked = 0
    lapses = []
    for shown, first, last in _periods(cadence, ledger.start, ledger.end):
        span = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        if all(day in idle for day in span):
            continue
        due += 1
        if any(first <= d <= last for d in dates):
            checked += 1
        else:
            lapses.append(shown)
    return LevelLapses(list(levels), cadence, due, checked, lapses)  # type: ignore[arg-type]


@rule(
    "mines.check_lapses",
    zh="日周月隐患排查缺漏（班组长日、矿长周、主要负责人月；规模小且层级单一的日、周）",
    en="Lapses in daily, weekly and monthly hazard checks",
    cites=[CHECKS, PRINCIPAL_CHECK],
    parameters=[
        "checks.standard_cadence",
        "checks.small_cadence",
        "checks.small_size_classes",
        "checks.statuses",
    ],
)
def check_lapses(inputs: CheckLedger, p: ParameterView) -> CheckLapses:
    """区间 [start, end] 内按周期找出缺少排查的日、周（ISO周，周一至周日）、月：

    一般矿山（standard）：班组长每日、矿长每周、主要负责人每月各至少1次；
    规模小（size_class 属 small_size_classes）且管理层级单一的矿山（small_single）：班组长或
    矿长每日至少1次，主要负责人每周至少1次。
    周、月在区间内结束的才判断，其中任一天有排查即算；不作业日不要求日排查，全部不作业的
    周、月不要求排查。规模或管理层级未填报时机制未知（unknown）：只列两种机制下都缺的
    （当日既无班组长也无矿长排查；当月无主要负责人排查）。状态不属 statuses（基建、生产）
    的矿山为 not_applicable；有缺漏为 fail。"""
    mine = inputs.mine
    if inputs.start > inputs.end:
        raise RuleInputError(f"start {inputs.start} is after end {inputs.end}")
    if (inputs.end - inputs.start).days > _MAX_DAYS:
        raise RuleInputError(
            f"the range {inputs.start}—{inputs.end} is longer than {_MAX_DAYS} days"
        )
    idle = set(inputs.idle_days)
    small = p["checks.small_size_classes"]
    not_small = mine.size_class is not None and mine.size_class not in small
    if not_small or mine.single_management_level is False:
        regime = "standard"
    elif mine.size_class is None or mine.single_management_level is None:
        regime = "unknown"
    else:
        regime = "small_single"
    everyone = ["team_leader", "mine_manager"]
    if regime == "standard":
        cadences = p["checks.standard_cadence"]
        plan = [(["team_leader"], cadences[0]), (["mine_manager"], cadences[1])]
        plan.append((["principal"], cadences[2]))
    elif regime == "small_single":
        cadences = p["checks.small_cadence"]
        plan = [(everyone, cadences[0]), (["principal"], cadences[1])]
    else:
        plan = [(everyone, "daily"), (["principal"], "monthly")]
    requirements = [_requirement(levels, cadence, inputs, idle) for levels, cadence in plan]
    base = dict(
        mine=mine.id,
        mine_name=mine.name,
        district=mine.district,
        blacklisted=mine.blacklisted,
        regime=regime,
        clause=CHECKS.cite(),
        requirements=requirements,
    )
    if mine.status is not None and mine.status not in p["checks.statuses"]:
        reason = f"矿山状态{mine.status}不要求日周月排查"
        return CheckLapses(status="not_applicable", reason=reason, **base)
    missing = [
        "或".join(LEVEL_ZH[x] for x in r.levels)
        + f"{_CADENCE_ZH[r.cadence]}排查缺{len(r.lapses)}个周期"
        for r in requirements
        if r.lapses
    ]
    if missing:
        status: Status = "unknown" if mine.status is None else "fail"
        if regime == "unknown":
            missing.append("（机制未知，只列两种机制下都缺的）")
        return CheckLapses(
            status=status,
            reason="；".join(missing),
            fix_zh="按“日周月”机制补齐排查并签字备查",
            fix_en="Carry out and sign the missing daily, weekly and monthly checks",
            **base,
        )
    if regime == "unknown" or mine.status is None:
        absent = [
            name
            for name, value in (
                ("size_class", mine.size_class),
                ("single_management_level", mine.single_management_level),
                ("status", mine.status),
            )
            if value is None
        ]
        return CheckLapses(
            status="unknown",
            reason="未填报：" + "、".join(absent) + "，无法确定排查机制或是否要求排查",
            fix_zh="补充填报规模类型、管理层级和状态",
            fix_en="Report " + ", ".join(absent),
            **base,
        )
    return CheckLapses(status="pass", reason="各层级排查无缺漏", **base)
