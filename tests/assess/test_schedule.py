"""序时进度 worked by hand: linear, change, compound rate and per-year schedules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from policyledger.assess import TargetSpec, expected_value, progress
from policyledger.assess.schedule import average_rate, month_index, share_of_year


def test_time_is_counted_in_months_so_year_ends_are_whole_years() -> None:
    # 2020-12-31 → 2023-12-31 is 36 months: three whole years, not 1095/1826 of the days.
    assert month_index(date(2023, 12, 31)) - month_index(date(2020, 12, 31)) == 36
    assert share_of_year(date(2024, 6, 30)) == 0.5
    assert share_of_year(date(2024, 12, 31)) == 1.0


def test_change_target_three_of_five_years_gone(energy: TargetSpec) -> None:
    # 下降14%, 36 of 60 months gone: −14 × 36/60 = −8.4 (signed: a decrease is negative).
    assert expected_value(energy, date(2023, 12, 31)) == pytest.approx(-8.4)
    # at the deadline the whole −14; after it the schedule stays at −14; at the start 0.
    assert expected_value(energy, date(2025, 12, 31)) == pytest.approx(-14)
    assert expected_value(energy, date(2027, 6, 30)) == pytest.approx(-14)
    assert expected_value(energy, date(2020, 12, 31)) == 0


def test_level_target_linear_from_the_baseline(trade: TargetSpec) -> None:
    # b = 0.80006 at 2021-12-31, v = 1.0 at 2024-12-31; 24 of 36 months gone at 2023-12-31:
    # 0.80006 + (1.0 − 0.80006) × 24/36 = 0.80006 + 0.13329333 = 0.93335333
    assert expected_value(trade, date(2023, 12, 31)) == pytest.approx(0.93335333)
    # 30 of 36 months at 2024-06-30: 0.80006 + 0.19994 × 30/36 = 0.96667667
    assert expected_value(trade, date(2024, 6, 30)) == pytest.approx(0.96667667)
    assert expected_value(trade, date(2024, 12, 31)) == pytest.approx(1.0)


def test_no_schedule_without_a_baseline_or_a_deadline(
    trade: TargetSpec, energy: TargetSpec
) -> None:
    assert expected_value(replace(trade, baseline_value=None), date(2023, 12, 31)) is None
    assert expected_value(replace(energy, deadline=None), date(2023, 12, 31)) is None


def test_average_annual_rate_compounds_from_a_known_baseline() -> None:
    # 年均增长10% from 100 at 2020-12-31: two years later 100 × 1.1² = 121.
    rate = TargetSpec(
        "r",
        10,
        "%",
        "increase",
        ">=",
        date(2020, 12, 31),
        date(2025, 12, 31),
        baseline_value=100,
        per_year=True,
    )
    assert expected_value(rate, date(2022, 12, 31)) == pytest.approx(121)
    # half a year: 100 × 1.1^0.5 = 104.88
    assert expected_value(rate, date(2021, 6, 30)) == pytest.approx(104.8809, abs=1e-4)
    assert expected_value(replace(rate, baseline_value=None), date(2022, 12, 31)) is None


def test_per_year_output_pro_rata_within_each_year() -> None:
    # 每年举办100场: by 2024-06-30 half the year is gone → 50; by 2024-12-31 → 100;
    # a new year starts again from 0: by 2025-03-31 → 25.
    events = TargetSpec(
        "e", 100, "场", None, ">=", date(2021, 12, 31), date(2025, 12, 31), per_year=True
    )
    assert expected_value(events, date(2024, 6, 30)) == pytest.approx(50)
    assert expected_value(events, date(2024, 12, 31)) == pytest.approx(100)
    assert expected_value(events, date(2025, 3, 31)) == pytest.approx(25)


def test_average_rate_is_the_compound_mean() -> None:
    # 12% then 9%: √(1.12 × 1.09) − 1 = √1.2208 − 1 = 0.104898 → 10.4898%
    assert average_rate([12, 9]) == pytest.approx(10.4898, abs=1e-4)
    assert average_rate([5.3]) == pytest.approx(5.3)


def test_progress_is_the_share_of_the_way_from_baseline_to_target(
    trade: TargetSpec, energy: TargetSpec
) -> None:
    # −9 of −14 → 0.642857; trade fell below its baseline: (0.71542 − 0.80006)/0.19994 = −0.42333
    assert progress(energy, -9.0) == pytest.approx(9 / 14)
    assert progress(trade, 0.71542) == pytest.approx(-0.42333, abs=1e-5)
