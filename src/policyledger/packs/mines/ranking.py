"""``mines.district_ranking``: the monthly ranking of districts (月排名) with what each score is
made of.

Each component is a value from 0 to 1 times its weight (``ranking.weight_*``, points out of
100); the score is the sum of the contributions. The parts, the scorecard and the ordering are
the assessment engine's (:mod:`policyledger.assess.ranking`): highest score first, equal scores
share a rank (1, 2, 2, 4) and are listed by district name. A component with nothing to count
(no hazard due, no violation) takes ``ranking.empty_value``; one whose facts are not reported
counts 0 and is named in ``missing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from policyledger.assess.ranking import Part, Scorecard, rank
from policyledger.packs.mines.clauses import ENFORCEMENT
from policyledger.packs.mines.district import DistrictMonthView, district_month
from policyledger.packs.mines.inputs import district_name
from policyledger.packs.mines.ledgers import DistrictMonthInput, RankingInput
from policyledger.rules import ParameterView, RuleInputError, label, rule

COMPONENTS = {
    "enforcement": "执法计划完成率",
    "closed_loop": "执法闭环率",
    "hazard_closure": "隐患按期整改率",
    "monitoring": "在线监测覆盖率",
    "standardization": "三级及以上标准化率",
    "mechanization": "大中型矿山机械化率",
    "large_medium": "大中型矿山比例达成度",
    "informatization": "安全管理信息化率",
}


@dataclass(frozen=True)
class RankedDistrict:
    rank: Annotated[int, label("名次")]
    district: Annotated[str, label("区县")]
    score: Annotated[float, label("得分", "分")]
    parts: Annotated[list[Part], label("得分构成（值 × 权重 = 得分）")]
    explanation: Annotated[str, label("说明")]
    missing: Annotated[list[str], label("数据缺失按0计的指标")]
    blacklisted: Annotated[list[str], label("列入“黑名单”的企业（矿山）")]


@dataclass(frozen=True)
class DistrictRanking:
    year: Annotated[int, label("年份")]
    month: Annotated[int, label("月份")]
    districts: Annotated[list[RankedDistrict], label("排名")]
    views: Annotated[list[DistrictMonthView], label("各区县月度视图")]
    unassigned_mines: Annotated[list[str], label("未填区县或区县不在排名中的矿山")]
    clause: Annotated[str, label("条款")]


def _share(done: int | None, due: int | None, cap: bool = False) -> tuple[float | None, str]:
    """(done ÷ due, detail); None when a fact is missing; ``nan`` marks nothing to count."""
    if done is None or due is None:
        return None, "未填报"
    if due == 0:
        return float("nan"), f"{done}/0"
    value = done / due
    return (min(value, 1.0) if cap else value), f"{done}/{due}"


def _components(view: DistrictMonthView) -> dict[str, tuple[float | None, str]]:
    out = {
        "enforcement": _share(view.inspections_done, view.inspections_planned, cap=True),
        "closed_loop": _share(view.rectifications_reviewed, view.violations, cap=True),
        "hazard_closure": _share(view.hazards_closed_on_time, view.hazards_due),
    }
    for key in list(COMPONENTS)[3:]:
        rate = view.rate(key)
        if rate.denominator == 0:
            out[key] = (float("nan"), "0/0")
        else:
            detail = f"{rate.numerator}/{rate.denominator}"
            if rate.target is not None and rate.target != 100:
                detail += f"，目标{rate.target:g}%"
            out[key] = (rate.attainment, detail)
    return out


def score_view(view: DistrictMonthView, p: ParameterView) -> tuple[Scorecard, list[str]]:
    """The district's scorecard and the components counted 0 for missing facts."""
    empty = float(p["ranking.empty_value"])
    parts, missing = [], []
    for key, (value, detail) in _components(view).items():
        weight_key = f"ranking.weight_{key}"
        period = p.period(weight_key)
        title = COMPONENTS[key]
        if value is None:
            missing.append(title)
            value, detail = 0.0, f"{detail}，按0计"
        elif value != value:  # nothing to count
            value, detail = empty, f"{detail}，无可计数对象按{empty:g}计"
        weight = float(period.value)
        parts.append(Part(key, title, value, weight, value * weight, detail, period.source.cite()))
    return Scorecard(view.district, parts, sum(part.contribution for part in parts)), missing


@rule(
    "mines.district_ranking",
    zh="重点区县非煤矿山安全监管执法月排名（含得分构成）",
    en="Monthly ranking of districts on mine-safety enforcement, with its make-up",
    cites=[ENFORCEMENT],
    parameters=[f"ranking.weight_{key}" for key in COMPONENTS] + ["ranking.empty_value"],
    uses=[district_month],
)
def district_ranking(inputs: RankingInput, p: ParameterView) -> DistrictRanking:
    """每个区县按 mines.district_month 算出月度视图，再算8项得分：执法计划完成率（最多计1）、
    执法闭环率（最多计1）、隐患按期整改率、在线监测覆盖率、三级及以上标准化率、大中型矿山
    机械化率、大中型矿山比例达成度（比例 ÷ 60%，最多计1）、安全管理信息化率；每项
    得分 = 值 × 权重（参数 ranking.weight_*，合计100分），总分为各项之和。无可计数对象的
    按 empty_value（1）计，未填报的按0计并列出。按总分从高到低排名，同分同名次（1, 2, 2, 4），
    同分按区县名排列。"""
    names = [district_name(d.district) or d.district for d in inputs.districts]
    if len(set(names)) != len(names):
        raise RuleInputError("districts: a district is listed twice")
    views, cards, missing = [], [], {}
    for facts in inputs.districts:
        if (facts.year, facts.month) != (inputs.year, inputs.month):
            raise RuleInputError(
                f"districts: {facts.district} is for {facts.year}-{facts.month:02d}, not "
                f"{inputs.year}-{inputs.month:02d}"
            )
        view = district_month(DistrictMonthInput(facts, inputs.mines, inputs.hazards), p)
        card, missed = score_view(view, p)
        views.append(view)
        cards.append(card)
        missing[view.district] = missed
    by_name = {v.district: v for v in views}
    ranked = [
        RankedDistrict(
            rank=r.rank,
            district=r.owner_key,
            score=r.score,
            parts=r.scorecard.parts,
            explanation=r.explanation,
            missing=missing[r.owner_key],
            blacklisted=by_name[r.owner_key].blacklisted,
        )
        for r in rank(cards)
    ]
    unassigned = sorted(m.id for m in inputs.mines if district_name(m.district) not in by_name)
    return DistrictRanking(
        year=inputs.year,
        month=inputs.month,
        districts=ranked,
        views=views,
        unassigned_mines=unassigned,
        clause=ENFORCEMENT.cite(),
    )
