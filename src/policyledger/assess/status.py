"""The status and warning colour of one target at a date, with the reasons in Chinese.

``assess`` follows design/assessment.md ("Status of one target", "Warning level"). Only
observations with ``period_end ≤ as_of`` (and not received after ``as_of``) count; the latest is
the one with the last period end (of several for one period, the last received). The order of the
tests, first match wins:

1. no observation after ``start`` → ``no_data`` if a report is due (``timeliness.due_periods``),
   else ``not_due``. An observation at or before ``start`` is the baseline, not progress: a level
   target without ``baseline_value`` takes the latest such observation as its baseline.
2. the latest value meets the target → ``achieved`` (≥, ≤; ≈ within ``rules.approx_tolerance``
   of the target value; a change or rate is compared signed: "下降14%" is met at −14 or lower).
3. the deadline has passed (``as_of > deadline``) → ``overdue``.
4. moving the wrong way → ``off_track``, even when ahead of schedule (629号: intensity rising is a
   first-level warning whatever the cumulative progress). Direction compares the latest value
   with the previous one, or with the baseline when there is none (0 for a change); equal values
   are "flat", which is not the wrong way. Unknown (a level with no baseline and one value) is
   not the wrong way either.
5. the latest value meets the 序时进度 of its period end → ``on_track``, else ``behind``.
   Without a schedule (a level with no baseline or no deadline) only achievement and direction
   are assessed: moving the right way → ``on_track``; flat or unknown → ``behind``.

Per-year outputs ("每年举办100场"): the value is the count so far in its calendar year; each year
is assessed on its own with that year's end (or the final deadline, if earlier) as the deadline,
the schedule pro rata within the year, and direction measured from the previous value of the same
year or else from 0 at the start of the year.

Average annual rates ("年均增长10%"): each value is one year's signed rate; the latest value of
each calendar year after ``start`` is that year's rate. The average to date is the compound mean
``(Π(1 + rᵢ))^(1/n) − 1`` of those years, compared with the target rate (``expected`` is the target
rate). ``achieved`` needs the average to meet the rate with the final year reported; before that
meeting it is ``on_track``. Direction is the sign of the latest year's rate: a level still moving
the target's way (growth 5.3% against 10%) is ``behind``; moving the other way (−1.2%) is
``off_track``.

Warning colour: ``rules.status_colours``; blue replaces the colour of the statuses in
``rules.blue_statuses`` (on_track only, by default) when the deadline is 0..``rules.blue_days``
days away, so red and yellow take precedence over the blue reminder.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from policyledger.assess import wording
from policyledger.assess.compare import direction, meets, meets_schedule, yearly_rates
from policyledger.assess.model import LEVEL, PER_YEAR, RATE, Observation, TargetSpec, kind
from policyledger.assess.rules import Rules
from policyledger.assess.schedule import average_rate, expected_value, progress
from policyledger.assess.timeliness import due_periods, next_due


@dataclass(frozen=True)
class Assessment:
    """The state of one target at ``as_of`` and the reasons for it."""

    target_key: str
    as_of: date
    kind: str
    status: str
    warning: str
    latest: Observation | None
    previous: Observation | None
    expected: float | None
    progress: float | None
    deadline: date | None
    days_to_deadline: int | None
    direction: str | None
    reasons: list[str]


def usable(observations: Iterable[Observation], as_of: date) -> list[Observation]:
    """Observations known at ``as_of``, oldest period first (revisions after the original)."""
    known = [
        o
        for o in observations
        if o.period_end <= as_of and (o.received is None or o.received <= as_of)
    ]
    ends = [o.period_end for o in known]
    if all(map(operator.lt, ends, ends[1:])):  # the usual case: one value a period, in order
        return known
    return sorted(known, key=lambda o: (o.period_end, o.received or date.min))


def assess(
    target: TargetSpec, observations: Iterable[Observation], as_of: date, rules: Rules
) -> Assessment:
    """Status, warning colour, numbers and reasons of ``target`` at ``as_of``."""
    seen = usable(observations, as_of)
    shape = kind(target)
    reasons: list[str] = []
    if shape == LEVEL and target.baseline_value is None:
        before = [o for o in seen if o.period_end <= target.start]
        if before:
            target = replace(target, baseline_value=before[-1].value)
            reasons.append(f"基期值取{before[-1].period_end.isoformat()}的数据")
    reasons.insert(0, wording.schedule(target, rules))
    latest = seen[-1] if seen else None
    previous = None
    if latest is not None:
        previous = next((o for o in reversed(seen) if o.period_end < latest.period_end), None)
    in_plan = latest is not None and latest.period_end > target.start
    deadline = _deadline(target, latest if in_plan else None, as_of)
    days = None if deadline is None else (deadline - as_of).days
    expected = progressed = state = None
    if latest is None or not in_plan:
        status = _waiting(target, latest, as_of, deadline, rules, reasons)
    else:
        status, expected, progressed, state = _judge(
            target, seen, latest, previous, as_of, deadline, rules, reasons
        )
    warning = rules.colour(status)
    near = days is not None and 0 <= days <= rules.blue_days
    if near and status not in ("achieved", "no_data", "not_due"):
        reasons.append(f"距期限{deadline}还有{days}天，尚未达标")
        if status in rules.blue_statuses:
            warning = "blue"
            reasons.append(f"期限前{rules.blue_days}天内未达标，蓝色提醒")
    return Assessment(
        target_key=target.key,
        as_of=as_of,
        kind=shape,
        status=status,
        warning=warning,
        latest=latest,
        previous=previous,
        expected=expected,
        progress=progressed,
        deadline=deadline,
        days_to_deadline=days,
        direction=state,
        reasons=reasons,
    )


def _deadline(target: TargetSpec, latest: Observation | None, as_of: date) -> date | None:
    if kind(target) != PER_YEAR:
        return target.deadline
    year_end = date((latest.period_end if latest else as_of).year, 12, 31)
    return year_end if target.deadline is None else min(year_end, target.deadline)


def _waiting(
    target: TargetSpec,
    latest: Observation | None,
    as_of: date,
    deadline: date | None,
    rules: Rules,
    reasons: list[str],
) -> str:
    if latest is not None:
        base = f"{wording.describe(target, latest.value)}（{latest.period_end.isoformat()}）"
        reasons.append(f"仅有基期数据{base}，尚无规划期内数据")
    due = due_periods(target, as_of, rules)
    if deadline is not None and as_of > deadline:
        reasons.append(f"期限{deadline}已过")
    if due:
        first = due[0]
        reasons.append(
            f"截至{as_of}已有{len(due)}期报告到期，尚无数据"
            f"（首期{first.label}应于{first.due}前报送）"
        )
        return "no_data"
    upcoming = next_due(target, as_of, rules)
    if upcoming is None:
        reasons.append(f"截至{as_of}尚无数据，也无到期报告")
    else:
        reasons.append(f"尚无数据；首期报告（{upcoming.label}）应于{upcoming.due}前报送，尚未到期")
    return "not_due"


def _judge(
    target: TargetSpec,
    seen: list[Observation],
    latest: Observation,
    previous: Observation | None,
    as_of: date,
    deadline: date | None,
    rules: Rules,
    reasons: list[str],
) -> tuple[str, float | None, float | None, str | None]:
    shape = kind(target)
    when = latest.period_end.isoformat()
    latest_text = f"最新值{wording.describe(target, latest.value)}（{when}）"
    rates: list[float] = []
    if shape == RATE:
        years = yearly_rates(target, seen)
        rates = [o.value for o in years]
        value = average_rate(rates)
        expected: float | None = -target.value if target.change == "decrease" else target.value
        listed = "、".join(f"{o.period_end.year}年{wording.num(o.value)}%" for o in years)
        reasons.append(f"各年增速{listed}，年均{wording.describe(target, value)}")
        level = expected_value(target, latest.period_end)
        if level is not None:
            reasons.append(f"按目标年均增速复合，{when}水平应为{wording.num(level)}")
        complete = target.deadline is not None and latest.period_end >= target.deadline
    else:
        value = latest.value
        expected = expected_value(target, latest.period_end)
        complete = True
    progressed = progress(target, latest.value, rates)
    state, reference = direction(target, latest, previous)
    turn = wording.direction(state, reference)
    moved = f"{latest_text}，{turn}"
    subject = f"年均{wording.describe(target, value)}" if shape == RATE else latest_text
    if meets(target, value, rules) and complete:
        status, why = "achieved", f"{subject}已达到目标"
    elif deadline is not None and as_of > deadline:
        status, why = "overdue", f"期限{deadline}已过，{subject}未达到目标"
    elif state == "wrong":
        status, why = "off_track", moved
    elif expected is None:
        reasons.append("无基期值或无期限，无法计算序时进度，仅判断是否达标和变化方向")
        status, why = ("on_track" if state == "right" else "behind"), moved
    else:
        goal = f"序时进度{wording.describe(target, expected)}（截至{when}）"
        if shape == RATE:
            goal = f"目标{wording.goal(target, rules)}"
        if meets_schedule(target, value, expected, rules):
            status, why = "on_track", f"{subject}达到{goal}"
        else:
            status, why = "behind", f"{subject}{_short(target)}{goal}；{turn}"
    reasons.append(why)
    if progressed is not None:
        share = wording.num(round(progressed * 100, 1))
        reasons.append(f"完成进度{share}%（基期为0%，目标为100%）")
    return status, expected, progressed, state


def _short(target: TargetSpec) -> str:
    """The verb for falling short: 低于 / 高于 for plain levels and counts, 未达到 otherwise."""
    if kind(target) in (LEVEL, PER_YEAR) and target.change is None:
        return {">=": "低于", "<=": "高于"}.get(target.relation, "未达到")
    return "未达到"
