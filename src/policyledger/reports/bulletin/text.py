"""The bulletin's Chinese wording: periods and dates as an official document writes them,
numbers and signed gaps in a target's unit, clause paths, and the one-paragraph summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from policyledger.assess.wording import num
from policyledger.storage.periods import Period, PeriodError, parse_period

WARNING_NAMES = {"red": "红灯", "yellow": "黄灯", "blue": "蓝灯", "green": "绿灯", "grey": "灰灯"}
STATUS_NAMES = {
    "achieved": "已完成",
    "on_track": "进度正常",
    "behind": "滞后于序时进度",
    "off_track": "反向变化",
    "overdue": "逾期未完成",
    "no_data": "无数据",
    "not_due": "未到报送期",
}
_QUARTERS = "一二三四"
_RELATIONS = {">=": "≥", "<=": "≤", "≈": "≈", "=": "="}
MINUS = "−"


def date_text(day: dt.date) -> str:
    """2026-11-27 → 2026年11月27日 (GB/T 9704: Arabic numerals, year, month and day in full)."""
    return f"{day.year}年{day.month}月{day.day}日"


def period_text(period: Period) -> str:
    """A period as a heading writes it: 2024年12月, 2024年第四季度, 2024年上半年, 2024年."""
    year = period.start.year
    if period.kind == "month":
        return f"{year}年{period.start.month}月"
    if period.kind == "quarter":
        return f"{year}年第{_QUARTERS[(period.start.month - 1) // 3]}季度"
    if period.kind == "half":
        return f"{year}年{'上' if period.start.month == 1 else '下'}半年"
    if period.kind == "year":
        return f"{year}年"
    return date_text(period.end)


def label_text(label: str | None) -> str:
    """A stored period label ("2024", "2024-Q3") in words; the label itself if unreadable."""
    if not label:
        return "—"
    try:
        return period_text(parse_period(label))
    except PeriodError:
        return label


def number(value: float | None) -> str:
    """Six significant digits, no exponent; a true minus sign; "—" for nothing."""
    if value is None:
        return "—"
    text = num(value)
    return MINUS + text[1:] if text.startswith("-") else text


def signed(value: float | None) -> str:
    """A signed number: +0.5, −0.28458, 0."""
    if value is None:
        return "—"
    text = number(value)
    return f"+{text}" if value > 0 and text != "0" else text


def in_unit(value: float | None, unit: str, sign: bool = False) -> str:
    """A value in a target's unit; "—" for nothing."""
    if value is None:
        return "—"
    return f"{signed(value) if sign else number(value)}{unit}"


def gap_text(gap: float | None, unit: str) -> str:
    """latest − expected, signed; a difference of percentages is in 个百分点."""
    if gap is None:
        return "—"
    return f"{signed(gap)}{'个百分点' if unit == '%' else unit}"


def goal_text(value: float, unit: str, change: str | None, relation: str, per_year: bool) -> str:
    """A target's goal in words: 下降≥14%, ≥1万亿元, 每年≥10场, 年均增长≥10%."""
    rel = _RELATIONS.get(relation, relation)
    amount = f"{number(value)}{unit}"
    if change:
        verb = "下降" if change == "decrease" else "增长"
        return f"{'年均' if per_year else '比基期'}{verb}{rel}{amount}"
    return f"{'每年' if per_year else ''}{rel}{amount}"


def clause_text(path: str | None) -> str:
    """A clause path "三/一/1" as the document numbers it: 三（一）1; "二" stays 二."""
    if not path:
        return "（未编号）"
    parts = path.split("/")
    out = parts[0]
    for depth, part in enumerate(parts[1:], start=1):
        out += f"（{part}）" if depth == 1 else part
    return out


