"""``mines.compliance``: a mine's compliance report — every compliance rule of the pack run on
the mine at the check date, with the findings that need action listed first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from policyledger.packs.mines.approval import approval_review, construction_period
from policyledger.packs.mines.findings import Finding, MineFindings, Status, worst
from policyledger.packs.mines.inputs import Mine
from policyledger.packs.mines.open_pit import open_pit_method, slope_monitoring
from policyledger.packs.mines.operations import (
    insurance_fees,
    safety_licence,
    transport_outsourcing,
    two_lists_two_cards,
)
from policyledger.packs.mines.persons import management_structure, responsible_presence
from policyledger.packs.mines.tailings import (
    manganese_exit,
    tailings_closure,
    tailings_monitoring,
)
from policyledger.packs.mines.targets import modernization
from policyledger.packs.mines.underground import (
    boundary_pillar,
    concurrent_levels,
    developed_reserves,
    man_car,
    shaft_hoist,
    ventilation,
)
from policyledger.packs.mines.underground_safety import (
    building_stone,
    mechanized_scaling,
    staffing,
    water_control,
)
from policyledger.rules import Citation, ParameterView, label, rule

MINE_RULES = (
    safety_licence,
    approval_review,
    construction_period,
    responsible_presence,
    management_structure,
    open_pit_method,
    slope_monitoring,
    developed_reserves,
    concurrent_levels,
    boundary_pillar,
    ventilation,
    shaft_hoist,
    man_car,
    water_control,
    building_stone,
    staffing,
    mechanized_scaling,
    tailings_monitoring,
    tailings_closure,
    manganese_exit,
    transport_outsourcing,
    insurance_fees,
    two_lists_two_cards,
    modernization,
)
_ACTION_FIRST: tuple[Status, ...] = ("fail", "unknown", "advised", "pass", "not_applicable")


def _citations() -> list[Citation]:
    seen: dict[tuple[str, str], Citation] = {}
    for r in MINE_RULES:
        for c in r.citations:
            seen.setdefault((c.document, c.clause), c)
    return list(seen.values())


@dataclass(frozen=True)
class ComplianceReport:
    mine: Annotated[str, label("矿山编号")]
    mine_name: Annotated[str, label("矿山名称")]
    enterprise: Annotated[str | None, label("企业名称")]
    district: Annotated[str | None, label("区县")]
    blacklisted: Annotated[bool | None, label("企业列入“黑名单”")]
    on: Annotated[dt.date, label("检查日期")]
    status: Annotated[Status, label("结论")]
    counts: Annotated[dict[str, int], label("各结论的检查项数")]
    actions: Annotated[list[Finding], label("需处理的检查项（fail、unknown、advised）")]
    rules: Annotated[list[MineFindings], label("各规则结论")]


@rule(
    "mines.compliance",
    zh="矿山合规报告（全部合规规则）",
    en="A mine's compliance report (every compliance rule)",
    cites=_citations(),
    uses=MINE_RULES,
)
def compliance(mine: Mine, p: ParameterView) -> ComplianceReport:
    """对矿山运行本包全部合规规则（见 MINE_RULES），汇总各结论的检查项数；需处理的检查项
    （fail、unknown、advised）按此顺序列在 actions。总结论为最差的一项。"""
    results = [r(mine, p) for r in MINE_RULES]
    findings = [f for r in results for f in r.findings]
    counts = {s: sum(f.status == s for f in findings) for s in _ACTION_FIRST}
    actions = sorted(
        (f for f in findings if f.status in ("fail", "unknown", "advised")),
        key=lambda f: _ACTION_FIRST.index(f.status),
    )
    return ComplianceReport(
        mine=mine.id,
        mine_name=mine.name,
        enterprise=mine.enterprise,
        district=mine.district,
        blacklisted=mine.blacklisted,
        on=p.on,
        status=worst(r.status for r in results),
        counts=counts,
        actions=actions,
        rules=results,
    )
