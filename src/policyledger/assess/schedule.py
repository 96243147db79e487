"""序时进度 — the value a target should have reached at a date, and the share of the way done.

Time is counted in months: a date's position is its month plus the elapsed share of that month,
so a month-, quarter- or year-end is a whole number of months and "three of five years gone" is
exactly 36/60. The schedule by kind of target (``model.kind``):

- level: linear from the baseline ``b`` at ``start`` to the target ``v`` at ``deadline``:
  ``b + (v − b)·(t − t0)/(T − t0)``; needs a baseline and a deadline;
- change ("比2020年下降14%"): the signed change expected at t, ``−14·(t − t0)/(T − t0)``;
- rate ("年均增长10%"): compound, the level ``b·(1 + r)^years(t − t0)``; needs a baseline;
- per-year output ("每年举办100场"): each calendar year on its own, ``v·(share of the year gone)``.

Before ``start`` the schedule is at its start; after the deadline it stays at the target.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from policyledger.assess.model import CHANGE, LEVEL, PER_YEAR, RATE, TargetSpec, kind, signed_target


@lru_cache(maxsize=4096)
def month_index(day: date) -> float:
    """Months since year 0 at the end of ``day``: 2020-12-31 → 2020·12 + 12."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return day.year * 12 + (day.month - 1) + day.day / days_in_month


def months_between(earlier: date, later: date) -> float:
    """Months from the end of ``earlier`` to the end of ``later`` (negative if reversed)."""
    return month_index(later) - month_index(earlier)


def share_of_year(day: date) -> float:
    """The share of ``day``'s calendar year gone at its end: 1.0 on 31 December, 0.5 on 30 June."""
    return months_between(date(day.year - 1, 12, 31), day) / 12


def time_share(target: TargetSpec, at: date) -> float | None:
    """``(t − t0)/(T − t0)``, kept within 0..1; None without a deadline."""
    if target.deadline is None:
        return None
    share = months_between(target.start, at) / months_between(target.start, target.deadline)
    return min(max(share, 0.0), 1.0)


def expected_value(target: TargetSpec, at: date) -> float | None:
    """The value the target should show at ``at`` (序时进度), or None when it cannot be computed.

    For a change the result is the signed change (14% decrease, 3 of 5 years gone → −8.4); for a
    rate it is the compound level; for a per-year output the count due so far in ``at``'s year.
    None for a level without a baseline or a level or change without a deadline.
    """
    shape = kind(target)
    signed = signed_target(target)
    if shape == PER_YEAR:
        if at <= target.start:
            return 0.0
        past_deadline = target.deadline is not None and at >= target.deadline
        return signed if past_deadline else signed * share_of_year(at)
    if shape == RATE:
        if target.baseline_value is None:
            return None
        end = at if target.deadline is None else min(at, target.deadline)
        years = max(months_between(target.start, end), 0.0) / 12
        return target.baseline_value * (1 + signed / 100) ** years
    share = time_share(target, at)
    if share is None:
        return None
    if shape == CHANGE:
        return signed * share
    if target.baseline_value is None:
        return None
    assert shape == LEVEL
    return target.baseline_value + (target.value - target.baseline_value) * share


def average_rate(rates: Sequence[float]) -> float:
    """The average annual rate in % of yearly rates in %: ``(Π(1 + r/100))^(1/n) − 1``."""
    if not rates:
        raise ValueError("no rates to average")
    growth = math.prod(1 + r / 100 for r in rates)
    if growth <= 0:
        return -100.0
    return (growth ** (1 / len(rates)) - 1) * 100


def progress(target: TargetSpec, value: float, rates: Sequence[float] = ()) -> float | None:
    """The share of the way from the baseline to the target that ``value`` has gone.

    Level: ``(x − b)/(v − b)``; change: ``x/signed target``; per-year: ``x/v`` (this year's share);
    rate: the cumulative growth of the yearly ``rates`` over the growth the target compounds to by
    the deadline. None when the baseline or deadline it needs is missing.
    """
    shape = kind(target)
    signed = signed_target(target)
    if shape in (CHANGE, PER_YEAR):
        return value / signed if signed else None
    if shape == RATE:
        if target.deadline is None or not rates or not signed:
            return None
        years = months_between(target.start, target.deadline) / 12
        required = (1 + signed / 100) ** years - 1
        return (math.prod(1 + r / 100 for r in rates) - 1) / required
    if target.baseline_value is None or target.value == target.baseline_value:
        return None
    return (value - target.baseline_value) / (target.value - target.baseline_value)
