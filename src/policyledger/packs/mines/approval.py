"""Safety access of construction projects (二、（二）2) and their construction period
(二、（二）3): which projects are strict-access (严把安全准入关), at which level their
safety-facility design is reviewed, the geology they rest on, and extensions of the
construction period."""

from __future__ import annotations

from policyledger.packs.mines.clauses import ACCESS, CONSTRUCTION, DEVOLVED, GEOLOGY
from policyledger.packs.mines.findings import (
    Check,
    Finding,
    MineFindings,
    all_of,
    any_of,
    exceeds,
    flag,
    result,
    scope,
)
from policyledger.packs.mines.inputs import Mine
from policyledger.packs.mines.open_pit import add_months
from policyledger.rules import ParameterView, cite, rule

ACCESS_ALL = cite(
    ACCESS.document, ACCESS.clause, "……".join(c.quote for c in (ACCESS, GEOLOGY, DEVOLVED))
)
_LEVEL = {"city": "市级", "district": "区县", None: "未确定"}


def strict_access(mine: Mine, p: ParameterView) -> tuple[bool | None, list[str]]:
    """Whether the project is strict-access, and the criteria it meets (None: not known)."""
    combine = any_of if p["approval.criteria_combine"] == "any" else all_of
    groups: list[tuple[list[str], list[bool | None]]] = []
    if mine.type in ("open_pit", "underground"):
        depth = p["approval.strict_mining_depth"]
        groups.append(
            (
                [f"开采深度超{depth:g}米", "与煤共生"],
                [exceeds(mine.mining_depth, depth), mine.coal_coexisting],
            )
        )
    if mine.type == "open_pit":
        slope, output = p["approval.strict_slope_height"], p["approval.strict_output"]
        groups.append(
            (
                [f"设计边坡高度超{slope:g}米", f"开采规模超{output:g}万吨/年"],
                [exceeds(mine.design_slope_height, slope), exceeds(mine.annual_output, output)],
            )
        )
    if mine.type == "tailings_pond":
        dam, capacity = p["approval.strict_dam_height"], p["approval.strict_capacity"]
        groups.append(
            (
                [f"坝高超{dam:g}米", f"库容超{capacity:g}万立方米"],
                [exceeds(mine.dam_height, dam), exceeds(mine.pond_capacity, capacity)],
            )
        )
    met = [name for names, values in groups for name, v in zip(names, values, strict=True) if v]
    return any_of(*(combine(*values) for _, values in groups)), met


def required_level(mine: Mine, strict: bool | None, p: ParameterView) -> str | None:
    """``city`` or ``district`` for the design review (None: not known)."""
    if strict:
        return "city"
    devolved = all_of(
        mine.type == "open_pit",
        None if mine.new_build is None else not mine.new_build,
        None if mine.annual_output is None else mine.annual_output < p["approval.devolved_output"],
    )
    if devolved is False:
        return "city"
    if devolved and strict is False:
        return "district"
    return None


@rule(
    "mines.approval_review",
    zh="严把安全准入（深超800米、边坡超200米、规模超1000万吨、坝高超200米、库容超1亿立方米）"
    "与设计审查层级",
    en="Safety access and the level of the safety-facility design review",
    cites=[ACCESS_ALL],
    parameters=[
        "approval.strict_mining_depth",
        "approval.strict_slope_height",
        "approval.strict_output",
        "approval.strict_dam_height",
        "approval.strict_capacity",
        "approval.criteria_combine",
        "approval.devolved_output",
        "approval.strict_geology_level",
        "scope.operating_statuses",
    ],
)
def approval_review(mine: Mine, p: ParameterView) -> MineFindings:
    """基建、生产矿山（其建设项目）：

    严把准入（strict）：开采深度 > 800米或与煤共生的矿山，设计最终边坡高度 > 200米或开采规模
    > 1000万吨/年的露天矿山，坝高 > 200米或库容 > 1亿立方米（10000万立方米）的尾矿库（“超”
    不含本数；同组两项按 criteria_combine 取其一或同时）。
    审查层级：年产 < 50万吨（不含50万吨）、非新建、非严把准入的露天矿山下放区县，其余市级；
    市级审查总是足够，应由市级审查却由区县审查为 fail。
    地质资料：严把准入（视为高风险）项目须达到勘探程度。
    设计审查：基建项目须已组织安全设施设计审查（含可不申办许可证的页岩、型材、砂岩）。"""
    statuses = p["scope.operating_statuses"]
    strict, met = strict_access(mine, p)
    level = required_level(mine, strict, p)
    facts = ("type", "mining_depth", "coal_coexisting", "design_slope_height", "annual_output")
    tail = ("dam_height", "pond_capacity", "new_build")
    c = Check(mine, "review_level", ACCESS, "严把安全准入关，严格安全设施设计审查", *facts, *tail)
    c.note(strict_access=strict, criteria_met=met, required_level=level)
    why = "严把准入（" + "、".join(met) + "）" if strict else ""
    review = scope(c, None, statuses) or c.missing("design_review_level")
    if review is None:
        actual = mine.design_review_level
        said = f"应由{_LEVEL[level]}审查{('，' + why) if why else ''}；实际由{_LEVEL[actual]}审查"
        if actual == "city" or level == "district":
            review = c.passed(said)
        elif level == "city":
            c.citation = ACCESS if strict else DEVOLVED
            review = c.failed(
                said,
                "报市级应急管理部门重新组织安全设施设计审查",
                "Have the safety-facility design reviewed at city level",
            )
        else:
            absent = [f for f in (*facts, *tail) if getattr(mine, f) is None]
            review = c.unknown(*absent)
    want = p["approval.strict_geology_level"]
    g = Check(mine, "geology_level", GEOLOGY, f"高风险建设项目设计依据的地质资料达到{want}程度")
    g.note(strict_access=strict)
    geology = scope(g, None, statuses)
    if geology is None:
        unknown = [f for f in (*facts, *tail) if getattr(mine, f) is None]
        geology = _geology(g, mine, strict, want, unknown)
    d = Check(mine, "design_reviewed", ACCESS, "组织建设项目安全设施设计审查")
    design = scope(d, None, ["construction"]) or flag(
        d,
        "design_reviewed",
        True,
        "组织安全设施设计审查后方可施工",
        "Have the safety-facility design reviewed before building",
    )
    return result("mines.approval_review", mine, [review, geology, design])


