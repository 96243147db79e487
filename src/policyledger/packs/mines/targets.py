"""The 2025 targets as they apply to one mine (二、（六）2–4): mechanization of the main
operations, safety standardization of at least 三级, safety-management information system and
video monitoring. Before the deadline a mine that falls short is ``advised``; from the
deadline (``targets.deadline``, 2025-12-31) on it fails. The district rates against the same
targets are in :mod:`.district`."""

from __future__ import annotations

import datetime as dt

from policyledger.packs.mines.clauses import INFORMATIZATION, MECHANIZATION, STANDARDIZATION
from policyledger.packs.mines.findings import SIZE_ZH, Check, Finding, MineFindings, result, scope
from policyledger.packs.mines.inputs import Mine, mechanized
from policyledger.rules import ParameterView, rule

GRADED = ("一级", "二级", "三级")


def _short(c: Check, on: dt.date, deadline: dt.date, reason: str, fix: tuple[str, str]) -> Finding:
    c.note(deadline=deadline.isoformat())
    if on >= deadline:
        return c.due(f"{reason}（期限{deadline}已到）", *fix)
    return c.failed(f"{reason}（目标期限{deadline}）", *fix)


def mechanization_applies(mine: Mine, scope_value: str) -> bool | None:
    """Whether the mechanization target applies to ``mine`` by size (None: size unknown)."""
    if scope_value == "all":
        return True
    if mine.size_class is None:
        return None
    return mine.size_class in ("large", "medium")


@rule(
    "mines.modernization",
    zh="2025年目标：大中型矿山重点作业机械化、三级及以上标准化、安全管理信息化与视频监控",
    en="2025 targets: mechanization, standardization (三级 or better), information system and "
    "video monitoring",
    cites=[MECHANIZATION, STANDARDIZATION, INFORMATIZATION],
    parameters=["targets.deadline", "targets.mechanization_scope", "scope.operating_statuses"],
)
def modernization(mine: Mine, p: ParameterView) -> MineFindings:
    """三项检查，各自在期限（2025-12-31）前未达到为 advised，期限当日及以后为 fail：

    机械化：生产矿山（露天、地下）中适用的（mechanization_scope：大中型；all 为全部）开采、
    铲装、运输作业及地下矿山的通风作业全部机械化；已全部机械化的无论规模均为 pass。
    标准化：生产矿山和尾矿库的安全生产标准化等级为三级及以上（一级、二级也满足）。
    信息化：基建、生产矿山有安全管理信息化系统且重点岗位在线视频监控。"""
    deadline = dt.date.fromisoformat(p["targets.deadline"])
    scope_value = p["targets.mechanization_scope"]
    ops = "开采、铲装、运输" + ("、通风" if mine.type == "underground" else "")

    c = Check(
        mine,
        "mechanization",
        MECHANIZATION,
        "大中型矿山开采、铲装、运输、通风等重点作业机械化达到100%",
        "size_class",
        "mech_mining",
        "mech_loading",
        "mech_transport",
        "mech_ventilation",
        obligation="target",
    )
    mech = scope(c, ["open_pit", "underground"], ["producing"])
    if mech is None:
        done = mechanized(mine)
        applies = mechanization_applies(mine, scope_value)
        if done:
            mech = c.passed(f"{ops}作业全部机械化")
        elif applies is False:
            mech = c.not_applicable(f"{SIZE_ZH[mine.size_class]}矿山不在机械化目标范围")
        elif done is None or applies is None:
            facts = ["size_class", "mech_mining", "mech_loading", "mech_transport"]
            if mine.type == "underground":
                facts.append("mech_ventilation")
            mech = c.unknown(*[f for f in facts if getattr(mine, f) is None])
        else:
            operations = [("开采", "mech_mining"), ("铲装", "mech_loading")]
            operations.append(("运输", "mech_transport"))
            if mine.type == "underground":
                operations.append(("通风", "mech_ventilation"))
            manual = [name for name, fact in operations if getattr(mine, fact) is False]
            mech = _short(
                c,
                p.on,
                deadline,
                "、".join(manual) + "作业未机械化",
                ("实施机械化改造", "Mechanize the remaining operations"),
            )

    c = Check(
        mine,
        "standardization",
        STANDARDIZATION,
        "三级及以上安全生产标准化达到100%",
        obligation="target",
    )
    std = scope(c, None, ["producing"]) or c.missing("standardization")
    if std is None:
        if mine.standardization in GRADED:
            std = c.passed(f"安全生产标准化{mine.standardization}")
        else:
            std = _short(
                c,
                p.on,
                deadline,
                "未达到安全生产标准化三级",
                ("开展标准化创建，申请三级标准化评审", "Reach at least grade 3 standardization"),
            )

    c = Check(
        mine,
        "informatization",
        INFORMATIZATION,
        "安全管理信息化、在线视频监控实现100%",
        obligation="target",
    )
    info = scope(c, None, p["scope.operating_statuses"])
    if info is None:
        c.read("safety_info_system", "video_monitoring")
        has = [mine.safety_info_system, mine.video_monitoring]
        if all(has):
            info = c.passed("安全管理信息化系统、重点岗位在线视频监控均已建成")
        elif False in has:
            missing = [
                name
                for name, v in zip(("安全管理信息化系统", "在线视频监控"), has, strict=True)
                if v is False
            ]
            info = _short(
                c,
                p.on,
                deadline,
                "未建成" + "、".join(missing),
                (
                    "建设安全管理信息化系统和重点岗位视频监控",
                    "Build the system and video monitoring",
                ),
            )
        else:
            info = c.unknown(
                *[f for f in ("safety_info_system", "video_monitoring") if getattr(mine, f) is None]
            )
    return result("mines.modernization", mine, [mech, std, info])
