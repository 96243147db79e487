"""Find quantities ("14%", "4.32万吨", "1万家（次）", "百万青年") and target years ("到2025年",
"“十四五”期间", "2022—2024年") in normalised Chinese text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BASE_UNITS = sorted(
    (
        "个百分点",
        "个工作日",
        "个月",
        "平方公里",
        "平方千米",
        "平方米",
        "立方米",
        "千瓦时",
        "千瓦",
        "兆瓦",
        "吉瓦",
        "吨标准煤",
        "标准煤",
        "蒸吨",
        "公里",
        "千米",
        "公顷",
        "亩",
        "吨",
        "千克",
        "公斤",
        "美元",
        "欧元",
        "元",
        "人次",
        "人",
        "名",
        "位",
        "个",
        "家",
        "所",
        "项",
        "座",
        "条",
        "处",
        "台",
        "套",
        "辆",
        "艘",
        "架",
        "场",
        "次",
        "届",
        "批",
        "支",
        "部",
        "件",
        "种",
        "类",
        "户",
        "倍",
        "小时",
        "天",
        "张",
        "间",
        "床",
        "篇",
        "册",
        "本",
        "株",
        "棵",
        "头",
        "只",
        "根",
        "片",
        "块",
        "米",
        "层",
        "栋",
        "门",
        "组",
        "队",
        "对",
        "宗",
        "笔",
        "份",
        "标箱",
        "%",
        "‰",
    ),
    key=len,
    reverse=True,
)
_MAGNITUDE = "万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千"
_UNIT = (
    rf"(?:{_MAGNITUDE})?(?:{'|'.join(map(re.escape, _BASE_UNITS))})"
    r"(?:/(?:日|天|年|小时|人|户|人次))?(?:（次）)?"
)
_QUANTITY = re.compile(
    rf"(?<![\d.A-Za-z_{{〔第—\-~～])(\d+(?:\.\d+)?)({_UNIT})(?![A-Za-z0-9—\-~～])"
)
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_PLACES = {"十": 10, "百": 100, "千": 1000}
_CN_QUANTITY = re.compile(
    r"(?<![一二三四五六七八九十百千万亿两第])([一二三四五六七八九两]?[十百千])([万亿])"
    r"([\u4e00-\u9fff]{1,2})"
)

_YEAR = re.compile(r"(?:(\d{4})[—\-～~至到])?((?:19|20)\d\d)年")
_PLAN_PERIOD = re.compile(r"(?:到|至)?“?十([一二三四五六七八九])五”?(?:期间|时期|末|期末|规划期)")
_NOT_TARGET_YEAR = re.compile(r"(?:起|开始|以来|为基|基数|水平|的)")
_DATE_AFTER = re.compile(r"\d{1,2}月(?:\d{1,2}日)?")
_DEADLINE_AFTER = re.compile(r"\d{1,2}月(?:\d{1,2}日)?(?:底|末)?(?:前|以前)")
_BASELINE = re.compile(
    r"(?:比|较|相比|与)((?:19|20)\d\d)年|(?:比|较)“?(十[一二三四五六七八九]五)”?"
)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, where it sits in the text, and how it was written."""

    start: int
    end: int
    value: float
    unit: str
    chinese: bool = False

    @property
    def number(self) -> int | float:
        return int(self.value) if float(self.value).is_integer() else self.value


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in ``text`` (Arabic digits, and Chinese numerals with 万/亿)."""
    found = [
        Quantity(m.start(), m.end(), float(m.group(1)), m.group(2))
        for m in _QUANTITY.finditer(text)
    ]
    for m in _CN_QUANTITY.finditer(text):
        number = _chinese_number(m.group(1))
        found.append(Quantity(m.start(), m.end(), float(number), m.group(2) + m.group(3), True))
    found.sort(key=lambda q: q.start)
    return found


def _chinese_number(text: str) -> int:
    """ "五十" → 50, "百" → 100, "三千" → 3000."""
    digit = _CN_DIGITS.get(text[0], 1) if len(text) > 1 else 1
    return digit * _CN_PLACES[text[-1]]


def plan_period_end(number: str) -> int:
    """The last year of a five-year plan period: 十四五 → 2025."""
    return 1955 + 5 * (10 + "一二三四五六七八九".index(number) + 1)


@dataclass(frozen=True)
class YearMention:
    """A target-year expression and the year it names."""

    start: int
    end: int
    year: int


def find_years(text: str) -> list[YearMention]:
    """Expressions that set the target year of what follows them in a sentence.

    Baselines ("比2020年"), start dates ("从2019年起") and exact dates ("2019年1月1日") are not
    target years.
    """
    mentions = []
    for m in _YEAR.finditer(text):
        start, end = m.start(), m.end()
        before = text[max(0, start - 2) : start]
        after = text[end : end + 12]
        if before[-1:] in ("比", "较", "从", "自", "与", "于") or before.endswith(("相比", "以")):
            continue
        if _NOT_TARGET_YEAR.match(after):
            continue
        date = _DATE_AFTER.match(after)
        if date and not _DEADLINE_AFTER.match(after):
            continue
        mentions.append(YearMention(start, end, int(m.group(2))))
    for m in _PLAN_PERIOD.finditer(text):
        before = text[max(0, m.start() - 1) : m.start()]
        if before in ("比", "较"):
            continue
        mentions.append(YearMention(m.start(), m.end(), plan_period_end(m.group(1))))
    mentions.sort(key=lambda y: y.start)
    return mentions


def baseline_name(text: str) -> str | None:
    """ "比2020年" → "2020", "较“十三五”" → "十三五"."""
    m = _BASELINE.search(text)
    if not m:
        return None
    return m.group(1) or m.group(2)
