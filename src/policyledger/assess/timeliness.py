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
    findings: list[str]


def periods(target: TargetSpec, rules: Rules) -> Iterator[Period]:
    """The target's reporting periods in order (endless when it has no deadline)."""
    step = _MONTHS[target.frequency]
    first = target.start + timedelta(days=1)
    year, month = first.year, (first.month - 1) // step * step + 1
    while True:
        start = date(year, month, 1)
        if target.deadline is not None and start > target.deadline:
            return
        last_month = month + step - 1
        end = date(year, last_month, calendar.monthrange(year, last_month)[1])
        due = end + timedelta(days=rules.report_due_days)
        yield Period(start, end, due, _label(target.frequency, start))
        year, month = (year + 1, 1) if last_month == 12 else (year, last_month + 1)


def due_periods(target: TargetSpec, as_of: date, rules: Rules) -> list[Period]:
    """The periods whose report was due on or before ``as_of``."""
    found = []
    for period in periods(target, rules):
        if period.due > as_of:
            break
        found.append(period)
    return found


def next_due(target: TargetSpec, as_of: date, rules: Rules) -> Period | None:
    """The first period whose report is due after ``as_of``, or None when none remains."""
    return next((p for p in periods(target, rules) if p.due > as_of), None)


def reporting(
    target: TargetSpec, observations: Iterable[Observation], as_of: date, rules: Rules
) -> Timeliness:
    """Which due reports arrived on time, late, or not at all by ``as_of``."""
    due = due_periods(target, as_of, rules)
    known = [o for o in observations if o.received is None or o.received <= as_of]
    on_time: list[Period] = []
    late: list[Period] = []
    missing: list[Period] = []
    findings: list[str] = []
    for period in due:
        arrivals = [o.received for o in known if o.period_end in period]
        if not arrivals:
            missing.append(period)
            findings.append(f"{period.label}报告未收到（应于{period.due.isoformat()}前报送）")
        elif None in arrivals or min(d for d in arrivals if d is not None) <= period.due:
            on_time.append(period)
        else:
            received = min(d for d in arrivals if d is not None)
            late.append(period)
            lag = (received - period.due).days
            findings.append(
                f"{period.label}报告{received.isoformat()}收到，"
                f"迟于报送期限{period.due.isoformat()} {lag}天"
            )
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
        findings=findings,
    )


def _label(frequency: str, start: date) -> str:
    if frequency == "monthly":
        return f"{start.year}年{start.month}月"
    if frequency == "quarterly":
        return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
    return f"{start.year}年"
