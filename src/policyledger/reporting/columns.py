"""The columns of a progress report — shared by the Excel template and the importer — and how
a header cell is recognised (Chinese, English, or both, as in "目标编号 target id")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column: its key (the CSV header), its Chinese and English header, its width in the
    template, and whether the reporter fills it in."""

    key: str
    zh: str
    en: str
    width: float
    fill_in: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("target_id", "目标编号", "target id", 10),
    Column("plan", "方案", "plan", 30),
    Column("clause", "条款", "clause path", 10),
    Column("metric", "指标", "metric", 32),
    Column("scope", "范围", "scope", 14),
    Column("unit", "单位", "unit", 10),
    Column("baseline", "基期", "baseline", 8),
    Column("target", "目标值", "target value", 12),
    Column("target_year", "目标年份", "target year", 9),
    Column("period", "报告期", "period", 12, fill_in=True),
    Column("value", "数值", "value", 14, fill_in=True),
    Column("note", "说明", "note", 32, fill_in=True),
    Column("source_url", "来源", "source URL", 32, fill_in=True),
)
REPORTER = Column("reporter", "报告单位", "reporter", 16)
BY_KEY = {c.key: c for c in (*COLUMNS, REPORTER)}
FILL_IN = ("period", "value", "note", "source_url")
REQUIRED = ("target_id", "period", "value")

_ALIASES: dict[str, str] = {}
for _column in (*COLUMNS, REPORTER):
    for _alias in (_column.key, _column.zh, _column.en):
        _ALIASES[_alias.lower().replace("_", " ")] = _column.key
_ALIASES.update({"source": "source_url", "url": "source_url", "year": "target_year"})

_HAN = re.compile(r"[\u3400-\u9fff]+")
_NOTES = re.compile(r"[（(【\[].*?[）)】\]]")


def header_forms(header: object) -> list[str]:
    """The forms a header cell is matched by: its text without notes in brackets, in lower case
    with "_" as a space; its Chinese characters alone; its other characters alone ("数值 value
    （%）" → "数值 value", "数值", "value"). Empty for a blank cell."""
    if header is None:
        return []
    text = unicodedata.normalize("NFKC", str(header)).strip().lstrip("\ufeff*")
    text = _NOTES.sub(" ", text).lower().replace("_", " ")
    text = " ".join(text.split())
    if not text:
        return []
    chinese = "".join(_HAN.findall(text))
    latin = " ".join(_HAN.sub(" ", text).split())
    return [c for c in dict.fromkeys((text, chinese, latin)) if c]


def column_key(header: object, aliases: dict[str, str] | None = None) -> str | None:
    """The column a header cell names ("目标编号", "target_id", "目标编号 target id",
    "数值 value（%）" …), or None. ``aliases`` maps header forms (:func:`header_forms`) to
    column keys; by default those of a progress report."""
    table = _ALIASES if aliases is None else aliases
    for candidate in header_forms(header):
        if candidate in table:
            return table[candidate]
    return None


def header_map(cells: tuple | list, aliases: dict[str, str] | None = None) -> dict[str, int]:
    """Column key → index for a header row (the first cell naming a column wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = column_key(cell, aliases)
        if key is not None and key not in found:
            found[key] = index
    return found


_RELATION_SIGNS = {">=": "≥", "<=": "≤", "≈": "≈", "=": "="}
_CHANGE_WORDS = {"decrease": "下降", "increase": "增长"}


def format_target(relation: str, value: float, change: str | None, per_year: bool) -> str:
    """A target's value as a reader writes it, without the unit: "下降 14", "≥ 1",
    "每年 ≥ 10", "年均 增长 5"."""
    number = f"{value:g}"
    if change:
        text = f"{_CHANGE_WORDS.get(change, change)} {number}"
    else:
        text = f"{_RELATION_SIGNS.get(relation, relation)} {number}"
    if per_year:
        text = ("年均 " if change else "每年 ") + text
    return text
