"""The ledger's columns and words: what each column of a plan sheet holds (Chinese and English
header, what it means, how it is shown), the Chinese words for statuses, warning levels and
roles, and the colours of the warning levels."""

from __future__ import annotations

from dataclasses import dataclass

TEXT, WRAP, NUMBER, INTEGER, DATE, WARNING, LINK = (
    "text",
    "wrap",
    "number",
    "integer",
    "date",
    "warning",
    "link",
)


@dataclass(frozen=True)
class Column:
    """One column of a plan sheet: key, headers, meaning (for the notes), how its cells are
    shown, and the widest it may grow (in Excel's character units)."""

    key: str
    zh: str
    en: str
    meaning: str
    kind: str = TEXT
    max_width: float = 16


COLUMNS: tuple[Column, ...] = (
    Column("clause", "条款", "clause", "任务所在条款的编号路径，如 三/一/1", TEXT, 12),
    Column("task", "任务", "task", "任务（条款）的标题", WRAP, 30),
    Column("body", "责任单位", "responsible body", "责任单位或区县（名录中的简称）", WRAP, 22),
    Column("body_en", "责任单位（英文）", "body (English)", "责任单位的英文名称", WRAP, 36),
    Column(
        "role",
        "角色",
        "role",
        "牵头、配合、区县落实（各区县或该区县）、直接负责（对该目标单独负责）",
        TEXT,
        10,
    ),
    Column("metric", "指标", "metric", "量化目标的指标", WRAP, 28),
    Column("scope", "范围", "scope", "指标的适用范围，如 全市", WRAP, 14),
    Column("goal", "目标", "goal", "目标值（含关系与单位），如 ≥ 1万亿元、下降 14%", TEXT, 20),
    Column("unit", "单位", "unit", "目标值、最新值、序时进度和差距的单位", TEXT, 10),
    Column("year", "年份", "year", "目标年份", INTEGER, 8),
    Column("baseline", "基期", "baseline", "基期年份（下降/增长类目标）", TEXT, 8),
    Column(
        "latest",
        "最新值",
        "latest value",
        "截至数据日期的最新报告值；下降/增长类目标为自基期以来累计变化的百分比",
        NUMBER,
        14,
    ),
    Column("latest_end", "最新值期", "period end", "最新值所属报告期的截止日", DATE, 12),
    Column("expected", "序时进度", "expected", "按时间进度此时应达到的值（序时进度）", NUMBER, 14),
    Column("gap", "差距", "gap", "最新值减序时进度", NUMBER, 14),
    Column("status", "状态", "status", "评估状态", TEXT, 12),
    Column(
        "warning", "预警", "warning", "预警等级：红、黄、蓝、绿、灰（并以颜色标示）", WARNING, 8
    ),
    Column("missing", "应报未报", "reports missing", "截至数据日期应报而未报的期数", INTEGER, 10),
    Column("source", "来源", "source", "最新值的来源网址（可点击）", LINK, 40),
    Column("text", "原文", "source text", "文件中写明该目标的原文", WRAP, 60),
    Column(
        "target_id",
        "目标编号",
        "target id",
        "目标编号（与进度报告模板的目标编号相同）",
        INTEGER,
        10,
    ),
)
INDEX = {c.key: i for i, c in enumerate(COLUMNS)}

STATUSES = {
    "achieved": "已完成",
    "on_track": "进度正常",
    "behind": "滞后",
    "off_track": "反向变化",
    "overdue": "逾期未完成",
    "no_data": "无数据",
    "not_due": "未到期",
}
WARNINGS = {"red": "红", "yellow": "黄", "blue": "蓝", "green": "绿", "grey": "灰"}
WARNINGS_EN = {"red": "red", "yellow": "yellow", "blue": "blue", "green": "green", "grey": "grey"}
ROLES = {"owner": "直接负责", "lead": "牵头", "cooperating": "配合", "district": "区县落实"}
NOT_ASSESSED = "未评估"
ALL_DISTRICTS = ("各区县", "all districts and counties")

# fill and font colour (RGB) of each warning level: the word is always written as well
COLOURS = {
    "red": ("FF0000", "FFFFFF"),
    "yellow": ("FFFF00", "000000"),
    "blue": ("00B0F0", "000000"),
    "green": ("00B050", "FFFFFF"),
    "grey": ("BFBFBF", "000000"),
}

NUMBER_FORMATS = {"integer": "#,##0", "decimal": "#,##0.0#####", "year": "0"}
DATE_FORMAT = "yyyy-mm-dd"


def width(text: str) -> int:
    """Columns a text takes in a cell: CJK (and other wide) characters count double.

    Estimated from the UTF-8 length (C speed on large ledgers): characters of three or four
    bytes — CJK ideographs and full-width punctuation — take two columns."""
    size = len(text)
    return size + (len(text.encode("utf-8")) - size) // 2
