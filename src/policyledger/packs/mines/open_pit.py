"""Open-pit mines (二、（四）1): mining order and benching, and the online monitoring and
yearly stability analysis of high slopes and waste dumps."""

from __future__ import annotations

import datetime as dt

from policyledger.packs.mines.clauses import OPEN_PIT, SLOPES
from policyledger.packs.mines.findings import Check, Finding, MineFindings, result, scope
from policyledger.packs.mines.inputs import Mine
from policyledger.rules import ParameterView, rule


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@rule(
    "mines.open_pit_method",
    zh="露天矿山自上而下、台阶开采，严禁掏采或“一面墙”开采",
    en="Open pits: top-down order, benching, no undercutting or single-face mining",
    cites=[OPEN_PIT],
    parameters=["scope.operating_statuses"],
)
def open_pit_method(mine: Mine, p: ParameterView) -> MineFindings:
    """露天矿山（基建、生产）：开采顺序须自上而下（top_down 为是），须台阶开采（benching 为是），
    不得掏采或“一面墙”开采（undercutting 为否）。三项各为一个检查项；未填报的为 unknown。
    """
    checks = [
        ("top_down", "按照自上而下开采顺序", True, "改为自上而下开采", "Mine from the top down"),
        ("benching", "采用台阶开采", True, "按设计形成台阶，台阶开采", "Mine in benches"),
        (
            "undercutting",
            "严禁掏采或者“一面墙”开采",
            False,
            "立即停止掏采、“一面墙”开采，按设计整改",
            "Stop undercutting / single-face mining and restore the design",
        ),
    ]
    findings = []
    for fact, requirement, wanted, fix_zh, fix_en in checks:
        c = Check(mine, fact, OPEN_PIT, requirement)
        out = scope(c, ["open_pit"], p["scope.operating_statuses"]) or c.missing(fact)
        if out is None:
            value = getattr(mine, fact)
            text = "是" if value else "否"
            out = (
                c.passed(f"{requirement}：{text}")
                if value == wanted
                else c.failed(f"{requirement}：填报为{text}", fix_zh, fix_en)
            )
        findings.append(out)
    return result("mines.open_pit_method", mine, findings)


def _height_checks(mine: Mine, p: ParameterView, what: str, prefix: str) -> tuple[Finding, Finding]:
    """The monitoring and analysis checks of the slope (``prefix`` slope) or dump (dump)."""
    height_fact = f"{prefix}_height"
    monitor_fact = f"{prefix}_online_monitoring"
    date_fact = f"{prefix}_analysis_date"
    monitor_at = p[f"open_pit.{prefix}_monitoring_height"]
    analysis_at = p[f"open_pit.{prefix}_analysis_height"]
    months = p["open_pit.analysis_interval_months"]
    statuses = p["scope.monitoring_statuses"]
    qualifier = "堆置高度" if prefix == "dump" else "高度"

    need = f"现状{qualifier}{monitor_at}米及以上的{what}要进行在线监测"
    m = Check(mine, f"{prefix}_online_monitoring", SLOPES, need)
    monitor = scope(m, ["open_pit"], statuses) or m.missing(height_fact)
    if monitor is None:
        height = getattr(mine, height_fact)
        m.note(threshold=monitor_at)
        if height < monitor_at:
            monitor = m.not_applicable(f"{what}现状{qualifier}{height:g}米 < {monitor_at}米")
        else:
            monitor = m.missing(monitor_fact) or (
                m.passed(f"{what}现状{qualifier}{height:g}米 ≥ {monitor_at}米，已在线监测")
                if getattr(mine, monitor_fact)
                else m.failed(
                    f"{what}现状{qualifier}{height:g}米 ≥ {monitor_at}米，未进行在线监测",
                    f"对{what}实施在线监测并接入监管平台",
                    f"Put the {'dump' if prefix == 'dump' else 'slope'} on online monitoring",
                )
            )

    need = f"现状{qualifier}{analysis_at}米及以上的{what}要每年进行1次边坡稳定性分析"
    a = Check(mine, f"{prefix}_stability_analysis", SLOPES, need)
    analysis = scope(a, ["open_pit"], statuses) or a.missing(height_fact)
    if analysis is None:
        height = getattr(mine, height_fact)
        a.note(threshold=analysis_at)
        if height < analysis_at:
            analysis = a.not_applicable(f"{what}现状{qualifier}{height:g}米 < {analysis_at}米")
        elif (missing := a.missing(date_fact)) is not None:
            analysis = missing
        else:
            last = getattr(mine, date_fact)
            due = add_months(last, months)
            a.note(next_due=due.isoformat())
            if last > p.on:
                analysis = a.unknown(date_fact)
            elif p.on <= due:
                analysis = a.passed(
                    f"{what}{height:g}米 ≥ {analysis_at}米；最近一次稳定性分析{last}，"
                    f"{months}个月内（至{due}）有效"
                )
            else:
                analysis = a.failed(
                    f"{what}{height:g}米 ≥ {analysis_at}米；最近一次稳定性分析{last}，"
                    f"已超过{months}个月（应于{due}前再次分析）",
                    f"组织开展{what}边坡稳定性分析",
                    "Carry out the yearly slope stability analysis",
                )
    return monitor, analysis


@rule(
    "mines.slope_monitoring",
    zh="高边坡、高排土场在线监测与每年边坡稳定性分析",
    en="High slopes and dumps: online monitoring (≥ 200 m) and yearly stability analysis (≥ 100 m)",
    cites=[SLOPES],
    parameters=[
        "open_pit.slope_monitoring_height",
        "open_pit.slope_analysis_height",
        "open_pit.dump_monitoring_height",
        "open_pit.dump_analysis_height",
        "open_pit.analysis_interval_months",
        "scope.monitoring_statuses",
    ],
)
def slope_monitoring(mine: Mine, p: ParameterView) -> MineFindings:
    """露天矿山（基建、生产、停产）的边坡与排土场，各两项检查：

    在线监测：现状高度（排土场为现状堆置高度）≥ 200米（“及以上”含200）须在线监测；
    稳定性分析：≥ 100米须每年进行1次边坡稳定性分析——最近一次分析距检查日不超过12个月
    （分析日加12个月当日仍有效，次日起逾期）。高度低于门槛为 not_applicable；无排土场填0。
    分析日期晚于检查日的，无法判断检查日当时的情况（unknown）。
    """
    slope = _height_checks(mine, p, "边坡", "slope")
    dump = _height_checks(mine, p, "排土场", "dump")
    return result("mines.slope_monitoring", mine, [*slope, *dump])
