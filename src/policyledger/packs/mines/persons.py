"""Responsible persons (二、（一）3) and the management structure (二、（五）3, 一、（二）): time on
site of the principal, the actual controller and the chief engineer; the two organizations,
the five mine managers and the chief engineer."""

from __future__ import annotations

import datetime as dt

from policyledger.packs.mines.clauses import CHIEF_ENGINEER_GOAL, PERSONS, STRUCTURE
from policyledger.packs.mines.findings import (
    Check,
    Finding,
    MineFindings,
    flag,
    result,
    scope,
)
from policyledger.packs.mines.inputs import Mine
from policyledger.rules import ParameterView, RuleInputError, rule


def _at_least(c: Check, fact: str, least: int, unit: str, fix: tuple[str, str]) -> Finding:
    """``fact`` ≥ ``least`` (不得少于 includes the number)."""
    found = c.missing(fact)
    if found is not None:
        return found
    value = getattr(c.mine, fact)
    if value < 0 or value > 31:
        raise RuleInputError(f"{fact}: {value} is not a number of days or times in a month")
    c.note(threshold=least)
    if value >= least:
        return c.passed(f"当月{value}{unit} ≥ {least}{unit}")
    return c.failed(f"当月{value}{unit} < {least}{unit}", *fix)


@rule(
    "mines.responsible_presence",
    zh="主要负责人带班下井、实际控制人现场履职与会议、总工程师在岗天数",
    en="Principal underground, actual controller on site and meeting, chief engineer on duty",
    cites=[PERSONS],
    parameters=[
        "persons.principal_underground_days",
        "persons.controller_onsite_days",
        "persons.controller_meetings",
        "persons.chief_engineer_days",
        "scope.operating_statuses",
    ],
)
def responsible_presence(mine: Mine, p: ParameterView) -> MineFindings:
    """基建、生产矿山上一个完整月份的履职情况（“不得少于”“不少于”含本数）：

    主要负责人带班下井 ≥ 5个工作日（仅地下矿山）；实际控制人在生产现场履职 ≥ 10个工作日，
    且研究解决安全生产重大问题并形成会议纪要 ≥ 1次（所有矿山）；总工程师在矿在岗履职
    ≥ 15个工作日（所有矿山；已填报未配备总工程师的为 not_applicable，配备要求见
    mines.management_structure）。天数须在0至31之间。"""
    statuses = p["scope.operating_statuses"]
    findings = []
    c = Check(
        mine, "principal_underground", PERSONS, "地下矿山主要负责人每月带班下井不得少于5个工作日"
    )
    findings.append(
        scope(c, ["underground"], statuses)
        or _at_least(
            c,
            "principal_underground_days",
            p["persons.principal_underground_days"],
            "个工作日",
            ("主要负责人按规定带班下井并记录", "The principal must lead shifts underground"),
        )
    )
    c = Check(
        mine,
        "controller_on_site",
        PERSONS,
        "实际控制人每月在生产现场履行安全职责不得少于10个工作日",
    )
    findings.append(
        scope(c, None, statuses)
        or _at_least(
            c,
            "controller_onsite_days",
            p["persons.controller_onsite_days"],
            "个工作日",
            ("实际控制人到生产现场履行安全职责", "The actual controller must be on site"),
        )
    )
    c = Check(
        mine,
        "controller_meeting",
        PERSONS,
        "实际控制人每月研究解决1次安全生产重大问题并形成会议纪要",
    )
    findings.append(
        scope(c, None, statuses)
        or _at_least(
            c,
            "controller_meetings",
            p["persons.controller_meetings"],
            "次",
            ("召开会议研究安全生产重大问题并形成纪要", "Hold the monthly meeting with minutes"),
        )
    )
    c = Check(
        mine, "chief_engineer_on_duty", PERSONS, "总工程师在矿在岗履职时间每月不少于15个工作日"
    )
    out = scope(c, None, statuses)
    if out is None and mine.has_chief_engineer is False:
        c.read("has_chief_engineer")
        out = c.not_applicable("未配备总工程师（配备要求见 mines.management_structure）")
    findings.append(
        out
        or _at_least(
            c,
            "chief_engineer_days",
            p["persons.chief_engineer_days"],
            "个工作日",
            ("总工程师在矿在岗履职", "The chief engineer must be at the mine"),
        )
    )
    return result("mines.responsible_presence", mine, findings)


@rule(
    "mines.management_structure",
    zh="“两套机构”“五职矿长”与总工程师配备",
    en="Two organizations, five mine managers and a chief engineer",
    cites=[STRUCTURE, CHIEF_ENGINEER_GOAL],
    parameters=["scope.operating_statuses", "targets.deadline"],
)
def management_structure(mine: Mine, p: ParameterView) -> MineFindings:
    """基建、生产矿山：

    两套机构（安全生产管理、生产技术管理）：地下矿山、尾矿库、大型露天矿山须建立（中小型
    露天矿山 not_applicable）；五职矿长（矿长、总工程师、分管安全、生产、机电）：地下矿山须
    配齐；总工程师：地下矿山现在就须配备（五职矿长之一）；其他矿山是到2025年总工程师配备
    100%的目标——期限（targets.deadline）前未配备为 advised，期限当日及以后为 fail。"""
    statuses = p["scope.operating_statuses"]
    deadline = dt.date.fromisoformat(p["targets.deadline"])
    c = Check(mine, "two_organizations", STRUCTURE, "建立安全生产管理和生产技术管理“两套机构”")
    two = scope(c, None, statuses)
    if two is None and mine.type == "open_pit":
        two = c.missing("size_class")
        if two is None and mine.size_class != "large":
            two = c.not_applicable("中小型露天矿山不要求“两套机构”")
    two = two or flag(
        c,
        "two_organizations",
        True,
        "建立安全生产管理和生产技术管理两套机构",
        "Set up separate safety-management and technical-management organizations",
    )
    c = Check(
        mine,
        "five_posts",
        STRUCTURE,
        "地下矿山配备矿长、总工程师和分管安全、生产、机电等“五职矿长”",
    )
    five = scope(c, ["underground"], statuses) or flag(
        c,
        "five_posts",
        True,
        "配齐矿长、总工程师和分管安全、生产、机电的副矿长",
        "Appoint the mine manager, chief engineer and deputies for safety, production, "
        "mechanical and electrical work",
    )
    underground = mine.type == "underground"
    c = Check(
        mine,
        "chief_engineer",
        STRUCTURE if underground else CHIEF_ENGINEER_GOAL,
        "配备总工程师",
        obligation="required" if underground else "target",
    )
    chief = scope(c, None, statuses) or c.missing("has_chief_engineer")
    if chief is None:
        fix = ("配备具有相应资格的总工程师", "Appoint a qualified chief engineer")
        if mine.has_chief_engineer:
            chief = c.passed("已配备总工程师")
        elif underground or p.on >= deadline:
            c.note(deadline=deadline.isoformat())
            chief = c.due("未配备总工程师", *fix)
        else:
            c.note(deadline=deadline.isoformat())
            chief = c.failed(f"未配备总工程师（目标期限{deadline}）", *fix)
    return result("mines.management_structure", mine, [two, five, chief])
