"""Status and warning colour of one target, worked by hand from design/assessment.md.

Each test states the arithmetic an analyst would do on paper. Colours: red = off track or
overdue, yellow = behind 序时进度, blue = on track but not achieved with the deadline ≤ 90 days
away, green = achieved or on track, grey = no data / not due.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from policyledger.assess import Observation, Rules, TargetSpec, assess

D = date


# --- 能耗强度 比2020年下降14% (2020-12-31 → 2025-12-31); observations are signed changes -------


def test_energy_ahead_of_schedule_is_on_track(energy: TargetSpec, rules: Rules) -> None:
    # 3 of 5 years gone: expected −14 × 3/5 = −8.4; observed −9.0 ≤ −8.4 → on track, green.
    # No previous value: direction is measured from the baseline (0): −9.0 is a fall → right way.
    a = assess(energy, [Observation(D(2023, 12, 31), -9.0)], D(2024, 2, 1), rules)
    assert (a.status, a.warning) == ("on_track", "green")
    assert a.expected == pytest.approx(-8.4)
    assert a.progress == pytest.approx(9 / 14)
    assert a.direction == "right"
    assert any("累计下降9%" in r and "累计下降8.4%" in r for r in a.reasons)


def test_energy_falling_slower_than_schedule_is_behind(energy: TargetSpec, rules: Rules) -> None:
    # −5.0 (2022) → −6.0 (2023): intensity still falls (right way), but −6.0 > −8.4 → behind, yellow.
    values = [Observation(D(2022, 12, 31), -5.0), Observation(D(2023, 12, 31), -6.0)]
    a = assess(energy, values, D(2024, 2, 1), rules)
    assert (a.status, a.warning) == ("behind", "yellow")
    assert a.previous == values[0] and a.latest == values[1]
    assert any("未达到序时进度累计下降8.4%" in r for r in a.reasons)


def test_energy_intensity_rising_is_off_track(energy: TargetSpec, rules: Rules) -> None:
    # −5.0 → −4.0: intensity rose over the year (不降反升) → off track, red (629号 first level).
    values = [Observation(D(2022, 12, 31), -5.0), Observation(D(2023, 12, 31), -4.0)]
    a = assess(energy, values, D(2024, 2, 1), rules)
    assert (a.status, a.warning) == ("off_track", "red")
    assert a.direction == "wrong"


def test_energy_rising_is_red_even_when_ahead_of_schedule(energy: TargetSpec, rules: Rules) -> None:
    # −10.0 → −9.0: still ahead of −8.4, but intensity rose → off track (direction first).
    values = [Observation(D(2022, 12, 31), -10.0), Observation(D(2023, 12, 31), -9.0)]
    assert assess(energy, values, D(2024, 2, 1), rules).status == "off_track"


def test_energy_after_the_deadline_short_of_target_is_overdue(
    energy: TargetSpec, rules: Rules
) -> None:
    # deadline 2025-12-31 passed; −12 > −14 (reduction 12 < 14) → overdue, red.
    values = [Observation(D(2024, 12, 31), -11.0), Observation(D(2025, 12, 31), -12.0)]
    a = assess(energy, values, D(2026, 3, 1), rules)
    assert (a.status, a.warning) == ("overdue", "red")
    assert a.days_to_deadline == -60


def test_energy_beyond_the_target_is_achieved(energy: TargetSpec, rules: Rules) -> None:
    # −14.5 ≤ −14 → achieved, green — before or after the deadline.
    for as_of in (D(2025, 2, 1), D(2026, 3, 1)):
        values = [Observation(D(2024, 12, 31), -14.5)]
        assert (assess(energy, values, as_of, rules).status) == "achieved"
        assert assess(energy, values, as_of, rules).warning == "green"


# --- 外贸进出口总额 到2024年突破1万亿元, baseline 0.80006 (end 2021) -------------------------


def test_trade_at_the_deadline_day_is_behind(trade, trade_values, rules) -> None:
    # as of 2024-12-31 (the deadline itself, not yet passed): expected = 1.0;
    # 0.71542 < 1.0 but > previous 0.71374 → right way, behind → yellow.
    # The deadline is 0 days away, yet yellow stays: blue never overrides red or yellow.
    a = assess(trade, trade_values, D(2024, 12, 31), rules)
    assert (a.status, a.warning) == ("behind", "yellow")
    assert a.expected == pytest.approx(1.0)
    assert a.days_to_deadline == 0
    assert any(
        r.startswith("最新值0.71542万亿元（2024-12-31）低于序时进度1万亿元（截至2024-12-31）")
        for r in a.reasons
    )


def test_trade_after_the_deadline_is_overdue(trade, trade_values, rules) -> None:
    a = assess(trade, trade_values, D(2025, 6, 30), rules)
    assert (a.status, a.warning) == ("overdue", "red")


def test_trade_falling_is_off_track(trade, trade_values, rules) -> None:
    # as of 2023-12-31: latest 0.71374 < previous 0.81584 → trade fell → off track, red.
    # (The schedule would ask 0.80006 + 0.19994 × 24/36 = 0.93335.)
    a = assess(trade, trade_values, D(2023, 12, 31), rules)
    assert (a.status, a.warning) == ("off_track", "red")
    assert a.latest == trade_values[2] and a.previous == trade_values[1]
    assert a.expected == pytest.approx(0.93335333)


def test_trade_near_the_deadline_red_takes_precedence_over_blue(trade, trade_values, rules) -> None:
    # as of 2024-10-15: latest known is 2023's 0.71374 (fell) → off track; the deadline is
    # 2024-12-31 − 2024-10-15 = 77 days away (≤ 90): not achieved, but red wins over blue.
    a = assess(trade, trade_values, D(2024, 10, 15), rules)
    assert (a.status, a.warning) == ("off_track", "red")
    assert a.days_to_deadline == 77
    assert any("还有77天" in r for r in a.reasons)


def test_blue_reminder_for_an_on_track_target_near_its_deadline(trade, rules) -> None:
    # Schedule at 2024-06-30: 0.80006 + 0.19994 × 30/36 = 0.96668.
    # 0.97 ≥ 0.96668 → on track; as of 2024-10-15 the deadline is 77 days away (≤ 90) → blue.
    # 0.95 < 0.96668 → behind → yellow, which the blue reminder does not replace.
    values = [Observation(D(2023, 12, 31), 0.9), Observation(D(2024, 6, 30), 0.97)]
    a = assess(trade, values, D(2024, 10, 15), rules)
    assert (a.status, a.warning) == ("on_track", "blue")
    # 91 days before: green.
    assert assess(trade, values, D(2024, 10, 1), rules).warning == "green"
    behind = [Observation(D(2023, 12, 31), 0.9), Observation(D(2024, 6, 30), 0.95)]
    assert assess(trade, behind, D(2024, 10, 15), rules).warning == "yellow"


def test_baseline_taken_from_the_observation_at_the_start(trade, trade_values, rules) -> None:
    # Without baseline_value, the latest value at or before the start (0.80006) is the baseline.
    a = assess(replace(trade, baseline_value=None), trade_values, D(2023, 12, 31), rules)
    assert a.expected == pytest.approx(0.93335333)


def test_level_without_baseline_assesses_achievement_and_direction(trade, rules) -> None:
    # No baseline: no 序时进度. Rising → on track; falling → off track; a single value → behind.
    target = replace(trade, baseline_value=None)
    up = [Observation(D(2022, 12, 31), 0.81), Observation(D(2023, 12, 31), 0.85)]
    down = [Observation(D(2022, 12, 31), 0.81), Observation(D(2023, 12, 31), 0.75)]
    one = [Observation(D(2023, 12, 31), 0.85)]
    assert assess(target, up, D(2024, 1, 31), rules).status == "on_track"
    assert assess(target, down, D(2024, 1, 31), rules).status == "off_track"
    single = assess(target, one, D(2024, 1, 31), rules)
    assert single.status == "behind" and single.expected is None and single.direction is None
    assert any("无法计算序时进度" in r for r in single.reasons)
    assert assess(target, [Observation(D(2023, 12, 31), 1.02)], D(2024, 1, 31), rules).status == (
        "achieved"
    )


# --- relations: ≈ and ≤ ----------------------------------------------------------------------


def test_approximately_within_the_rules_tolerance(rules: Rules) -> None:
    # 森林覆盖率稳定在55%左右: tolerance ±5% of 55 = ±2.75 → 52.25 … 57.75 counts as met.
    forest = TargetSpec(
        "forest", 55, "%", None, "≈", D(2020, 12, 31), D(2025, 12, 31), baseline_value=50
    )
    assert rules.approx_tolerance == 0.05
    for value in (52.25, 55, 57.7):
        assert assess(
            forest, [Observation(D(2022, 12, 31), value)], D(2023, 2, 1), rules
        ).status == ("achieved")
    # 52.0 is outside; schedule at 2022-12-31: 50 + 5 × 2/5 = 52.0 → as near 55 as the schedule.
    a = assess(forest, [Observation(D(2022, 12, 31), 52.0)], D(2023, 2, 1), rules)
    assert a.status == "on_track"
    assert any("容差±5%，即52.25—57.75%" in r for r in a.reasons)
    # 51.0 is farther from 55 than 52.0 but nearer than the baseline 50 → behind.
    assert assess(forest, [Observation(D(2022, 12, 31), 51.0)], D(2023, 2, 1), rules).status == (
        "behind"
    )


def test_at_most_target_export_rebates(rules: Rules) -> None:
    # 出口退税平均办理时间压缩在6个工作日以内: from 10 days (end 2021) to ≤ 6 by end 2022.
    # At 2022-06-30 the schedule is 10 + (6 − 10) × 6/12 = 8 days.
    rebate = TargetSpec(
        "rebate", 6, "个工作日", None, "<=", D(2021, 12, 31), D(2022, 12, 31), baseline_value=10
    )
    at = D(2022, 7, 20)
    on = assess(rebate, [Observation(D(2022, 6, 30), 7.5)], at, rules)  # 7.5 ≤ 8
    assert (on.status, on.expected) == ("on_track", pytest.approx(8))
    slow = [Observation(D(2022, 3, 31), 9.5), Observation(D(2022, 6, 30), 9.0)]  # fell, 9 > 8
    assert assess(rebate, slow, at, rules).status == "behind"
    worse = [Observation(D(2022, 3, 31), 9.0), Observation(D(2022, 6, 30), 9.5)]  # rose
    assert assess(rebate, worse, at, rules).status == "off_track"
    done = assess(rebate, [Observation(D(2022, 6, 30), 5.8)], at, rules)  # 5.8 ≤ 6
    assert done.status == "achieved"
    # "高于" for a ≤ target that falls short:
    assert any(
        "9个工作日（2022-06-30）高于序时进度8个工作日" in r
        for r in assess(rebate, slow, at, rules).reasons
    )


# --- no data vs not due, and which observations count ------------------------------------------


def test_no_data_versus_not_due(energy: TargetSpec, rules: Rules) -> None:
    # Quarterly from 2021-01-01: the 2021Q1 report is due 2021-03-31 + 15 days = 2021-04-15.
    assert assess(energy, [], D(2021, 4, 15), rules).status == "no_data"
    not_due = assess(energy, [], D(2021, 4, 14), rules)
    assert (not_due.status, not_due.warning) == ("not_due", "grey")
    assert any("2021-04-15" in r for r in not_due.reasons)
    no_data = assess(energy, [], D(2022, 1, 1), rules)
    assert (no_data.status, no_data.warning, no_data.latest) == ("no_data", "grey", None)


def test_only_values_known_at_the_date_count(energy: TargetSpec, rules: Rules) -> None:
    later = Observation(D(2024, 12, 31), -20.0)
    early = Observation(D(2023, 12, 31), -9.0)
    a = assess(energy, [later, early], D(2024, 6, 30), rules)
    assert a.latest == early and a.status == "on_track"
    # A value for 2023 that only arrived on 2024-08-01 is not known on 2024-06-30.
    late = Observation(D(2023, 12, 31), -9.0, received=D(2024, 8, 1))
    assert assess(energy, [late], D(2024, 6, 30), rules).status == "no_data"
