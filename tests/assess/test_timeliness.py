"""Reporting timeliness: due periods, on time, late and missing reports, worked by hand."""

from __future__ import annotations

from datetime import date

from policyledger.assess import Observation, Rules, TargetSpec, due_periods, reporting

D = date


def quarterly() -> TargetSpec:
    """A quarterly-reported target of a 2022—2024 plan (start 2021-12-31)."""
    return TargetSpec("q", 100, "家", None, ">=", D(2021, 12, 31), D(2024, 12, 31))


def test_quarterly_periods_due_by_a_date(rules: Rules) -> None:
    # Start 2021-12-31 → first period 2022Q1. Q1 ends 2022-03-31, due +15 days = 2022-04-15;
    # Q2 ends 2022-06-30, due 2022-07-15; Q3 is due 2022-10-15, after 2022-08-01.
    periods = due_periods(quarterly(), D(2022, 8, 1), rules)
    assert [(p.start, p.end, p.due) for p in periods] == [
        (D(2022, 1, 1), D(2022, 3, 31), D(2022, 4, 15)),
        (D(2022, 4, 1), D(2022, 6, 30), D(2022, 7, 15)),
    ]
    assert [p.label for p in periods] == ["2022年第1季度", "2022年第2季度"]


def test_one_late_one_missing(rules: Rules) -> None:
    # Q1 arrived 2022-04-20, 5 days after 2022-04-15 → late; nothing for Q2 → missing.
    # On time 0 of 2 → share 0.0; missing 1 ("reports not received").
    values = [Observation(D(2022, 3, 31), 10, received=D(2022, 4, 20))]
    t = reporting(quarterly(), values, D(2022, 8, 1), rules)
    assert len(t.due) == 2
    assert [p.label for p in t.late] == ["2022年第1季度"]
    assert [p.label for p in t.missing] == ["2022年第2季度"]
    assert t.on_time == [] and t.share_on_time == 0.0
    assert "2022年第2季度报告未收到（应于2022-07-15前报送）" in t.findings
    assert any("迟于报送期限2022-04-15 5天" in f for f in t.findings)


def test_on_time_and_loaded_statistics(rules: Rules) -> None:
    # Q1 received on its due day (on time); Q2 value loaded from official statistics
    # (received unknown → counted on time); a mid-quarter value counts for its quarter.
    values = [
        Observation(D(2022, 3, 31), 10, received=D(2022, 4, 15)),
        Observation(D(2022, 5, 31), 12),
    ]
    t = reporting(quarterly(), values, D(2022, 8, 1), rules)
    assert len(t.on_time) == 2 and t.share_on_time == 1.0 and not t.findings


def test_a_report_received_after_the_date_is_still_missing_then(rules: Rules) -> None:
    values = [Observation(D(2022, 3, 31), 10, received=D(2022, 9, 1))]
    assert len(reporting(quarterly(), values, D(2022, 8, 1), rules).missing) == 2
    assert len(reporting(quarterly(), values, D(2022, 9, 1), rules).late) == 1


def test_nothing_due_yet(rules: Rules) -> None:
    t = reporting(quarterly(), [], D(2022, 4, 14), rules)
    assert t.due == [] and t.share_on_time is None


def test_monthly_and_yearly_periods_and_the_deadline(rules: Rules) -> None:
    monthly = TargetSpec(
        "m", 1, "家", None, ">=", D(2022, 12, 31), D(2023, 3, 31), frequency="monthly"
    )
    # Jan due 2023-02-15, Feb due 2023-03-15, Mar due 2023-04-15; none after the deadline.
    assert [p.due for p in due_periods(monthly, D(2030, 1, 1), rules)] == [
        D(2023, 2, 15),
        D(2023, 3, 15),
        D(2023, 4, 15),
    ]
    yearly = TargetSpec("y", 1, "家", None, ">=", D(2021, 12, 31), None, frequency="yearly")
    # No deadline: every year; 2022 due 2023-01-15, 2023 due 2024-01-15.
    assert [p.label for p in due_periods(yearly, D(2024, 1, 15), rules)] == ["2022年", "2023年"]


def test_due_days_come_from_the_rules(rules: Rules) -> None:
    from dataclasses import replace

    strict = replace(rules, report_due_days=5)
    assert due_periods(quarterly(), D(2022, 4, 5), strict)[0].due == D(2022, 4, 5)
    assert due_periods(quarterly(), D(2022, 4, 5), rules) == []
