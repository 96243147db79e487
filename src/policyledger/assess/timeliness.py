"""Reporting timeliness: which reports were due, which arrived on time, late, or not at all.

A target's owner reports at its ``frequency`` (monthly, quarterly, yearly). Periods are calendar
months, quarters or years, from the one containing the day after ``start`` up to the one that
contains the deadline (no end when there is none); the report for a period is due
``rules.report_due_days`` days after the period ends. An observation counts for the period that
contains its ``period_end``; ``received=None`` (loaded official statistics) counts as on time, and
an observation received after ``as_of`` was not yet there at ``as_of``. Of several observations for
one period the earliest received counts. A due period with no observation is a finding of its own:
"reports not received".
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from heapq import merge
from itertools import islice
from operator import itemgetter

from policyledger.assess.model import Observation, TargetSpec
from policyledger.assess.rules import Rules

_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass(frozen=True)
class Period:
    """One reporting period (first and last day), the date its report is due, a Chinese label."""

    start: date
    end: date
    due: date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Timeliness:
    """A target's reporting record at ``as_of``; ``share_on_time`` is None when nothing was due."""

    target_key: str
    as_of: date
    frequency: str
    due: list[Period]
    on_time: list[Period]
    late: list[Period]
    missing: list[Period]
    share_on_time: float | None
    late_received: tuple[date, ...] = ()  # when each late report arrived, aligned with ``late``

    def first_findings(self, keep: int) -> list[str]:
        """The first ``keep`` findings, and how many more there are (cheap: the text of the
        others is not built)."""
        total = len(self.missing) + len(self.late)
        head = islice(self._events(), keep)
        notes = [_finding(period, received) for _, _, period, received in head]
        return notes if total <= keep else [*notes, f"……另有{total - keep}条报送问题"]

    def _events(self) -> Iterator[tuple[date, int, Period, date | None]]:
        """Missing and late reports in period order (both lists already are)."""
        missing = ((p.start, 0, p, None) for p in self.missing)
        late = ((p.start, 1, p, r) for p, r in zip(self.late, self.late_received, strict=True))
        return merge(missing, late, key=itemgetter(0, 1))

    @property
    def findings(self) -> list[str]:
        """The reports not received and those received late, in Chinese, oldest first (built
        on demand: a full assessment does not need the text of every finding)."""
        return [_finding(period, received) for _, _, period, received in self._events()]


def _finding(period: Period, received: date | None) -> str:
    if received is None:
        return f"{period.label}报告未收到（应于{period.due.isoformat()}前报送）"
    lag = (received - period.due).days
    return (
        f"{period.label}报告{received.isoformat()}收到，"
        f"迟于报送期限{period.due.isoformat()} {lag}天"
    )


def periods(target: TargetSpec, rules: Rules) -> Iterator[Period]:
    """The target's reporting periods in order (endless when it has no deadline)."""
    return _periods(target.start, target.deadline, target.frequency, rules.report_due_days)


def _periods(start: date, deadline: date | None, frequency: str, due_days: int) -> Iterator[Period]:
    step = _MONTHS[frequency]
    first = start + timedelta(days=1)
    year, month = first.year, (first.month - 1) // step * step + 1
    while True:
        begin = date(year, month, 1)
        if deadline is not None and begin > deadline:
            return
        last_month = month + step - 1
        end = date(year, last_month, calendar.monthrange(year, last_month)[1])
        yield Period(begin, end, end + timedelta(days=due_days), _label(frequency, begin))
        year, month = (year + 1, 1) if last_month == 12 else (year, last_month + 1)


def due_periods(target: TargetSpec, as_of: date, rules: Rules) -> list[Period]:
    """The periods whose report was due on or before ``as_of``."""
    keyed = _due_periods(
        target.start, target.deadline, target.frequency, rules.report_due_days, as_of
    )
    return [period for _, period in keyed]


def _period_key(day: date, step: int) -> int:
    """The same number for every day of one reporting period."""
    return day.year * 12 + (day.month - 1) // step


@lru_cache(maxsize=1024)
def _due_periods(
    start: date, deadline: date | None, frequency: str, due_days: int, as_of: date
) -> tuple[tuple[int, Period], ...]:
    """Targets of one plan share a schedule: their due periods (with their keys) are computed
    once."""
    step = _MONTHS[frequency]
    found = []
    for period in _periods(start, deadline, frequency, due_days):
        if period.due > as_of:
            break
        found.append((_period_key(period.start, step), period))
    return tuple(found)


def next_due(target: TargetSpec, as_of: date, rules: Rules) -> Period | None:
    """The first period whose report is due after ``as_of``, or None when none remains."""
    return next((p for p in periods(target, rules) if p.due > as_of), None)


def reporting(
    target: TargetSpec, observations: Iterable[Observation], as_of: date, rules: Rules
) -> Timeliness:
    """Which due reports arrived on time, late, or not at all by ``as_of``."""
    keyed = _due_periods(
        target.start, target.deadline, target.frequency, rules.report_due_days, as_of
    )
    due = [period for _, period in keyed]
    step = _MONTHS[target.frequency]
    # the earliest arrival per period (None, loaded statistics, counts as on time), in one pass
    first_arrival: dict[int, date | None] = {}
    for period_end, _, received in observations:
        if received is not None and received > as_of:
            continue
        key = period_end.year * 12 + (period_end.month - 1) // step
        if key not in first_arrival:
            first_arrival[key] = received
        else:
            earlier = first_arrival[key]
            if earlier is not None and (received is None or received < earlier):
                first_arrival[key] = received
    on_time: list[Period] = []
    late: list[Period] = []
    late_received: list[date] = []
    missing: list[Period] = []
    for key, period in keyed:
        if key not in first_arrival:
            missing.append(period)
            continue
        received = first_arrival[key]
        if received is None or received <= period.due:
            on_time.append(period)
        else:
            late.append(period)
            late_received.append(received)
    share = len(on_time) / len(due) if due else None
    return Timeliness(
        target_key=target.key,
        as_of=as_of,
        frequency=target.frequency,
        due=due,
        on_time=on_time,
        late=late,
        missing=missing,
        share_on_time=share,
        late_received=tuple(late_received),
    )


def _label(frequency: str, start: date) -> str:
    if frequency == "monthly":
        return f"{start.year}年{start.month}月"
    if frequency == "quarterly":
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年"