def _geology(g: Check, mine: Mine, strict: bool | None, want: str, unknown: list[str]) -> Finding:
    if strict is False:
        return g.not_applicable("非严把准入（高风险）项目")
    if mine.geology_level == want:
        return g.read("geology_level").passed(f"地质资料达到{want}程度")
    if mine.geology_level is None:
        return g.missing("geology_level") or g.unknown("geology_level")
    if strict is None:
        return g.read("geology_level").unknown(*unknown)
    return g.read("geology_level").failed(
        f"高风险项目地质资料仅达{mine.geology_level}程度",
        f"补充地质勘查至{want}程度后修改设计",
        "Complete the exploration-level geology and revise the design",
    )


@rule(
    "mines.construction_period",
    zh="在批准施工期限内完成建设；延期经区县批准、原则上不超过1年；再延期重新审查",
    en="Construction within the approved period; extensions approved, at most a year, and "
    "re-reviewed when extended again",
    cites=[CONSTRUCTION],
    parameters=["approval.max_extension_months"],
)
def construction_period(mine: Mine, p: ParameterView) -> MineFindings:
    """基建（construction）矿山三项检查：

    施工期限：检查日不晚于批准的施工期限；超过的须有经属地区县批准的延期且在延期内。
    延期时间：延期至 ≤ 原期限加12个月（“不超过”含1年；原则上，obligation in_principle）。
    再延期：延期次数 ≥ 2 的须重新履行安全设施设计审查。"""
    months = p["approval.max_extension_months"]
    c = Check(mine, "within_period", CONSTRUCTION, "在批准的施工期限内完成项目建设")
    period = scope(c, None, ["construction"]) or c.missing("construction_deadline")
    if period is None:
        deadline = mine.construction_deadline
        fix = ("报属地区县批准延期或停止施工", "Obtain an approved extension or stop building")
        if p.on <= deadline:
            period = c.passed(f"检查日在批准的施工期限（{deadline}）内")
        elif c.read("extension_until").facts["extension_until"] is None:
            period = c.failed(f"已超过批准的施工期限（{deadline}），未延期", *fix)
        else:
            period = c.missing("extension_approved")
            until = mine.extension_until
            if period is None and not mine.extension_approved:
                period = c.failed(f"施工期限{deadline}已过，延期未经属地区县批准", *fix)
            elif period is None:
                period = (
                    c.passed(f"在经批准的延期（至{until}）内")
                    if p.on <= until
                    else c.failed(f"已超过延期期限（{until}）", *fix)
                )
    e = Check(mine, "extension_length", CONSTRUCTION, "延期时间原则上不超过1年")
    e.obligation = "in_principle"
    e.note(max_months=months)
    extension = scope(e, None, ["construction"])
    if extension is None and mine.extension_until is None:
        extension = e.read("extension_until").not_applicable("未延期")
    extension = extension or e.missing("construction_deadline")
    if extension is None:
        latest = add_months(mine.construction_deadline, months)
        e.read("extension_until").note(latest_allowed=latest.isoformat())
        extension = (
            e.passed(f"延期至{mine.extension_until}，未超过{latest}")
            if mine.extension_until <= latest
            else e.failed(
                f"延期至{mine.extension_until}，超过{months}个月（{latest}）",
                "缩短延期或说明原则外的批准依据",
                "Shorten the extension or document the approved exception",
            )
        )
    r = Check(mine, "re_review", CONSTRUCTION, "延期后再延期的应当重新履行安全设施设计审查程序")
    again = scope(r, None, ["construction"])
    if again is None and mine.extensions is None and mine.extension_until is None:
        again = r.read("extensions").not_applicable("未延期")
    again = again or r.missing("extensions")
    if again is None and mine.extensions < 2:
        again = r.not_applicable(f"延期{mine.extensions}次")
    again = again or flag(
        r,
        "redesign_reviewed",
        True,
        "重新履行安全设施设计审查程序",
        "Repeat the safety-facility design review",
    )
    return result("mines.construction_period", mine, [period, extension, again])
