"""``mines.hazard_ledger``: each hazard as it stands on the check date — the five items
(五落实), overdue, closed without re-inspection, and the escalation of overdue major hazards.

A hazard found after the check date is left out (it did not exist yet); a closure or
re-inspection dated after the check date has not happened yet on that date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from policyledger.packs.mines.clauses import ESCALATION, FIVE_ITEMS, MAJOR_HAZARDS
from policyledger.packs.mines.findings import Status
from policyledger.packs.mines.inputs import Mine
from policyledger.packs.mines.ledgers import Hazard, HazardLedger
from policyledger.rules import ParameterView, RuleInputError, label, rule

FIVE = (
    ("responsible", "责任"),
    ("measures", "措施"),
    ("funds", "资金"),
    ("deadline", "时限"),
    ("contingency_plan", "预案"),
)


@dataclass(frozen=True)
class HazardState:
    id: Annotated[str, label("隐患编号")]
    mine: Annotated[str, label("矿山编号")]
    mine_name: Annotated[str | None, label("矿山名称")]
    district: Annotated[str | None, label("区县")]
    blacklisted: Annotated[bool | None, label("企业列入“黑名单”")]
    grade: Annotated[str | None, label("隐患等级")]
    deadline: Annotated[dt.date | None, label("整改时限")]
    open: Annotated[bool, label("未整改完成")]
    five_items_required: Annotated[bool | None, label("须“五落实”")]
    five_items_missing: Annotated[list[str], label("未落实的项")]
    overdue: Annotated[bool | None, label("逾期未整改")]
    days_overdue: Annotated[int | None, label("逾期天数", "天")]
    closed_late: Annotated[bool | None, label("逾期后整改完成")]
    awaiting_reinspection: Annotated[bool, label("已整改未复查")]
    escalation_level: Annotated[int | None, label("督办等级（0为未升级）")]
    escalation: Annotated[str, label("督办措施")]
    status: Annotated[Status, label("结论")]
    problems: Annotated[list[str], label("问题")]


@dataclass(frozen=True)
class HazardLedgerResult:
    on: Annotated[dt.date, label("检查日期")]
    hazards: Annotated[list[HazardState], label("隐患")]
    open: Annotated[int, label("未整改隐患数")]
    overdue: Annotated[int, label("逾期未整改隐患数")]
    major_overdue: Annotated[int, label("逾期未整改重大隐患数")]
    escalated: Annotated[int, label("升级督办隐患数")]
    five_items_incomplete: Annotated[int, label("“五落实”不全的隐患数")]
    awaiting_reinspection: Annotated[int, label("已整改未复查隐患数")]
    clauses: Annotated[list[str], label("条款")]


def _at(day: dt.date | None, on: dt.date) -> dt.date | None:
    """``day`` if it has happened by ``on``."""
    return day if day is not None and day <= on else None


def hazard_state(
    h: Hazard, index: int, on: dt.date, p: ParameterView, mine: Mine | None
) -> HazardState:
    """The state of one hazard on ``on`` (``mine``: its registry row, if known)."""
    if h.funds is not None and h.funds < 0:
        raise RuleInputError(f"hazards[{index}].funds: {h.funds} is negative")
    if h.closed and h.reinspected and h.reinspected < h.closed:
        raise RuleInputError(
            f"hazards[{index}] ({h.id}): re-inspected {h.reinspected} before closed {h.closed}"
        )
    if h.found and h.closed and h.closed < h.found:
        raise RuleInputError(f"hazards[{index}] ({h.id}): closed {h.closed} before found {h.found}")
    closed, reinspected = _at(h.closed, on), _at(h.reinspected, on)
    problems: list[str] = []
    unknown = False
    grade = h.grade
    five_grades = p["hazards.five_items_grades"]
    required = None if grade is None else grade in five_grades
    missing = [
        name for fact, name in FIVE if getattr(h, fact) is None or (fact == "funds" and not h.funds)
    ]
    if missing and required:
        problems.append("“五落实”不全：缺" + "、".join(missing))
    elif missing and required is None:
        unknown = True
    overdue: bool | None = None
    days = None
    if closed is None and h.deadline is not None:
        overdue = h.deadline < on
        days = (on - h.deadline).days if overdue else 0
        if overdue:
            problems.append(f"逾期{days}天未整改（时限{h.deadline}）")
    elif closed is not None:
        overdue = False
    else:
        unknown = True
    closed_late = None
    if closed is not None and h.deadline is not None:
        closed_late = closed > h.deadline
        if closed_late:
            problems.append(f"逾期整改（时限{h.deadline}，{closed}完成）")
    awaiting = closed is not None and reinspected is None
    if awaiting:
        problems.append(f"{closed}整改完成，未复查验收")
    level: int | None = 0
    escalation = ""
    if overdue:
        if grade is None:
            level = None
            unknown = True
        elif grade in p["hazards.escalate_grades"]:
            level = sum(days >= d for d in p["hazards.escalation_days"])
            if level:
                escalation = p["hazards.escalation_labels"][level - 1]
                problems.append(f"升级督办：{escalation}")
    status: Status = "fail" if problems else ("unknown" if unknown else "pass")
    return HazardState(
        id=h.id,
        mine=h.mine,
        mine_name=None if mine is None else mine.name,
        district=None if mine is None else mine.district,
        blacklisted=None if mine is None else mine.blacklisted,
        grade=grade,
        deadline=h.deadline,
        open=closed is None,
        five_items_required=required,
        five_items_missing=missing,
        overdue=overdue,
        days_overdue=days,
        closed_late=closed_late,
        awaiting_reinspection=awaiting,
        escalation_level=level,
        escalation=escalation,
        status=status,
        problems=problems,
    )


@rule(
    "mines.hazard_ledger",
    zh="隐患台账：“五落实”、逾期、未复查与重大隐患升级督办",
    en="Hazard ledger: five items, overdue, closed without re-inspection, escalation",
    cites=[FIVE_ITEMS, MAJOR_HAZARDS, ESCALATION],
    parameters=[
        "hazards.five_items_grades",
        "hazards.escalate_grades",
        "hazards.escalation_days",
        "hazards.escalation_labels",
    ],
)
def hazard_ledger(inputs: HazardLedger, p: ParameterView) -> HazardLedgerResult:
    """每条隐患在检查日的状态：

    五落实：等级属 five_items_grades（默认重大隐患）的，责任人、措施、资金（> 0万元）、时限、
    预案须齐全；等级未填而有缺项为 unknown。
    逾期：未整改完成且检查日晚于整改时限（时限当日不算逾期），逾期天数 = 检查日 − 时限；
    整改完成晚于时限为“逾期整改”。整改完成而未复查验收的列为问题。
    升级督办：逾期的、等级属 escalate_grades（重大隐患）的，逾期天数 ≥ escalation_days 的
    第 n 个值即第 n 级（默认 1/15/30 天：警示提醒、挂牌督办、警示约谈）。
    有问题为 fail，缺少判断所需事实为 unknown，否则 pass。"""
    on = p.on
    mines = {m.id: m for m in inputs.mines}
    states = [
        hazard_state(h, i, on, p, mines.get(h.mine))
        for i, h in enumerate(inputs.hazards)
        if h.found is None or h.found <= on
    ]
    return HazardLedgerResult(
        on=on,
        hazards=states,
        open=sum(s.open for s in states),
        overdue=sum(bool(s.overdue) for s in states),
        major_overdue=sum(bool(s.overdue) and s.grade == "major" for s in states),
        escalated=sum(bool(s.escalation_level) for s in states),
        five_items_incomplete=sum(
            bool(s.five_items_required and s.five_items_missing) for s in states
        ),
        awaiting_reinspection=sum(s.awaiting_reinspection for s in states),
        clauses=[c.cite() for c in (FIVE_ITEMS, MAJOR_HAZARDS, ESCALATION)],
    )
