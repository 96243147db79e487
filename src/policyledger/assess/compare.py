"""Comparisons behind a status: does a value meet the target or the schedule, which way it moved.

Values are compared signed (``model.signed_target``) with the target's ``model.better`` sense:
≥ and ≤ as written, ≈ within ``rules.approx_tolerance`` of the target value, = within
``rules.equal_tolerance`` (0 by default). A tiny relative allowance (``_EPS``) only absorbs
floating-point error, so that −8.4 observed meets an expected 14 × 0.6 = 8.399999….
"""

from __future__ import annotations

from collections.abc import Sequence

from policyledger.assess import wording
from policyledger.assess.model import (
    CHANGE,
    LEVEL,
    PER_YEAR,
    RATE,
    Observation,
    TargetSpec,
    better,
    kind,
    signed_target,
)
from policyledger.assess.rules import Rules

_EPS = 1e-9  # floating-point allowance, relative to the numbers compared; not a policy threshold


def _allowance(*numbers: float) -> float:
    return _EPS * max(1.0, *(abs(n) for n in numbers))


def meets(target: TargetSpec, value: float, rules: Rules) -> bool:
    """Does ``value`` (signed, as observed) meet the target with its relation?"""
    goal = signed_target(target)
    sense = better(target)
    slack = _allowance(value, goal)
    if sense > 0:
        return value >= goal - slack
    if sense < 0:
        return value <= goal + slack
    share = rules.approx_tolerance if target.relation == "≈" else rules.equal_tolerance
    return abs(value - goal) <= share * abs(goal) + slack


def meets_schedule(target: TargetSpec, value: float, expected: float, rules: Rules) -> bool:
    """Is ``value`` at least as far along as the schedule's ``expected`` value?

    For ≈ and = targets: at least as near the target as the schedule, or within the tolerance.
    """
    sense = better(target)
    slack = _allowance(value, expected)
    if sense > 0:
        return value >= expected - slack
    if sense < 0:
        return value <= expected + slack
    goal = signed_target(target)
    return abs(value - goal) <= abs(expected - goal) + slack or meets(target, value, rules)


def yearly_rates(target: TargetSpec, seen: Sequence[Observation]) -> list[Observation]:
    """For a rate target: the latest observation of each calendar year after ``start``."""
    by_year: dict[int, Observation] = {}
    for observation in seen:
        if observation.period_end > target.start:
            by_year[observation.period_end.year] = observation
    return [by_year[year] for year in sorted(by_year)]


def direction(
    target: TargetSpec, latest: Observation, previous: Observation | None
) -> tuple[str | None, str]:
    """Which way the latest value moved: ``right``, ``wrong``, ``flat`` or None (unknown).

    Returns the state and the reference it was measured against, in words. A rate moves the level
    the target's way when its sign is the target's; a per-year count is measured from the
    previous value of the same year, else from 0; a change from the previous value, else from 0
    (the baseline); a level from the previous value, else from the baseline, else unknown.
    """
    shape = kind(target)
    goal = signed_target(target)
    if shape == RATE:
        return _moved(latest.value, 0.0, 1 if goal >= 0 else -1, goal), "上年水平"
    if previous is not None and (
        shape != PER_YEAR or previous.period_end.year == latest.period_end.year
    ):
        when = previous.period_end.isoformat()
        reference = f"上期值{wording.describe(target, previous.value)}（{when}）"
        return _moved(latest.value, previous.value, better(target), goal), reference
    if shape == PER_YEAR:
        return _moved(latest.value, 0.0, better(target), goal), "年初（0）"
    if shape == CHANGE:
        return _moved(latest.value, 0.0, better(target), goal), "基期"
    assert shape == LEVEL
    if target.baseline_value is None:
        return None, ""
    reference = f"基期值{wording.num(target.baseline_value)}{target.unit}"
    return _moved(latest.value, target.baseline_value, better(target), goal), reference


def _moved(value: float, reference: float, sense: int, goal: float) -> str:
    # with ≈ and =, moving the right way means getting nearer the target
    step = (value - reference) * sense if sense else abs(reference - goal) - abs(value - goal)
    slack = _allowance(value, reference)
    if step > slack:
        return "right"
    return "wrong" if step < -slack else "flat"
