"""Day-to-day obligations: the safety production licence (二、（一）2, 二、（二）2), the "两单两卡"
of key posts (二、（五）4), person-vehicle separation and outsourced work (二、（三）3), safety
liability insurance and safety fees (二、（三）4)."""

from __future__ import annotations

import datetime as dt

from policyledger.packs.mines.clauses import INSURANCE, LICENCE, NO_LICENCE, TRANSPORT, TWO_LISTS
from policyledger.packs.mines.findings import Check, MineFindings, flag, result, scope
from policyledger.packs.mines.inputs import Mine
from policyledger.rules import ParameterView, cite, rule

SAFETY_LAW = cite("《中华人民共和国安全生产法》（2021年修正）", "第五十一条")


@rule(
    "mines.safety_licence",
    zh="生产矿山持有有效的安全生产许可证（不爆破的页岩、型材、砂岩除外）",
    en="Producing mines hold a valid safety production licence (non-blasting shale, "
    "dimension stone and sandstone exempt)",
    cites=[LICENCE, NO_LICENCE],
    parameters=["approval.licence_exempt_minerals"],
)
def safety_licence(mine: Mine, p: ParameterView) -> MineFindings:
    """生产（producing）的露天、地下矿山和尾矿库：安全生产许可证有效期至检查日或以后。
    矿种为 licence_exempt_minerals（页岩、型材、砂岩）之一且不进行爆破作业的，可以不申办
    许可证（not_applicable）；是否爆破未填报时为 unknown。"""
    exempt = p["approval.licence_exempt_minerals"]
    c = Check(mine, "valid_licence", LICENCE, "严格非煤矿山安全生产许可管理")
    out = scope(c, None, ["producing"])
    if out is None and mine.mineral is not None and any(m in mine.mineral for m in exempt):
        c.read("mineral")
        out = c.missing("blasting")
        if out is None and not mine.blasting:
            c.citation = NO_LICENCE
            out = c.not_applicable(f"{mine.mineral}，不进行爆破作业，可以不申办安全生产许可证")
    out = out or c.missing("licence_valid_until")
    if out is None:
        until = mine.licence_valid_until
        out = (
            c.passed(f"许可证有效期至{until}")
            if until >= p.on
            else c.failed(
                f"许可证已于{until}到期",
                "停止生产，依法办理安全生产许可证延期",
                "Stop production and renew the safety production licence",
            )
        )
    return result("mines.safety_licence", mine, [out])


@rule(
    "mines.two_lists_two_cards",
    zh="重点岗位“两单两卡”编制（到2022年年底100%）",
    en="Risk list, duty list, operation card and emergency card for key posts (by end 2022)",
    cites=[TWO_LISTS],
    parameters=["targets.two_lists_deadline", "scope.operating_statuses"],
)
def two_lists_two_cards(mine: Mine, p: ParameterView) -> MineFindings:
    """基建、生产矿山的重点岗位“两单两卡”（岗位风险清单、职责清单、操作卡、应急处置卡）须
    编制完成：期限（2022-12-31）前未完成为 advised，期限当日及以后为 fail。"""
    deadline = dt.date.fromisoformat(p["targets.two_lists_deadline"])
    c = Check(mine, "two_lists_two_cards", TWO_LISTS, "重点岗位“两单两卡”编制率达到100%")
    c.obligation = "target"
    c.note(deadline=deadline.isoformat())
    out = scope(c, None, p["scope.operating_statuses"]) or c.missing("two_lists_two_cards")
    if out is None:
        fix = ("编制重点岗位风险清单、职责清单、操作卡、应急处置卡", "Write the lists and cards")
        if mine.two_lists_two_cards:
            out = c.passed("重点岗位“两单两卡”已编制")
        elif p.on >= deadline:
            out = c.due(f"重点岗位“两单两卡”未编制完成（期限{deadline}）", *fix)
        else:
            out = c.failed(f"重点岗位“两单两卡”未编制完成（期限{deadline}前）", *fix)
    return result("mines.two_lists_two_cards", mine, [out])


@rule(
    "mines.transport_outsourcing",
    zh="车辆运输人车分离；外包工程双领导带班",
    en="Person-vehicle separation; dual leadership on outsourced work",
    cites=[TRANSPORT],
    parameters=["scope.operating_statuses"],
)
def transport_outsourcing(mine: Mine, p: ParameterView) -> MineFindings:
    """基建、生产的露天、地下矿山须人车分离；有外包工程的矿山（含尾矿库）须实行发包单位和
    承包单位双领导带班，无外包工程为 not_applicable。"""
    statuses = p["scope.operating_statuses"]
    c = Check(mine, "person_vehicle_separation", TRANSPORT, "严格人车分离")
    separation = scope(c, ["open_pit", "underground"], statuses) or flag(
        c,
        "person_vehicle_separation",
        True,
        "设置人员专用通道或运输设备，实行人车分离",
        "Separate persons from vehicles",
    )
    c = Check(mine, "dual_leadership", TRANSPORT, "外包工程实行发包单位和承包单位双领导带班制度")
    dual = scope(c, None, statuses) or c.missing("outsourced")
    if dual is None and not mine.outsourced:
        dual = c.not_applicable("无外包工程")
    dual = dual or flag(
        c,
        "dual_leadership",
        True,
        "发包单位和承包单位各派领导带班",
        "Both the client and the contractor must have a leader on shift",
    )
    return result("mines.transport_outsourcing", mine, [separation, dual])


@rule(
    "mines.insurance_fees",
    zh="安全生产责任保险与安全费用提取",
    en="Safety liability insurance and safety fees",
    cites=[INSURANCE, SAFETY_LAW],
    parameters=["scope.operating_statuses"],
)
def insurance_fees(mine: Mine, p: ParameterView) -> MineFindings:
    """基建、生产矿山须投保安全生产责任保险（105号“推行”；矿山属高危行业，安全生产法第五十一条
    要求投保），并按规定提取安全费用。"""
    statuses = p["scope.operating_statuses"]
    c = Check(mine, "safety_insurance", INSURANCE, "推行安全责任保险")
    insurance = scope(c, None, statuses) or flag(
        c,
        "safety_insurance",
        True,
        "投保安全生产责任保险",
        "Take out safety production liability insurance",
    )
    c = Check(mine, "safety_fees", INSURANCE, "按规定提取安全费用")
    fees = scope(c, None, statuses) or flag(
        c, "safety_fees", True, "按规定提取安全费用", "Set aside the safety fees as required"
    )
    return result("mines.insurance_fees", mine, [insurance, fees])
