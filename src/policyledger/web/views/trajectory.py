"""A target's trajectory chart, built server-side as an ECharts option: the planned path
(序时进度, from the plan's start to the target at the deadline, by ``assess.expected_value``),
the values reported, and the target as a horizontal line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from policyledger.assess import TargetSpec, expected_value, kind, signed_target
from policyledger.assess.model import PER_YEAR
from policyledger.storage.models import Observation, Plan, Target

PLANNED, REPORTED, TARGET = "#8a939c", "#0b5cad", "#2e7d32"


def _round(value: float) -> float:
    return float(f"{value:.6g}")


def _text(value: float) -> str:
    return f"{_round(value):f}".rstrip("0").rstrip(".")


def path_dates(
    spec: TargetSpec, plan: Plan, reported: Sequence[dt.date], today: dt.date | None
) -> list[dt.date]:
    """Where to sample the planned path: the plan's start, every year end up to the deadline
    (or the plan's last year), the deadline, and each reported period in between; for a
    per-year output also each 1 January, where the count starts again."""
    if spec.deadline is not None:
        end = spec.deadline
    elif plan.end_year is not None:
        end = dt.date(plan.end_year, 12, 31)
    else:
        end = max([*reported, today or spec.start, spec.start])
    dates = {spec.start, end}
    for year in range(spec.start.year, end.year + 1):
        dates.add(dt.date(year, 12, 31))
        if kind(spec) == PER_YEAR and year > spec.start.year:
            dates.add(dt.date(year, 1, 1))
    dates.update(reported)
    return sorted(d for d in dates if spec.start <= d <= end)


def planned_path(
    spec: TargetSpec, plan: Plan, reported: Sequence[dt.date], today: dt.date | None = None
) -> list[tuple[dt.date, float]]:
    """The expected value at each sampled date; empty when it cannot be computed (a level
    target without a baseline value)."""
    points = []
    for day in path_dates(spec, plan, reported, today):
        value = expected_value(spec, day)
        if value is not None:
            points.append((day, value))
    return points


def chart_option(
    target: Target,
    spec: TargetSpec,
    plan: Plan,
    observations: Sequence[Observation],
    t: Callable[[str], str],
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The ECharts option of the trajectory chart, with labels in the page's language."""
    reported = [(o.period_end, o.value) for o in observations]
    planned = planned_path(spec, plan, [d for d, _ in reported], today)
    goal = signed_target(spec)
    dates = [d for d, _ in planned + reported] or [spec.start]
    line_end = max(spec.deadline or max(dates), max(dates))
    label = f"{t('pl_chart_target')} {_text(goal)}{target.unit}"
    y_name = target.unit if target.change is None else f"{t('pl_chart_change')} ({target.unit})"
    series: list[dict[str, Any]] = [
        {
            "name": t("pl_chart_planned"),
            "type": "line",
            "data": [[d.isoformat(), _round(v)] for d, v in planned],
            "showSymbol": False,
            "lineStyle": {"type": "dashed", "width": 2},
            "itemStyle": {"color": PLANNED},
        },
        {
            "name": t("pl_chart_reported"),
            "type": "line",
            "data": [[d.isoformat(), _round(v)] for d, v in reported],
            "showSymbol": True,
            "symbol": "circle",
            "symbolSize": 9,
            "lineStyle": {"width": 3},
            "itemStyle": {"color": REPORTED},
        },
        {
            "name": t("pl_chart_target"),
            "type": "line",
            "data": [[min(dates).isoformat(), goal], [line_end.isoformat(), goal]],
            "showSymbol": False,
            "lineStyle": {"type": "dotted", "width": 2},
            "itemStyle": {"color": TARGET},
            "endLabel": {"show": True, "formatter": label},
        },
    ]
    return {
        "aria": {"enabled": True},
        "animation": False,
        "grid": {"left": 64, "right": 96, "top": 48, "bottom": 48},
        "legend": {"top": 8, "data": [s["name"] for s in series]},
        "tooltip": {"trigger": "axis"},
        "xAxis": {
            "type": "time",
            "name": t("pl_chart_x"),
            "nameLocation": "middle",
            "nameGap": 30,
            # full dates: a year's value (period end 31 Dec) sits at the next year's first tick
            "axisLabel": {"formatter": "{yyyy}-{MM}-{dd}", "hideOverlap": True},
        },
        "yAxis": {"type": "value", "name": y_name, "scale": True},
        "series": series,
    }
