"""Underground mines (二、（四）2), part two: water hazards (三专两探一撤, drainage probing),
shallow building-stone deposits, staffing limits and mechanized scaling (encouraged)."""

from __future__ import annotations

from policyledger.packs.mines.clauses import BUILDING_STONE, SCALING, STAFFING, WATER
from policyledger.packs.mines.findings import (
    Check,
    MineFindings,
    any_of,
    exceeds,
    flag,
    result,
    scope,
)
from policyledger.packs.mines.inputs import Mine
from policyledger.rules import ParameterView, rule

UNDERGROUND = ["underground"]
_HYDRO = {"simple": "简单", "medium": "中等", "complex": "复杂"}


@rule(
    "mines.water_control",
    zh="水文地质中等及以上落实“三专两探一撤”；有老采空区配齐专用探放水设备",
    en="Water hazards: 'three dedicated, two probes, one withdrawal' where hydrogeology is "
    "medium or worse; dedicated drainage-probing equipment where old workings exist",
    cites=[WATER],
    parameters=["underground.water_hydrogeology", "scope.operating_statuses"],
)
def water_control(mine: Mine, p: ParameterView) -> MineFindings:
    """两项检查，条件各自独立（原文是两句话）：

    三专两探一撤：水文地质类型为中等及以上（参数 water_hydrogeology）的地下矿山须落实；
    专用探放水设备：有老采空区的地下矿山须配齐。条件不成立为 not_applicable。
    """
    statuses = p["scope.operating_statuses"]
    classes = p["underground.water_hydrogeology"]
    c = Check(mine, "three_probe_measures", WATER, "水文地质类型中等及以上的矿山落实“三专两探一撤”")
    water = scope(c, UNDERGROUND, statuses) or c.missing("hydrogeology")
    if water is None:
        kind = _HYDRO[mine.hydrogeology]
        if mine.hydrogeology not in classes:
            water = c.not_applicable(f"水文地质类型{kind}")
        else:
            water = flag(
                c,
                "three_probe_measures",
                True,
                "配备专业技术人员、专用探放水设备和专门探放水队伍，开展物探、钻探，发现透水征兆立即撤人",
                "Dedicated staff, equipment and team; geophysical and drill probing; "
                "withdraw on signs of inrush",
            )
    d = Check(mine, "drainage_probing", WATER, "有老采空区的矿山要配齐专用探放水设备")
    probing = scope(d, UNDERGROUND, statuses) or d.missing("old_workings")
    if probing is None:
        if not mine.old_workings:
            probing = d.not_applicable("无老采空区")
        else:
            probing = flag(
                d,
                "drainage_probing",
                True,
                "配齐专用探放水设备",
                "Equip the mine with dedicated drainage-probing drills",
            )
    return result("mines.water_control", mine, [water, probing])


@rule(
    "mines.building_stone",
    zh="矿体埋深小于200米的新建建筑石料矿山原则上不得地下开采",
    en="New building-stone mines with deposits shallower than 200 m: not mined underground "
    "(in principle)",
    cites=[BUILDING_STONE],
    parameters=["underground.building_stone_depth", "scope.operating_statuses"],
)
def building_stone(mine: Mine, p: ParameterView) -> MineFindings:
    """新建（new_build）建筑石料（building_stone）矿山，矿体埋藏深度 < 200米（“小于”不含200）
    的，原则上不得采用地下开采方式：地下开采为 fail（obligation in_principle：经批准的例外
    可以存在），露天开采为 pass。埋深 ≥ 200米、非新建或非建筑石料为 not_applicable。"""
    depth = p["underground.building_stone_depth"]
    c = Check(
        mine,
        "shallow_building_stone_underground",
        BUILDING_STONE,
        f"矿体埋藏深度小于{depth:g}米的新建建筑石料矿山，原则上不得采用地下开采方式",
        obligation="in_principle",
    )
    c.note(threshold=depth)
    out = scope(c, ["open_pit", "underground"], p["scope.operating_statuses"])
    out = out or c.missing("building_stone")
    if out is None and not mine.building_stone:
        out = c.not_applicable("非建筑石料矿山")
    out = out or c.missing("new_build")
    if out is None and not mine.new_build:
        out = c.not_applicable("非新建矿山")
    out = out or c.missing("deposit_depth")
    if out is None:
        shown = f"矿体埋深{mine.deposit_depth:g}米"
        if mine.deposit_depth >= depth:
            out = c.not_applicable(f"{shown} ≥ {depth:g}米")
        elif mine.type == "underground":
            out = c.failed(
                f"{shown} < {depth:g}米，采用地下开采",
                "改为露天开采，或取得原则外的批准依据",
                "Mine it as an open pit, or document the approved exception",
            )
        else:
            out = c.passed(f"{shown} < {depth:g}米，露天开采")
    return result("mines.building_stone", mine, [out])


