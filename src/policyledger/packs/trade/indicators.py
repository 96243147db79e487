"""``trade.indicators``: published foreign-trade figures against the trade plan's 2024 targets —
the city's total, general, processing and bonded-logistics trade and import share (二;
三、（二）4, 5), and the trade of the 一区两群 regions (三、（二）6), summed from their districts
when no region figure is given.

Only a full-year figure of the year asked can meet a target; a part-year figure is shown but
never counts, and a figure the source gave as a lower bound ("突破/exceeded") meets a target
only when the bound itself does (otherwise the status is ``unknown``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from policyledger.packs.trade.clauses import (
    TRADE_GOALS,
    TRADE_IMPORTS,
    TRADE_MODES,
    TRADE_REGIONS,
)
from policyledger.packs.trade.inputs import TradeFigure, TradeFigures
from policyledger.packs.trade.regions import (
    CITY,
    COUNTY_GROUPS,
    COUNTY_GROUPS_CODE,
    REGION_PARAMETERS,
    REGIONS,
    Bound,
    Figure,
    Scope,
    fmt,
    read_scope,
    region_members,
    scope_en,
    scope_zh,
    series,
)
from policyledger.rules import Citation, ParameterView, RuleInputError, label, rule

INDICATORS: dict[str, tuple[str, str]] = {
    "trade_total": ("外贸进出口总值", "total trade"),
    "trade_imports": ("进口", "imports"),
    "trade_exports": ("出口", "exports"),
    "trade_general": ("一般贸易进出口", "general trade"),
    "trade_processing": ("加工贸易进出口", "processing trade"),
    "trade_bonded_logistics": ("保税物流进出口", "bonded logistics trade"),
}
CITY_TARGETS: tuple[tuple[str, Citation], ...] = (
    ("trade_total", TRADE_GOALS),
    ("trade_general", TRADE_MODES),
    ("trade_processing", TRADE_MODES),
    ("trade_bonded_logistics", TRADE_MODES),
)
FULL_YEAR = ("year", "全年")
YUAN_100M = "亿元"
BILLION = ("billion yuan", "billion cny", "billion rmb")
Status = Literal["met", "not_met", "unknown", "partial_only", "no_data"]
STATUS_ZH = {
    "met": "已达到",
    "not_met": "未达到",
    "unknown": "无法判断（仅知下限）",
    "partial_only": "仅有部分期间数据",
    "no_data": "无数据",
}


@dataclass(frozen=True)
class FigureUsed:
    year: Annotated[int, label("年份")]
    period: Annotated[str, label("期间")]
    value: Annotated[float, label("数值")]
    source: Annotated[str | None, label("来源")]
    lower_bound: Annotated[bool, label("仅为下限")]
    bound: Annotated[
        Bound,
        label("下限类型", note="exact 确数；more_than 来源称“突破”；at_least 有区县未报的合计"),
    ]
    made_from: Annotated[list[str], label("由以下数据算得（区县相加，或进口 ÷ 总值）")]
    missing_parts: Annotated[list[str], label("未报数的区县（区域）")]


@dataclass(frozen=True)
class TargetRow:
    indicator: Annotated[str, label("指标")]
    indicator_zh: Annotated[str, label("指标（中文）")]
    scope: Annotated[str, label("范围")]
    scope_zh: Annotated[str, label("范围（中文）")]
    clause: Annotated[str, label("条款")]
    target: Annotated[float, label("2024年目标")]
    unit: Annotated[str, label("单位")]
    comparison: Annotated[str, label("比较（> 严格大于，≥ 含本数）")]
    year: Annotated[int, label("评估年份")]
    status: Annotated[Status, label("结论")]
    latest: Annotated[FigureUsed | None, label("最近全年数据（不晚于评估年份）")]
    gap: Annotated[float | None, label("距目标（目标 − 最近全年数据）")]
    share_of_target: Annotated[float | None, label("完成目标的比例", "%")]
    partial: Annotated[list[FigureUsed], label("评估年份的部分期间数据")]


@dataclass(frozen=True)
class IndicatorsResult:
    year: Annotated[int, label("评估年份")]
    target_year: Annotated[int, label("目标年份")]
    rows: Annotated[list[TargetRow], label("各项目标")]
    met: Annotated[int, label("已达到的目标数")]
    unassigned_districts: Annotated[list[str], label("不属于任何区域的区县（未合计）")]
    working: Annotated[list[str], label("计算过程")]
    working_en: Annotated[list[str], label("计算过程（英文）")]
    clauses: Annotated[list[str], label("条款")]


def _d(x: float) -> Decimal:
    return Decimal(str(x))


def _read(index: int, f: TradeFigure, members: dict[str, str]) -> Figure:
    where = f"figures[{index}]"
    if f.indicator not in INDICATORS:
        raise RuleInputError(
            f"{where}.indicator: '{f.indicator}' is not one of {', '.join(INDICATORS)}"
        )
    unit = f.unit.strip()
    if unit == YUAN_100M:
        value = _d(f.value)
    elif unit.lower() in BILLION:
        value = _d(f.value) * 10  # 1 billion yuan = 10亿元
    else:
        raise RuleInputError(f"{where}.unit: '{f.unit}' is not 亿元 or billion yuan")
    if value < 0:
        raise RuleInputError(f"{where}.value: {f.value:g} is negative")
    period = "year" if f.period.strip().lower() in FULL_YEAR else f.period.strip()
    scope = read_scope(f.scope, members)
    bound: Bound = "more_than" if f.lower_bound else "exact"
    return Figure(f.indicator, scope, f.year, period, value, f.source, bound)


def _used(f: Figure) -> FigureUsed:
    return FigureUsed(
        f.year,
        f.period,
        float(f.value),
        f.source,
        f.bound != "exact",
        f.bound,
        list(f.made_from),
        list(f.missing_parts),
    )


def _status(f: Figure, target: Decimal, strict: bool) -> Status:
    """met or not_met for an exact figure; a bound meets the target when every value it
    allows does, and is unknown when some do and some do not."""
    above = f.value > target
    if above or (f.value == target and (f.bound == "more_than" or not strict)):
        return "met"
    return "not_met" if f.bound == "exact" else "unknown"


def _row(
    indicator: str,
    code: str,
    figures: list[Figure],
    target: float,
    unit: str,
    strict: bool,
    clause: Citation,
    year: int,
) -> TargetRow:
    full = [f for f in figures if f.period == "year" and f.year <= year]
    latest = max(full, key=lambda f: f.year, default=None)
    partial = [_used(f) for f in figures if f.year == year and f.period != "year"]
    status: Status
    gap = share = None
    if latest is not None:
        gap = float(_d(target) - latest.value)
        share = float(latest.value / _d(target) * 100) if target else None
    if latest is not None and latest.year == year:
        status = _status(latest, _d(target), strict)
    else:
        status = "partial_only" if partial else "no_data"
    name_zh = "进口占比" if indicator == "import_share" else INDICATORS[indicator][0]
    return TargetRow(
        indicator=indicator,
        indicator_zh=name_zh,
        scope=code,
        scope_zh=scope_zh(code),
        clause=clause.cite(),
        target=target,
        unit=unit,
        comparison=">" if strict else "≥",
        year=year,
        status=status,
        latest=None if latest is None else _used(latest),
        gap=gap,
        share_of_target=share,
        partial=sorted(partial, key=lambda u: u.period),
    )


def _import_share(figures: list[Figure]) -> list[Figure]:
    """Imports ÷ total × 100 of the whole city, per (year, period) with both figures; not
    computed when the total is only a lower bound (the share could be anything below)."""
    imports = {(f.year, f.period): f for f in figures if f.indicator == "trade_imports"}
    totals = {(f.year, f.period): f for f in figures if f.indicator == "trade_total"}
    out = []
    for key in sorted(imports.keys() & totals.keys()):
        i, t = imports[key], totals[key]
        if t.bound != "exact" or t.value == 0:
            continue
        sources = sorted({s for s in (i.source, t.source) if s})
        out.append(
            Figure(
                indicator="import_share",
                scope=Scope("city", CITY, None),
                year=key[0],
                period=key[1],
                value=i.value / t.value * 100,
                source="; ".join(sources) or None,
                bound=i.bound,
                made_from=(f"进口 {fmt(i.value)}", f"总值 {fmt(t.value)}"),
            )
        )
    return out


def _working(row: TargetRow) -> tuple[str, str]:
    """One line of working in Chinese and in English for ``row``."""
    where_zh = f"{row.scope_zh}·{row.indicator_zh}"
    where_en = f"{scope_en(row.scope)} · {row.indicator}"
    aim = f"目标 {row.comparison} {fmt(row.target)}{row.unit}"
    aim_en = f"target {row.comparison} {fmt(row.target)} {row.unit}"
    if row.latest is None:
        seen = "、".join(u.period for u in row.partial)
        extra = f"（仅有 {seen}）" if seen else ""
        extra_en = f" (only {seen})" if seen else ""
        return (
            f"{where_zh}：{row.year}年无全年数据{extra}，{aim} → {STATUS_ZH[row.status]}",
            f"{where_en}: no full-year figure for {row.year}{extra_en}; {aim_en} → {row.status}",
        )
    u = row.latest
    how = ""
    if row.indicator == "import_share" and u.made_from:
        how = "（" + " ÷ ".join(u.made_from) + " × 100）"
    elif u.made_from:
        how = "（" + " + ".join(u.made_from) + " 合计"
        how += f"，未报：{'、'.join(u.missing_parts)}）" if u.missing_parts else "）"
    bound = {"exact": "", "more_than": "（来源称突破此数）", "at_least": "（至少）"}[u.bound]
    bound_en = {"exact": "", "more_than": " (exceeded)", "at_least": " (at least)"}[u.bound]
    assessed = "" if u.year == row.year else f"；评估年份{row.year}年无全年数据"
    assessed_en = "" if u.year == row.year else f"; no full-year figure for {row.year}"
    share = f"{fmt(row.share_of_target)}%" if row.share_of_target is not None else "—"
    return (
        f"{where_zh}：{u.year}年全年 {fmt(u.value)}{row.unit}{bound}{how}，{aim}{assessed} → "
        f"{STATUS_ZH[row.status]}；距目标 {fmt(row.gap or 0)}，完成 {share}",
        f"{where_en}: {u.year} full year {fmt(u.value)} {row.unit}{bound_en}, {aim_en}"
        f"{assessed_en} → {row.status}; gap {fmt(row.gap or 0)}, {share} of target",
    )


@rule(
    "trade.indicators",
    zh="外贸规模、结构与区域布局目标完成情况（到2024年）",
    en="Foreign trade targets for 2024: total, trade modes, import share, regions",
    cites=[TRADE_GOALS, TRADE_IMPORTS, TRADE_MODES, TRADE_REGIONS],
    parameters=[
        "indicators.target_year",
        "indicators.trade_total",
        "indicators.trade_general",
        "indicators.trade_processing",
        "indicators.trade_bonded_logistics",
        "indicators.import_share",
        "indicators.import_share_inclusive",
        "indicators.breakthrough_strict",
        *REGION_PARAMETERS,
        "regions.central_urban_target",
        "regions.new_main_urban_target",
        "regions.county_groups_target",
        "regions.county_groups_target_scope",
    ],
)
def indicators(inputs: TradeFigures, p: ParameterView) -> IndicatorsResult:
    """对评估年份逐项比较：全市进出口总值 > 1万亿元、一般贸易 > 3500亿元、加工贸易 > 4500亿元、
    保税物流 > 2000亿元（“突破”严格大于，breakthrough_strict），进口占比 = 进口 ÷ 进出口总值
    （同年全年、全市）≥ 40%（“以上”含本数）；中心城区 > 8800亿元、主城新区 > 1000亿元、两群
    > 200亿元（county_groups_target_scope：默认两群合计）。单位 亿元；billion yuan × 10。
    区域没有自己的数据时，把所属区县（regions.* 名单）的数据相加；有区县未报数，合计只是下限。
    只有评估年份的全年数据能判定达到与否；仅有部分期间数据为 partial_only；下限数据达不到
    目标值时为 unknown。距目标 = 目标 − 最近全年数据，完成比例 = 最近全年数据 ÷ 目标。"""
    year = inputs.year
    target_year = p["indicators.target_year"]
    if year > target_year:
        raise RuleInputError(f"year: {year} is after the plan's target year {target_year}")
    members = region_members(p)
    figures: list[Figure] = []
    seen: dict[tuple, int] = {}
    for i, raw in enumerate(inputs.figures):
        f = _read(i, raw, members)
        key = (f.indicator, f.scope.kind, f.scope.code, f.year, f.period)
        if key in seen:
            raise RuleInputError(
                f"figures[{i}] repeats figures[{seen[key]}] (same indicator, scope, year and "
                "period)"
            )
        seen[key] = i
        if f.year <= year:
            figures.append(f)
    unassigned = list(
        dict.fromkeys(
            f.scope.code for f in figures if f.scope.kind == "district" and not f.scope.region
        )
    )
    strict = p["indicators.breakthrough_strict"]
    rows = [
        _row(
            code,
            CITY,
            series(code, CITY, figures, members),
            p[f"indicators.{code}"],
            YUAN_100M,
            strict,
            clause,
            year,
        )
        for code, clause in CITY_TARGETS
    ]
    city = [f for f in figures if f.scope.kind == "city"]
    rows.append(
        _row(
            "import_share",
            CITY,
            _import_share(city),
            p["indicators.import_share"],
            "%",
            not p["indicators.import_share_inclusive"],
            TRADE_IMPORTS,
            year,
        )
    )
    region_targets = [
        ("central_urban", p["regions.central_urban_target"]),
        ("new_main_urban", p["regions.new_main_urban_target"]),
    ]
    county_target = p["regions.county_groups_target"]
    if p["regions.county_groups_target_scope"] == "combined":
        region_targets.append((COUNTY_GROUPS_CODE, county_target))
    else:
        region_targets += [(group, county_target) for group in COUNTY_GROUPS]
    for code, target in region_targets:
        region = series("trade_total", code, figures, members)
        rows.append(
            _row("trade_total", code, region, target, YUAN_100M, strict, TRADE_REGIONS, year)
        )
    working, working_en = [], []
    for row in rows:
        zh, en = _working(row)
        working.append(zh)
        working_en.append(en)
    for name in unassigned:
        working.append(f"{name} 不属于 {'、'.join(REGIONS.values())} 任何一个，未计入区域合计")
        working_en.append(f"{name} is in no region: not summed into any region")
    cites = (TRADE_GOALS, TRADE_IMPORTS, TRADE_MODES, TRADE_REGIONS)
    return IndicatorsResult(
        year=year,
        target_year=target_year,
        rows=rows,
        met=sum(r.status == "met" for r in rows),
        unassigned_districts=unassigned,
        working=working,
        working_en=working_en,
        clauses=[c.cite() for c in cites],
    )
