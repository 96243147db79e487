"""``mines.district_month``: a district's month — enforcement, hazards found and closed, and the
rates the opinion sets targets for (online monitoring, standardization, mechanization, share of
large and medium mines, information systems, chief engineers, professional enforcement staff).

Rates are over the district's mines in the registry (districts are matched through the body
registry, so 秀山县 and 秀山土家族苗族自治县 are one district). A mine whose fact is not
reported counts against a rate — in the denominator, not the numerator — and is counted in
``unknown``, so that not reporting never raises a rate. A rate with nothing to count is empty
(None).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from policyledger.packs.mines.clauses import ENFORCEMENT, GOALS, STAFF_GOAL
from policyledger.packs.mines.inputs import district_name, mechanized
from policyledger.packs.mines.ledgers import DistrictMonthInput, Hazard, month_bounds
from policyledger.packs.mines.open_pit import slope_monitoring
from policyledger.packs.mines.tailings import tailings_monitoring
from policyledger.packs.mines.targets import GRADED, mechanization_applies
from policyledger.rules import ParameterView, RuleInputError, label, rule

ACTIVE = ("construction", "producing")
MONITORING_CHECKS = (
    "slope_online_monitoring",
    "dump_online_monitoring",
    "tailings_online_monitoring",
)
_MET = {"pass": True, "fail": False, "unknown": None}


@dataclass(frozen=True)
class Rate:
    """A rate against its target: ``attainment`` = min(rate ÷ target, 1)."""

    key: Annotated[str, label("指标")]
    label: Annotated[str, label("指标名称")]
    numerator: Annotated[int, label("达标数")]
    denominator: Annotated[int, label("应达标数")]
    unknown: Annotated[int, label("其中未填报（计入应达标、不计达标）")]
    rate: Annotated[float | None, label("比率", "%")]
    target: Annotated[float | None, label("2025年目标", "%")]
    attainment: Annotated[float | None, label("目标达成度（0–1）")]


@dataclass(frozen=True)
class DistrictMonthView:
    district: Annotated[str, label("区县")]
    year: Annotated[int, label("年份")]
    month: Annotated[int, label("月份")]
    key_district: Annotated[bool | None, label("重点区县")]
    mines: Annotated[int, label("登记矿山（未关闭）", "座")]
    inspections_planned: Annotated[int | None, label("计划执法检查", "次")]
    inspections_done: Annotated[int | None, label("实际执法检查", "次")]
    mines_inspected: Annotated[int | None, label("检查覆盖矿山", "座")]
    violations: Annotated[int | None, label("查处违法违规行为", "起")]
    penalties: Annotated[int | None, label("行政处罚", "起")]
    rectifications_reviewed: Annotated[int | None, label("完成整改复查", "起")]
    hazards_found: Annotated[int, label("本月发现隐患", "条")]
    major_hazards_found: Annotated[int, label("其中重大隐患", "条")]
    hazards_closed: Annotated[int, label("本月整改完成隐患", "条")]
    hazards_due: Annotated[int, label("本月到期隐患", "条")]
    hazards_closed_on_time: Annotated[int, label("其中按期整改", "条")]
    hazards_overdue: Annotated[int, label("月末逾期未整改隐患", "条")]
    rates: Annotated[list[Rate], label("目标比率")]
    blacklisted: Annotated[list[str], label("列入“黑名单”的企业（矿山）")]
    clauses: Annotated[list[str], label("条款")]

    def rate(self, key: str) -> Rate:
        return next(r for r in self.rates if r.key == key)


def _rate(key: str, name: str, counts: list[int], target: float | None) -> Rate:
    numerator, denominator, unknown = counts
    value = numerator / denominator * 100 if denominator else None
    attainment = None
    if value is not None and target:
        attainment = min(value / target, 1.0)
    return Rate(key, name, numerator, denominator, unknown, value, target, attainment)


def _count(counts: list[int], met: bool | None) -> None:
    """Add one mine to [numerator, denominator, unknown]."""
    counts[1] += 1
    if met:
        counts[0] += 1
    elif met is None:
        counts[2] += 1


def month_hazards(hazards: list[Hazard], year: int, month: int) -> dict[str, int]:
    """The month's hazard counts (found, major, closed, due, on time, overdue at month end)."""
    first, last = month_bounds(year, month)

    def inside(day: dt.date | None) -> bool:
        return day is not None and first <= day <= last

    due = [h for h in hazards if inside(h.deadline)]
    return {
        "hazards_found": sum(inside(h.found) for h in hazards),
        "major_hazards_found": sum(inside(h.found) and h.grade == "major" for h in hazards),
        "hazards_closed": sum(inside(h.closed) for h in hazards),
        "hazards_due": len(due),
        "hazards_closed_on_time": sum(h.closed is not None and h.closed <= h.deadline for h in due),
        "hazards_overdue": sum(
            h.deadline is not None
            and h.deadline < last
            and (h.found is None or h.found <= last)
            and (h.closed is None or h.closed > last)
            for h in hazards
        ),
    }


