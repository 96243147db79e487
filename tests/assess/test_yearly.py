"""Per-year outputs (每年举办100场) and average annual rates (年均增长10%), worked by hand.

A per-year count is judged within its calendar year (schedule pro rata, the year's end as its
deadline); a rate target on the compound mean of the yearly rates, with the sign of the latest
year's rate as its direction (see policyledger.assess.status).
"""

from __future__ import annotations

from datetime import date

import pytest

from policyledger.assess import Observation, Rules, TargetSpec, assess

D = date


@pytest.fixture
def events() -> TargetSpec:
    """每年举办100场 (2022—2025), reported quarterly as the count so far in the year."""
    return TargetSpec(
        "events", 100, "场", None, ">=", D(2021, 12, 31), D(2025, 12, 31), per_year=True
    )


def test_per_year_output_on_track(events: TargetSpec, rules: Rules) -> None:
    # 2024-06-30: half the year gone → expected 100 × 6/12 = 50; 60 so far ≥ 50 → on track.
    a = assess(events, [Observation(D(2024, 6, 30), 60)], D(2024, 7, 10), rules)
    assert (a.status, a.warning, a.expected) == ("on_track", "green", pytest.approx(50))
    # The year is the deadline for its count: 2024-12-31, 174 days away.
    assert a.deadline == D(2024, 12, 31) and a.days_to_deadline == 174


def test_per_year_counts_restart_each_year(events: TargetSpec, rules: Rules) -> None:
    # 2024 ended at 100 (met); 2025-03-31 shows 20 of an expected 25 → behind. The previous
    # value (100, last year) is not compared: the new year starts from 0, so 20 is the right way.
    values = [Observation(D(2024, 12, 31), 100), Observation(D(2025, 3, 31), 20)]
    a = assess(events, values, D(2025, 4, 10), rules)
    assert (a.status, a.expected, a.direction) == ("behind", pytest.approx(25), "right")
    # 100 by 2024-12-31 → achieved for 2024.
    assert assess(events, values[:1], D(2025, 1, 10), rules).status == "achieved"


def test_per_year_missed_quota_is_overdue_after_year_end(events: TargetSpec, rules: Rules) -> None:
    # 90 < 100 at 2024-12-31; as of 2025-01-20 that year has ended → overdue, red.
    a = assess(events, [Observation(D(2024, 12, 31), 90)], D(2025, 1, 20), rules)
    assert (a.status, a.warning) == ("overdue", "red")


@pytest.fixture
def growth() -> TargetSpec:
    """外贸进出口总额年均增长10% (2021—2025); each observation is one year's rate in %."""
    return TargetSpec(
        "growth",
        10,
        "%",
        "increase",
        ">=",
        D(2020, 12, 31),
        D(2025, 12, 31),
        per_year=True,
        frequency="yearly",
    )


def test_average_rate_below_target_but_growing_is_behind(growth: TargetSpec, rules: Rules) -> None:
    # One year at 5.3%: average 5.3% < 10% → short; 5.3 > 0, the level still grows → behind.
    a = assess(growth, [Observation(D(2021, 12, 31), 5.3)], D(2022, 3, 1), rules)
    assert (a.status, a.warning, a.expected) == ("behind", "yellow", 10)


def test_average_rate_negative_year_is_off_track(growth: TargetSpec, rules: Rules) -> None:
    # −1.2%: the level fell — the wrong way for a growth target → off track, red.
    a = assess(growth, [Observation(D(2021, 12, 31), -1.2)], D(2022, 3, 1), rules)
    assert (a.status, a.warning) == ("off_track", "red")


def test_average_rate_judged_on_the_compound_mean(growth: TargetSpec, rules: Rules) -> None:
    # 12% then 9%: √(1.12 × 1.09) − 1 = 10.49% ≥ 10% → on track (not yet achieved: 2023—2025
    # are still to come), although 2022 alone (9%) was below 10%.
    values = [Observation(D(2021, 12, 31), 12), Observation(D(2022, 12, 31), 9)]
    a = assess(growth, values, D(2023, 3, 1), rules)
    assert a.status == "on_track"
    assert any("年均增速10.4898%" in r for r in a.reasons)


def test_average_rate_achieved_only_with_the_final_year(growth: TargetSpec, rules: Rules) -> None:
    # Five years at 11, 9, 10, 12, 10: Π = 1.11×1.09×1.10×1.12×1.10 = 1.64010 → 10.40% ≥ 10%.
    rates = [11, 9, 10, 12, 10]
    values = [Observation(D(2021 + i, 12, 31), r) for i, r in enumerate(rates)]
    assert assess(growth, values, D(2026, 3, 1), rules).status == "achieved"
    # The same average without the final year, after the deadline → overdue.
    assert assess(growth, values[:4], D(2026, 3, 1), rules).status == "overdue"
