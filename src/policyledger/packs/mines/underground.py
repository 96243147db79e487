"""Underground mines (二、（四）2), part one: developed reserves, levels mined at once, boundary
pillars, mechanical ventilation, shaft hoists and inclined-shaft man cars.

Every rule applies to underground mines being built or worked (``scope.operating_statuses``).
"""

from __future__ import annotations

from policyledger.packs.mines.clauses import HOIST, LEVELS, MAN_CAR, PILLAR, RESERVES, VENTILATION
from policyledger.packs.mines.findings import (
    SIZE_ZH,
    Check,
    Finding,
    MineFindings,
    all_of,
    exceeds,
    result,
    scope,
)
from policyledger.packs.mines.inputs import Mine
from policyledger.rules import ParameterView, rule

UNDERGROUND = ["underground"]


def _gate(c: Check, p: ParameterView) -> Finding | None:
    return scope(c, UNDERGROUND, p["scope.operating_statuses"])


@rule(
    "mines.developed_reserves",
    zh="新建地下矿山开拓矿量不少于3年",
    en="New underground mines: developed reserves for at least 3 years",
    cites=[RESERVES],
    parameters=["underground.developed_reserve_years", "scope.operating_statuses"],
)
def developed_reserves(mine: Mine, p: ParameterView) -> MineFindings:
    """新建（new_build 为是）地下矿山：开拓矿量保有期 ≥ 3年（“不得少于”含3年）。"""
    least = p["underground.developed_reserve_years"]
    c = Check(mine, "developed_reserves", RESERVES, f"新建地下矿山开拓矿量不得少于{least:g}年")
    c.note(threshold=least)
    out = _gate(c, p) or c.missing("new_build")
    if out is None and not mine.new_build:
        out = c.not_applicable("非新建矿山")
    if out is None:
        out = c.missing("developed_reserve_years")
    if out is None:
        years = mine.developed_reserve_years
        out = (
            c.passed(f"开拓矿量保有{years:g}年 ≥ {least:g}年")
            if years >= least
            else c.failed(
                f"开拓矿量保有{years:g}年 < {least:g}年",
                f"加快开拓工程，使开拓矿量达到{least:g}年以上",
                f"Develop reserves for at least {least:g} years",
            )
        )
    return result("mines.developed_reserves", mine, [out])


@rule(
    "mines.concurrent_levels",
    zh="中小型地下矿山同时回采中段不多于3个",
    en="Small and medium underground mines: at most 3 levels mined at once",
    cites=[LEVELS],
    parameters=["underground.max_levels", "scope.operating_statuses"],
)
def concurrent_levels(mine: Mine, p: ParameterView) -> MineFindings:
    """中小型地下矿山：同时回采的中段数量 ≤ 3（“不得多于”含3）。中段数 ≤ 3 时无论规模均符合；
    多于3个时，大型矿山不受此限（not_applicable），规模未填报为 unknown。"""
    most = p["underground.max_levels"]
    c = Check(mine, "concurrent_levels", LEVELS, f"中小型矿山同时回采的中段数量不得多于{most}个")
    c.note(threshold=most)
    out = _gate(c, p) or c.missing("levels_mined")
    if out is None:
        levels = mine.levels_mined
        if levels <= most:
            out = c.passed(f"同时回采{levels}个中段 ≤ {most}个")
        elif (missing := c.missing("size_class")) is not None:
            out = missing
        elif mine.size_class == "large":
            out = c.not_applicable(f"大型矿山，同时回采{levels}个中段不受{most}个限制")
        else:
            out = c.failed(
                f"{SIZE_ZH[mine.size_class]}矿山同时回采{levels}个中段 > {most}个",
                f"调整采掘计划，同时回采中段减至{most}个以内",
                f"Reduce the levels mined at once to {most}",
            )
    return result("mines.concurrent_levels", mine, [out])


@rule(
    "mines.boundary_pillar",
    zh="相邻矿山之间留设50米以上保安矿柱",
    en="Boundary pillars of 50 m or more between neighbouring mines",
    cites=[PILLAR],
    parameters=[
        "underground.pillar_width",
        "underground.pillar_inclusive",
        "scope.operating_statuses",
    ],
)
def boundary_pillar(mine: Mine, p: ParameterView) -> MineFindings:
    """有相邻矿山的地下矿山：保安矿柱宽度 ≥ 50米（pillar_inclusive 为是时“以上”含50米；
    为否时须 > 50米）。无相邻矿山为 not_applicable。"""
    width = p["underground.pillar_width"]
    inclusive = p["underground.pillar_inclusive"]
    c = Check(mine, "boundary_pillar", PILLAR, f"相邻矿山之间要留设{width:g}米以上的保安矿柱")
    c.note(threshold=width, inclusive=inclusive)
    out = _gate(c, p) or c.missing("has_neighbour")
    if out is None and not mine.has_neighbour:
        out = c.not_applicable("无相邻矿山")
    if out is None:
        out = c.missing("pillar_width")
    if out is None:
        actual = mine.pillar_width
        ok = actual >= width if inclusive else actual > width
        sign = ("≥" if inclusive else ">") if ok else ("<" if inclusive else "≤")
        text = f"保安矿柱宽{actual:g}米 {sign} {width:g}米"
        out = (
            c.passed(text)
            if ok
            else c.failed(
                text,
                f"按设计留足{width:g}米以上保安矿柱，停止在矿柱内开采",
                f"Leave a boundary pillar of at least {width:g} m",
            )
        )
    return result("mines.boundary_pillar", mine, [out])