@rule(
    "mines.district_month",
    zh="区县月度视图：执法、隐患、在线监测、标准化、机械化等对2025年目标",
    en="District month: enforcement, hazards and rates against the 2025 targets",
    cites=[ENFORCEMENT, GOALS, STAFF_GOAL],
    parameters=[
        "targets.large_medium_share",
        "targets.mechanization",
        "targets.mechanization_scope",
        "targets.standardization_grade3",
        "targets.standardization_grade2",
        "targets.informatization",
        "targets.chief_engineer",
        "targets.enforcement_staff",
        "targets.tailings_monitoring",
    ],
    uses=[slope_monitoring, tailings_monitoring],
)
def district_month(inputs: DistrictMonthInput, p: ParameterView) -> DistrictMonthView:
    """本区县（不含已关闭矿山）当月：

    隐患：本月发现（其中重大）、本月整改完成、本月到期及其中按期整改（完成日 ≤ 时限）、月末
    逾期未整改。在线监测覆盖率：mines.slope_monitoring 与 mines.tailings_monitoring 的在线监测
    检查项，pass 计达标，pass、fail、unknown 计应达标。三级及以上标准化率、二级及以上标准化率：
    生产矿山（含尾矿库）。机械化率：生产的露天、地下矿山中属机械化目标范围的（规模未知也计入）。
    大中型比例：基建、生产的露天、地下矿山。信息化率：基建、生产矿山（信息化系统和视频监控都有）。
    总工程师配备率：基建、生产矿山。专业执法人员配备率：专业执法人员 ÷ 监管执法人员。
    达成度 = min(比率 ÷ 目标, 1)。列入“黑名单”的企业逐一列出。"""
    facts = inputs.facts
    if not 1 <= facts.month <= 12:
        raise RuleInputError(f"facts.month: {facts.month} is not 1–12")
    name = district_name(facts.district) or facts.district
    mines = [m for m in inputs.mines if district_name(m.district) == name and m.status != "closed"]
    ids = {m.id for m in mines}
    hazards = [h for h in inputs.hazards if h.mine in ids]
    counts = {k: [0, 0, 0] for k in ("mon", "g3", "g2", "mech", "lm", "info", "chief")}
    scope_value = p["targets.mechanization_scope"]
    for m in mines:
        for rule_ in (slope_monitoring, tailings_monitoring):
            for f in rule_(m, p).findings:
                if f.check in MONITORING_CHECKS and f.status != "not_applicable":
                    _count(counts["mon"], _MET.get(f.status, False))
        mine_kind = m.type in ("open_pit", "underground")
        if m.status == "producing":
            grade = m.standardization
            _count(counts["g3"], None if grade is None else grade in GRADED)
            _count(counts["g2"], None if grade is None else grade in ("一级", "二级"))
            applies = mechanization_applies(m, scope_value)
            if mine_kind and applies is not False:
                done = mechanized(m)
                unsure = done is None or applies is None
                _count(counts["mech"], True if done else (None if unsure else False))
        if m.status in ACTIVE or m.status is None:
            if mine_kind:
                size = m.size_class
                _count(counts["lm"], None if size is None else size in ("large", "medium"))
            has = [m.safety_info_system, m.video_monitoring]
            _count(counts["info"], False if False in has else (None if None in has else True))
            _count(counts["chief"], m.has_chief_engineer)
    staff = [0, 0, 0]
    if facts.enforcement_staff:
        professional = facts.professional_staff
        staff = [professional or 0, facts.enforcement_staff, int(professional is None)]
    rates = [
        _rate("monitoring", "在线监测覆盖率", counts["mon"], p["targets.tailings_monitoring"]),
        _rate(
            "standardization",
            "三级及以上标准化率",
            counts["g3"],
            p["targets.standardization_grade3"],
        ),
        _rate(
            "standardization_grade2",
            "二级及以上标准化率",
            counts["g2"],
            p["targets.standardization_grade2"],
        ),
        _rate("mechanization", "大中型矿山机械化率", counts["mech"], p["targets.mechanization"]),
        _rate("large_medium", "大中型矿山比例", counts["lm"], p["targets.large_medium_share"]),
        _rate("informatization", "安全管理信息化率", counts["info"], p["targets.informatization"]),
        _rate("chief_engineer", "总工程师配备率", counts["chief"], p["targets.chief_engineer"]),
        _rate("enforcement_staff", "专业执法人员配备率", staff, p["targets.enforcement_staff"]),
    ]
    blacklisted = sorted(
        {f"{m.enterprise or '（企业未填）'}（{m.name}）" for m in mines if m.blacklisted}
    )
    return DistrictMonthView(
        district=name,
        year=facts.year,
        month=facts.month,
        key_district=facts.key_district,
        mines=len(mines),
        inspections_planned=facts.inspections_planned,
        inspections_done=facts.inspections_done,
        mines_inspected=facts.mines_inspected,
        violations=facts.violations,
        penalties=facts.penalties,
        rectifications_reviewed=facts.rectifications_reviewed,
        rates=rates,
        blacklisted=blacklisted,
        clauses=[c.cite() for c in (ENFORCEMENT, GOALS, STAFF_GOAL)],
        **month_hazards(hazards, facts.year, facts.month),
    )
