"""The bulletin's charts, drawn with matplotlib (Agg, imported only here and only when drawing):
targets by warning colour per plan, the headline targets' trajectories, and a ranking.

Each chart is a PNG at 200 dpi sized for the A4 text width (156 mm), with a title and axis
labels. A Chinese font is looked up before anything is drawn; without one the bulletin stops
with a one-line error instead of printing boxes. A chart with nothing to show is not drawn: the
bulletin says so in its text (``Bulletin.chart_notes``).
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from typing import Any

from policyledger.errors import PolicyLedgerError
from policyledger.reports.bulletin.model import COLOURS, Bulletin, Chart, RankTable, Trajectory
from policyledger.reports.bulletin.text import WARNING_NAMES

PREFERRED_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
)
TEXT_WIDTH_MM = 156.0
DPI = 200
FILL = {
    "red": "#c62828",
    "yellow": "#f2b400",
    "blue": "#1e66c8",
    "green": "#2e7d32",
    "grey": "#a7adb3",
}
PLANNED, REPORTED, TARGET = "#6b737b", "#0b5cad", "#2e7d32"
MAX_PLANS = 20
MAX_BARS = 45
_MM = 1 / 25.4


def cjk_font() -> str:
    """The first preferred Chinese font matplotlib knows; a one-line error when there is none."""
    from matplotlib import font_manager

    known = {entry.name for entry in font_manager.fontManager.ttflist}
    for name in PREFERRED_FONTS:
        if name in known:
            return name
    raise PolicyLedgerError("no Chinese font found: install fonts-noto-cjk")


def _rc(font: str) -> dict[str, Any]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [font, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 8.5,
        "axes.titlesize": 9.5,
        "axes.labelsize": 8.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _figure(height_mm: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(TEXT_WIDTH_MM * _MM, height_mm * _MM), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _png(figure, key: str, title: str, height_mm: float) -> Chart:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return Chart(key, title, buffer.getvalue(), TEXT_WIDTH_MM, height_mm)


def _wrap(text: str, width: int, lines: int = 2) -> str:
    parts = textwrap.wrap(text, width) or [text]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], parts[lines - 1][: width - 1] + "…"]
    return "\n".join(parts)


def plans_chart(bulletin: Bulletin) -> Chart | None:
    """(a) Targets by warning colour per plan: stacked horizontal bars with counts."""
    plans = [p for p in bulletin.plans if p.total]
    if not plans:
        return None
    title = "各方案目标预警情况"
    if len(plans) > MAX_PLANS:
        plans = sorted(plans, key=lambda p: -(p.counts.get("red", 0) + p.counts.get("yellow", 0)))
        plans = plans[:MAX_PLANS]
        title += f"（红黄灯最多的{MAX_PLANS}个方案）"
    plans.reverse()  # the first plan at the top
    height = 34 + 8 * len(plans)
    figure = _figure(height)
    axes = figure.add_subplot()
    longest = max(p.total for p in plans)
    for colour in COLOURS:
        lefts = [sum(p.counts.get(c, 0) for c in COLOURS[: COLOURS.index(colour)]) for p in plans]
        widths = [p.counts.get(colour, 0) for p in plans]
        bars = axes.barh(
            range(len(plans)),
            widths,
            left=lefts,
            color=FILL[colour],
            height=0.62,
            label=f"{WARNING_NAMES[colour]}（{bulletin.warnings.get(colour, 0)}）",
        )
        for bar, width in zip(bars, widths, strict=True):
            if width and width >= longest * 0.06:
                ink = "black" if colour in ("yellow", "grey") else "white"
                axes.text(
                    bar.get_x() + width / 2,
                    bar.get_y() + bar.get_height() / 2,
                    str(width),
                    ha="center",
                    va="center",
                    color=ink,
                    fontsize=7.5,
                )
    for index, plan in enumerate(plans):
        axes.text(plan.total + longest * 0.01, index, str(plan.total), va="center", fontsize=7.5)
    axes.set_yticks(range(len(plans)), [_wrap(p.name, 16) for p in plans], fontsize=7.5)
    axes.set_xlim(0, longest * 1.08)
    axes.set_ylim(-0.6, len(plans) - 0.4)
    axes.set_xlabel("目标数（个）")
    axes.set_ylabel("方案")
    axes.set_title(title)
    figure.legend(loc="lower center", ncols=5, frameon=False, fontsize=7.5)
    figure.tight_layout(rect=(0, 9 / height, 1, 1))
    return _png(figure, "plans", title, height)


def _panel(axes, item: Trajectory, as_of: dt.date) -> list:
    handles = []
    if item.planned:
        days, values = zip(*item.planned, strict=True)
        handles += axes.plot(
            days, values, linestyle="--", color=PLANNED, linewidth=1.2, label="序时进度（计划路径）"
        )
    if item.reported:
        days, values = zip(*item.reported, strict=True)
        size = 3.5 if len(days) <= 12 else 1.6
        handles += axes.plot(
            days, values, marker="o", markersize=size, color=REPORTED, linewidth=1.5, label="报送值"
        )
    handles.append(
        axes.axhline(item.goal, color=TARGET, linestyle=":", linewidth=1.4, label="目标值")
    )
    axes.axvline(as_of, color="#999999", linewidth=0.8)
    marker = WARNING_NAMES.get(item.warning, "")
    axes.set_title(_wrap(f"{item.title}（{marker}）", 20), fontsize=8.5)
    axes.set_xlabel("报告期（年末）", fontsize=7.5)
    axes.set_ylabel(item.axis_label, fontsize=7.5)
    axes.tick_params(labelsize=7)
    _year_ends(axes, item.start, max(item.end, as_of))
    axes.margins(y=0.15)
    return handles


def _year_ends(axes, start: dt.date, end: dt.date) -> None:
    """Ticks at each 31 December labelled with its year: a year's value sits at its own year."""
    from matplotlib.dates import DateFormatter, date2num
    from matplotlib.ticker import FixedLocator

    years = range(start.year, end.year + 1)
    step = max(1, -(-len(years) // 7))
    ticks = [date2num(dt.date(y, 12, 31)) for y in years[::step]]
    axes.xaxis.set_major_locator(FixedLocator(ticks))
    axes.xaxis.set_major_formatter(DateFormatter("%Y"))
    pad = dt.timedelta(days=120)
    axes.set_xlim(date2num(start - pad), date2num(end + pad))


def trajectory_chart(bulletin: Bulletin) -> Chart | None:
    """(b) The headline targets: planned path, reported values and target, a panel each."""
    items = [t for t in bulletin.trajectories if t.reported]
    if not items:
        return None
    columns = 1 if len(items) == 1 else 2
    rows = -(-len(items) // columns)
    height = 22 + 62 * rows
    figure = _figure(height)
    handles = []
    for index, item in enumerate(items):
        axes = figure.add_subplot(rows, columns, index + 1)
        found = _panel(axes, item, bulletin.as_of)
        if len(found) > len(handles):
            handles = found
    title = "重点目标走势（竖线为数据截止日）"
    figure.suptitle(title, fontsize=9.5)
    figure.legend(handles=handles, loc="lower center", ncols=3, frameon=False, fontsize=7.5)
    figure.tight_layout(rect=(0, 0.06 * 84 / height, 1, 1))
    return _png(figure, "trajectories", title, height)


def _ranking_to_draw(bulletin: Bulletin) -> RankTable | None:
    """The ranking with the most distinct scores (districts on a tie); None if both are empty."""
    tables = [t for t in bulletin.rankings if t.rows]
    if not tables:
        return None
    return max(tables, key=lambda t: len({round(r.score, 6) for r in t.rows}))


def ranking_chart(bulletin: Bulletin) -> Chart | None:
    """(c) A ranking as sorted horizontal bars of score, best at the top."""
    table = _ranking_to_draw(bulletin)
    if table is None:
        return None
    rows = table.rows[:MAX_BARS]
    title = f"{table.title}得分" + (f"（前{len(rows)}名）" if table.total > len(rows) else "")
    height = 30 + 3.8 * len(rows)
    figure = _figure(height)
    axes = figure.add_subplot()
    rows = list(reversed(rows))
    scores = [r.score for r in rows]
    colours = [FILL["green"] if s >= 0 else FILL["red"] for s in scores]
    axes.barh(range(len(rows)), scores, color=colours, height=0.66)
    span = max(max(scores), 0) - min(min(scores), 0) or 1
    for index, row in enumerate(rows):
        offset = span * 0.01 if row.score >= 0 else -span * 0.01
        axes.text(
            row.score + offset,
            index,
            row.score_text,
            va="center",
            ha="left" if row.score >= 0 else "right",
            fontsize=6.5,
        )
    axes.set_yticks(range(len(rows)), [f"{r.rank}. {r.name}" for r in rows], fontsize=6.5)
    axes.set_xlim(min(min(scores), 0) - span * 0.08, max(max(scores), 0) + span * 0.12)
    axes.set_ylim(-0.7, len(rows) - 0.3)
    axes.axvline(0, color="#555555", linewidth=0.6)
    axes.set_xlabel("得分（各项 值×权重 之和）")
    axes.set_ylabel("区县" if table.kind == "district" else "部门")
    axes.set_title(title)
    figure.tight_layout()
    return _png(figure, "ranking", title, height)


NOT_DRAWN = {
    "plans": "本期无已评估目标，未绘制各方案预警图。",
    "trajectories": "所涉目标尚无报送值，未绘制重点目标走势图。",
    "ranking": "本期无可排名的区县或部门，未绘制排名图。",
}
DRAWERS = {"plans": plans_chart, "trajectories": trajectory_chart, "ranking": ranking_chart}


def _draw_one(key: str, bulletin: Bulletin, font: str) -> Chart | None:
    """One chart under the bulletin's style (top level so that a worker process can run it)."""
    import matplotlib

    with matplotlib.rc_context(_rc(font)):
        return DRAWERS[key](bulletin)


class ChartJob:
    """Charts being drawn, in worker processes or (with one worker) on ``finish``."""

    def __init__(self, bulletin: Bulletin, font: str, workers: int) -> None:
        self.bulletin, self.font = bulletin, font
        self._pool: Any = None
        self._futures: dict[str, Any] = {}
        if workers > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(min(workers, len(DRAWERS)), mp_context=context)
            self._futures = {
                key: self._pool.submit(_draw_one, key, bulletin, font) for key in DRAWERS
            }

    def finish(self) -> None:
        """Wait for the charts and put them into ``bulletin.charts`` (or a note per chart)."""
        try:
            for key in DRAWERS:
                future = self._futures.get(key)
                chart = future.result() if future else _draw_one(key, self.bulletin, self.font)
                if chart is None:
                    self.bulletin.chart_notes[key] = NOT_DRAWN[key]
                else:
                    self.bulletin.charts[key] = chart
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)


def start_charts(bulletin: Bulletin, workers: int = 1) -> ChartJob:
    """Start drawing the charts; with ``workers`` > 1 each chart is drawn in a forked process
    while the caller goes on (not for threaded servers: they keep ``workers=1``)."""
    font = cjk_font()  # before drawing anything: no boxes, ever
    return ChartJob(bulletin, font, workers)


def draw_charts(bulletin: Bulletin, workers: int = 1) -> None:
    """Draw the charts into ``bulletin.charts``; note in ``chart_notes`` each one not drawn."""
    start_charts(bulletin, workers).finish()