@rule(
    "mines.staffing",
    zh="井下劳动定员管理，严格控制单班作业人数",
    en="Underground staffing quota: persons per shift within the quota",
    cites=[STAFFING],
    parameters=["scope.operating_statuses"],
)
def staffing(mine: Mine, p: ParameterView) -> MineFindings:
    """地下矿山须实施井下劳动定员管理（定员 > 0），且单班最多作业人数 ≤ 定员。
    定员填0表示未实施定员管理（fail）。"""
    c = Check(mine, "shift_headcount", STAFFING, "实施井下劳动定员管理，严格控制井下单班作业人数")
    out = scope(c, UNDERGROUND, p["scope.operating_statuses"]) or c.missing("staffing_quota")
    if out is None and mine.staffing_quota <= 0:
        out = c.failed(
            "未实施井下劳动定员管理（定员为0）",
            "核定井下单班劳动定员",
            "Set a staffing quota per underground shift",
        )
    out = out or c.missing("max_shift_headcount")
    if out is None:
        quota, most = mine.staffing_quota, mine.max_shift_headcount
        out = (
            c.passed(f"单班最多{most}人 ≤ 定员{quota}人")
            if most <= quota
            else c.failed(
                f"单班最多{most}人 > 定员{quota}人",
                "按定员安排井下作业，超员的撤出",
                "Keep each shift within the quota",
            )
        )
    return result("mines.staffing", mine, [out])


@rule(
    "mines.mechanized_scaling",
    zh="开采深度超800米或规模超30万吨/年的矿山鼓励机械化撬毛",
    en="Mines deeper than 800 m or above 300 kt/a: mechanized scaling encouraged",
    cites=[SCALING],
    parameters=[
        "underground.scaling_depth",
        "underground.scaling_output",
        "scope.operating_statuses",
    ],
)
def mechanized_scaling(mine: Mine, p: ParameterView) -> MineFindings:
    """开采深度 > 800米或开采规模 > 30万吨/年（“超过”不含本数，满足其一）的地下矿山，
    鼓励采用机械化撬毛作业：未采用为 advised（鼓励性条款，不算违规）。"""
    depth = p["underground.scaling_depth"]
    output = p["underground.scaling_output"]
    c = Check(
        mine,
        "mechanized_scaling",
        SCALING,
        f"开采深度超过{depth:g}米或开采规模超过{output:g}万吨/年的矿山，鼓励采用机械化撬毛作业",
        "mining_depth",
        "annual_output",
        obligation="encouraged",
    )
    c.note(depth_threshold=depth, output_threshold=output)
    out = scope(c, UNDERGROUND, p["scope.operating_statuses"])
    if out is None:
        covered = any_of(exceeds(mine.mining_depth, depth), exceeds(mine.annual_output, output))
        if covered is False:
            out = c.not_applicable(f"开采深度未超过{depth:g}米、规模未超过{output:g}万吨/年")
        elif mine.mechanized_scaling:
            out = c.passed("已采用机械化撬毛作业")
        elif covered is None:
            facts = ("mining_depth", "annual_output", "mechanized_scaling")
            out = c.unknown(*[f for f in facts if getattr(mine, f) is None])
        else:
            out = c.missing("mechanized_scaling") or c.failed(
                "未采用机械化撬毛作业（鼓励）",
                "推广机械化撬毛作业",
                "Consider mechanized scaling",
            )
    return result("mines.mechanized_scaling", mine, [out])
