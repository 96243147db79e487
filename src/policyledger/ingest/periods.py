"""The schedule a plan implies: when its targets start counting (the baseline date), the year
it ends, and how often owners must report.

A "十四五" plan starts from the end of 2020; a "（2022—2024年）" plan from the end of 2021; a
plan that names neither starts from the end of the year before it was signed. Text asking for
"季度监测" means quarterly reports, "月排名/月通报" monthly ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from policyledger.ingest.quantities import plan_period_end

DEFAULT_FREQUENCY = "quarterly"
_RANGE = re.compile(r"((?:19|20)\d\d)\s*[—\-－~～至到]\s*((?:19|20)\d\d)年")
_FIVE_YEAR = re.compile(r"十([一二三四五六七八九])五")
_MONTHLY = re.compile(r"月排名|月通报|月调度|月考核|按月|每月报送|月度监测")
_QUARTERLY = re.compile(r"季度监测|按季度|每季度|季度调度|季报")
_YEARLY = re.compile(r"年度考核|每年报送|按年度")


@dataclass(frozen=True)
class PlanPeriod:
    start: dt.date  # the baseline date targets are measured from
    end_year: int | None
    frequency: str


def plan_period(name: str, text: str, signed: dt.date | None) -> PlanPeriod:
    """The schedule of a plan from its name, its text and the date its document was signed."""
    start: dt.date | None = None
    end_year: int | None = None
    for source in (name, text):
        if m := _RANGE.search(source):
            first, last = int(m.group(1)), int(m.group(2))
            start, end_year = dt.date(first - 1, 12, 31), last
            break
        if m := _FIVE_YEAR.search(source):
            end_year = plan_period_end(m.group(1))
            start = dt.date(end_year - 5, 12, 31)
            break
    if start is None:
        year = signed.year if signed else dt.date.today().year
        start = dt.date(year - 1, 12, 31)
    return PlanPeriod(start, end_year, frequency_of(text))


def frequency_of(text: str) -> str:
    """How often a plan asks for progress: monthly, quarterly or yearly."""
    if _MONTHLY.search(text):
        return "monthly"
    if _QUARTERLY.search(text):
        return "quarterly"
    if _YEARLY.search(text):
        return "yearly"
    return DEFAULT_FREQUENCY


def deadline(year: int | None) -> dt.date | None:
    """A target "到2025年" is due at the end of 2025."""
    return dt.date(year, 12, 31) if year else None
