"""Reporting periods as people write them — "2024", "2024-Q3", "2024Q3", "2024-09", "2024H1",
"2024年", "2024年9月", "2024年第三季度" — and the dates they cover."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from policyledger.errors import PolicyLedgerError

_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PATTERNS = (
    (re.compile(r"^(\d{4})(?:年|年度)?$"), "year"),
    (re.compile(r"^(\d{4})[-\s]?[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})年第?([一二三四1-4])季度$"), "quarter"),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})年(\d{1,2})月$"), "month"),
    (re.compile(r"^(\d{4})[-\s]?[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})年(上|下)半年$"), "half"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "date"),
)


class PeriodError(PolicyLedgerError):
    """A period label that cannot be read."""


@dataclass(frozen=True)
class Period:
    """A reporting period: its canonical label and the first and last day it covers."""

    label: str
    start: dt.date
    end: dt.date
    kind: str


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """Read a period label; raise PeriodError with a one-line message if it is not one."""
    value = str(text).strip()
    for pattern, kind in _PATTERNS:
        m = pattern.match(value)
        if not m:
            continue
        year = int(m.group(1))
        if kind == "year":
            return Period(f"{year}", dt.date(year, 1, 1), dt.date(year, 12, 31), kind)
        if kind == "quarter":
            q = _QUARTERS[m.group(2)]
            return Period(
                f"{year}-Q{q}", dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q), kind
            )
        if kind == "month":
            month = int(m.group(2))
            if not 1 <= month <= 12:
                break
            return Period(
                f"{year}-{month:02d}", dt.date(year, month, 1), _month_end(year, month), kind
            )
        if kind == "half":
            h = 1 if m.group(2) in ("1", "上") else 2
            return Period(
                f"{year}-H{h}", dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h), kind
            )
        try:
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
        except ValueError:
            break
        return Period(day.isoformat(), day, day, kind)
    raise PeriodError(
        f"not a reporting period: {value!r} (write 2024, 2024-Q3, 2024-09 or 2024-H1)"
    )
