"""Tailings ponds (二、（四）3): online monitoring of ponds in use and the closure priorities;
and the exit of manganese mining from 秀山、城口、酉阳 (二、（六）1)."""

from __future__ import annotations

import datetime as dt

from policyledger.packs.mines.clauses import MANGANESE, TAILINGS_CLOSURE, TAILINGS_MONITORING
from policyledger.packs.mines.findings import Check, MineFindings, flag, result, scope
from policyledger.packs.mines.inputs import Mine, district_name
from policyledger.rules import ParameterView, rule


@rule(
    "mines.tailings_monitoring",
    zh="运行尾矿库在线监测",
    en="Tailings ponds in use: online monitoring",
    cites=[TAILINGS_MONITORING],
    parameters=["tailings.monitoring_statuses"],
)
def tailings_monitoring(mine: Mine, p: ParameterView) -> MineFindings:
    """运行（参数 monitoring_statuses，默认 producing）的尾矿库须在线监测。"""
    c = Check(
        mine, "tailings_online_monitoring", TAILINGS_MONITORING, "运行尾矿库在线监测率达到100%"
    )
    out = scope(c, ["tailings_pond"], p["tailings.monitoring_statuses"]) or flag(
        c,
        "tailings_online_monitoring",
        True,
        "建设尾矿库在线监测系统并接入监管平台",
        "Put the tailings pond on online monitoring",
    )
    return result("mines.tailings_monitoring", mine, [out])


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@rule(
    "mines.tailings_closure",
    zh="锰矿关闭企业、“头顶库”、到最终标高或不再排尾、停用超3年、无主尾矿库闭库销号",
    en="Tailings ponds to close out: closed manganese enterprises, ponds above homes, at final "
    "height or no longer used, idle over 3 years, without an operator",
    cites=[TAILINGS_CLOSURE],
    parameters=["tailings.idle_years"],
)
def tailings_closure(mine: Mine, p: ParameterView) -> MineFindings:
    """尾矿库属下列之一的，是闭库销号的重点推动对象：锰矿关闭企业的、“头顶库”、已运行到设计
    最终标高或不再排尾的、停用时间 > 3年（“超过”不含3年：停用日加3年的次日起）的、没有生产
    经营主体的。已闭库销号为 pass；属重点对象而未闭库销号为 advised（“重点推动”是工作要求，
    不是禁止性规定）；都不属于为 not_applicable。停用日期留空表示在用，但状态为停产时
    须填写。"""
    idle_years = p["tailings.idle_years"]
    c = Check(
        mine,
        "closure_priority",
        TAILINGS_CLOSURE,
        "重点推动锰矿关闭企业、“头顶库”、到最终标高或不再排尾、停用超过3年、无生产经营主体的"
        "尾矿库闭库销号",
        "manganese_closed",
        "head_top",
        "final_elevation",
        "idle_since",
        "has_operator",
        "closed_out",
        obligation="target",
    )
    c.note(idle_years_threshold=idle_years)
    out = scope(c, ["tailings_pond"])
    if out is None and mine.closed_out:
        out = c.passed("已闭库销号")
    if out is None:
        idle: bool | None
        if mine.idle_since is not None:
            idle = p.on > years_after(mine.idle_since, idle_years)
        else:
            idle = None if mine.status in (None, "suspended") else False
        no_operator = None if mine.has_operator is None else not mine.has_operator
        reasons = {
            "锰矿关闭企业": mine.manganese_closed,
            "“头顶库”": mine.head_top,
            "已运行到设计最终标高或不再排尾": mine.final_elevation,
            f"停用超过{idle_years}年": idle,
            "没有生产经营主体": no_operator,
        }
        hits = [name for name, value in reasons.items() if value]
        if hits and mine.closed_out is False:
            out = c.failed(
                "属闭库销号重点对象（" + "、".join(hits) + "），尚未闭库销号",
                "制定闭库方案，实施闭库并办理销号",
                "Plan the closure, close the pond and have it written off",
            )
        elif hits:
            out = c.unknown("closed_out")
        elif all(v is False for v in reasons.values()):
            out = c.not_applicable("不属于闭库销号重点对象")
        else:
            facts = {
                "manganese_closed": mine.manganese_closed,
                "head_top": mine.head_top,
                "final_elevation": mine.final_elevation,
                "idle_since": idle,
                "has_operator": mine.has_operator,
            }
            out = c.unknown(*[f for f, v in facts.items() if v is None])
    return result("mines.tailings_closure", mine, [out])


@rule(
    "mines.manganese_exit",
    zh="秀山、城口、酉阳锰矿整体淘汰退出",
    en="Manganese mining in Xiushan, Chengkou and Youyang phased out",
    cites=[MANGANESE],
    parameters=["tailings.manganese_districts"],
)
def manganese_exit(mine: Mine, p: ParameterView) -> MineFindings:
    """所在区县属 manganese_districts（秀山、城口、酉阳）且矿种含“锰”的露天、地下矿山，须
    关闭（status closed）；未关闭为 fail。区县名按机构名录归一（秀山县 = 秀山土家族苗族自治县）。"""
    districts = [district_name(d) for d in p["tailings.manganese_districts"]]
    c = Check(mine, "manganese_exit", MANGANESE, "整体淘汰退出秀山县、城口县、酉阳县等县锰矿")
    out = scope(c, ["open_pit", "underground"]) or c.missing("mineral")
    if out is None and "锰" not in mine.mineral:
        out = c.not_applicable(f"矿种为{mine.mineral}")
    out = out or c.missing("district")
    if out is None and district_name(mine.district) not in districts:
        out = c.not_applicable(f"{mine.district}不在锰矿整体退出区县之列")
    out = out or c.missing("status")
    if out is None:
        out = (
            c.passed(f"{mine.district}锰矿已关闭")
            if mine.status == "closed"
            else c.failed(
                f"{mine.district}锰矿仍未关闭退出",
                "按整体淘汰退出要求关闭矿山，注销采矿许可",
                "Close the manganese mine and cancel its licences",
            )
        )
    return result("mines.manganese_exit", mine, [out])