def excerpt(text: str, limit: int = 90) -> str:
    """A clause excerpt on one line, cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def owners_text(names: list[str], keep: int = 3) -> str:
    if not names:
        return "未明确责任单位"
    shown = "、".join(names[:keep])
    return shown + (f"等{len(names)}个单位" if len(names) > keep else "")


def summary(
    scope: str,
    as_of: dt.date,
    plans: int,
    warnings: Mapping[str, int],
    statuses: Mapping[str, int],
    due: int,
    missing: int,
    late: int,
) -> str:
    """The one-paragraph summary: targets by warning colour and by status, reports missing."""
    total = sum(warnings.values())
    colours = "、".join(f"{WARNING_NAMES[c]}{warnings.get(c, 0)}个" for c in WARNING_NAMES)
    states = "、".join(f"{STATUS_NAMES[s]}{statuses[s]}个" for s in STATUS_NAMES if statuses.get(s))
    text = (
        f"截至{date_text(as_of)}，{scope}纳入台账的{plans}个方案共有量化目标{total}个，"
        f"其中{colours}。按完成状态分：{states or '无'}。"
        f"应报送进度报告{due}期，未收到{missing}期"
    )
    text += f"，逾期报送{late}期。" if late else "。"
    return text


def method_notes() -> list[str]:
    """How to read the bulletin: colours, 序时进度 and the gap, the score, the sources."""
    from policyledger.assess import load_rules

    rules = load_rules()

    def states(colour: str) -> str:
        return "、".join(STATUS_NAMES[s] for s, c in rules.status_colours.items() if c == colour)

    weights = "、".join(
        f"{w.label}{number(w.weight)}" for w in (rules.green, rules.red, rules.on_time)
    )
    return [
        f"预警等级：{states('red')}为红灯，{states('yellow')}为黄灯，进度正常但距期限不足"
        f"{rules.blue_days}天尚未完成为蓝灯，{states('green')}为绿灯，{states('grey')}为灰灯"
        "（参照发改办环资〔2021〕629号的三级预警做法）。",
        "序时进度：按方案起点至目标期限的时间进度推算的应达值；差距＝最新值－序时进度，"
        "变化类目标按比基期的带符号变化计算，百分比之差以百分点表示。",
        f"排名得分：各项“值×权重＝贡献”之和（权重：{weights}），得分相同者名次并列。",
        f"按时报送：报告期结束后{rules.report_due_days}日内收到为按时；未收到的期数计入应报未报。",
        "来源：每项目标均注明所在方案条款（摘录原文）及最新值的数据来源；列表只列出最突出的"
        "若干项，完整清单见政策台账。",
    ]


HEADINGS = {
    "overview": "一、总体情况",
    "red": "二、红灯目标",
    "yellow": "三、黄灯目标",
    "trend": "四、重点目标走势",
    "ranking": "五、排名情况",
    "missing": "六、应报未报情况",
    "notes": "七、说明",
}
RANK_HEADINGS = {"district": "（一）区县排名", "department": "（二）部门排名"}
_NUMERALS = "一二三四五六七八九十"
_OWN_SECTIONS = 6  # 一 to 六 above; the packs' sections follow, then the notes


def numbered(index: int, title: str) -> str:
    """The ``index``-th (from 0) level-1 heading: numbered(6, "说明") → 七、说明."""
    number = index + 1
    if number <= 10:
        words = _NUMERALS[number - 1]
    else:
        tens, ones = divmod(number, 10)
        words = (
            ("" if tens == 1 else _NUMERALS[tens - 1])
            + "十"
            + (_NUMERALS[ones - 1] if ones else "")
        )
    return f"{words}、{title}"


def pack_headings(bulletin) -> list[str]:
    """The headings of the sections rule packs add, numbered after the bulletin's own."""
    return [numbered(_OWN_SECTIONS + i, s.title) for i, s in enumerate(bulletin.sections)]


def notes_heading(bulletin) -> str:
    """The notes' heading, after the packs' sections: 七、说明 when there is none."""
    return numbered(_OWN_SECTIONS + len(bulletin.sections), "说明")


_RANK_NOUNS = {"district": "区县（含开发区）", "department": "部门和单位"}


def list_intro(warning: str, total: int, shown: int) -> str:
    name = WARNING_NAMES[warning]
    if not total:
        return f"本期无{name}目标。"
    which = "全部列出" if shown == total else f"列出最突出的{shown}项"
    return f"本期{name}目标共{total}项，按完成进度由低到高{which}，每项注明条款与数据来源。"


def rest_note(rest: int, noun: str = "项") -> str:
    return f"其余{rest}{noun}见台账。" if rest > 0 else ""


def ranking_intro(kind: str, total: int, shown: int) -> str:
    noun = _RANK_NOUNS[kind]
    if not total:
        return f"本期没有可排名的{noun}。"
    which = "" if shown == total else f"，列出前{shown}名"
    return f"共{total}个{noun}参与排名{which}；各项得分按“值×权重＝贡献”列出。"


def missing_intro(periods: int, owners: int, shown: int) -> str:
    if not periods:
        return "本期无应报未报的进度报告。"
    which = "" if shown == owners else f"，列出未报期数最多的{shown}个"
    return f"应报未报共{periods}期，涉及{owners}个责任单位{which}。"


ISSUER = "政策台账 自动生成"
PLAN_ROWS = 50


def scope_line(bulletin) -> str:
    """The period, the data date, the plans covered and when the assessment was computed."""
    plans = len(bulletin.plans)
    scope = (
        f"名称含“{bulletin.plan_filter}”的方案{plans}个"
        if bulletin.plan_filter
        else f"台账中全部方案{plans}个"
    )
    line = f"通报期：{bulletin.period_text}；数据截至：{date_text(bulletin.as_of)}；范围：{scope}"
    if bulletin.computed_at is not None:
        line += f"；评估计算于{date_text(bulletin.computed_at.date())}"
    return line + "。"


def trend_intro(bulletin) -> str:
    items = [t for t in bulletin.trajectories if t.reported]
    if not items:
        return bulletin.chart_notes.get("trajectories", "所涉目标尚无报送值。")
    flagged = all(t.warning in ("red", "yellow") for t in items)
    which = "红黄灯目标中报送值最多的" if flagged else "报送值最多的"
    return (
        f"下图为{which}{len(items)}项目标的走势：虚线为序时进度（计划路径），"
        "实线为报送值，点线为目标值。"
    )