@rule(
    "mines.ventilation",
    zh="地下矿山机械通风，严禁以自然通风代替",
    en="Underground mines: mechanical ventilation, never natural instead",
    cites=[VENTILATION],
    parameters=["scope.operating_statuses"],
)
def ventilation(mine: Mine, p: ParameterView) -> MineFindings:
    """地下矿山通风方式须为机械通风（mechanical）；自然通风（natural）不符合。"""
    c = Check(mine, "mechanical_ventilation", VENTILATION, "严禁以自然通风代替机械通风")
    out = _gate(c, p) or c.missing("ventilation")
    if out is None:
        out = (
            c.passed("机械通风")
            if mine.ventilation == "mechanical"
            else c.failed(
                "以自然通风代替机械通风",
                "完善机械通风系统，安装主通风机",
                "Install a mechanical ventilation system (main fans)",
            )
        )
    return result("mines.ventilation", mine, [out])


@rule(
    "mines.shaft_hoist",
    zh="新建深度超300米且单次超9人的竖井提升严禁单绳缠绕式提升机",
    en="New shaft hoists over 300 m carrying over 9 persons: no single-rope winding hoist",
    cites=[HOIST],
    parameters=["underground.hoist_depth", "underground.hoist_persons", "scope.operating_statuses"],
)
def shaft_hoist(mine: Mine, p: ParameterView) -> MineFindings:
    """新建竖井提升系统，提升深度 > 300米且单次提升 > 9人（“超过”不含本数，两项同时满足）
    时，提升机不得为单绳缠绕式。不满足其一为 not_applicable（恰为300米或9人不适用）；
    提升机不是单绳缠绕式时无论是否适用均符合；适用与否或提升机类型未知时为 unknown。"""
    depth = p["underground.hoist_depth"]
    persons = p["underground.hoist_persons"]
    c = Check(
        mine,
        "single_rope_winding",
        HOIST,
        f"提升深度超过{depth:g}米且单次提升超过{persons}人的新建竖井，严禁单绳缠绕式提升机",
        "hoist_depth",
        "hoist_persons",
        "hoist_type",
    )
    c.note(depth_threshold=depth, persons_threshold=persons)
    out = _gate(c, p) or c.missing("shaft_hoist_new")
    if out is None and not mine.shaft_hoist_new:
        out = c.not_applicable("无新建竖井提升系统")
    if out is None:
        covered = all_of(exceeds(mine.hoist_depth, depth), exceeds(mine.hoist_persons, persons))
        kind = mine.hoist_type
        shown = f"提升深度{_n(mine.hoist_depth)}米、单次{_n(mine.hoist_persons)}人"
        if covered is False:
            out = c.not_applicable(f"{shown}，未同时超过{depth:g}米和{persons}人")
        elif kind is not None and kind != "single_rope_winding":
            out = c.passed(f"{shown}，提升机非单绳缠绕式")
        elif covered is None:
            facts = ("hoist_depth", "hoist_persons", "hoist_type")
            out = c.unknown(*[f for f in facts if getattr(mine, f) is None])
        elif kind is None:
            out = c.unknown("hoist_type")
        else:
            out = c.failed(
                f"{shown}，超过{depth:g}米且超过{persons}人，使用单绳缠绕式提升机",
                "更换为多绳摩擦式等符合要求的提升机",
                "Replace the single-rope winding hoist (e.g. multi-rope friction hoist)",
            )
    return result("mines.shaft_hoist", mine, [out])


def _n(value: float | None) -> str:
    return "未填" if value is None else f"{value:g}"


@rule(
    "mines.man_car",
    zh="新改扩建斜井严禁使用插爪式人车",
    en="New, rebuilt or expanded inclined shafts: no claw-type man cars",
    cites=[MAN_CAR],
    parameters=["scope.operating_statuses"],
)
def man_car(mine: Mine, p: ParameterView) -> MineFindings:
    """新改扩建斜井（inclined_shaft_new 为是）的人车不得为插爪式（claw）。"""
    c = Check(mine, "claw_man_car", MAN_CAR, "新改扩建斜井严禁使用插爪式人车")
    out = _gate(c, p) or c.missing("inclined_shaft_new")
    if out is None and not mine.inclined_shaft_new:
        out = c.not_applicable("无新改扩建斜井")
    if out is None:
        out = c.missing("man_car")
    if out is None:
        out = (
            c.failed(
                "新改扩建斜井使用插爪式人车",
                "停用插爪式人车，更换为符合标准的斜井人车",
                "Withdraw the claw-type man car and use a compliant one",
            )
            if mine.man_car == "claw"
            else c.passed("斜井未使用插爪式人车")
        )
    return result("mines.man_car", mine, [out])
