"""Observations: reported values are never overwritten; a correction keeps the history."""

from __future__ import annotations

import datetime as dt

import pytest

from policyledger.storage.models import AuditLog, Target
from policyledger.storage.observations import (
    NewObservation,
    ObservationError,
    add_observation,
    correct_observation,
    history,
)
from policyledger.storage.periods import PeriodError, parse_period
from policyledger.storage.queries import current_targets


def test_a_correction_is_a_new_version_and_both_stay_visible(ingested):
    with ingested.session() as s:
        target = s.scalar(current_targets().where(Target.metric == "新能源汽车产量"))
        first = add_observation(s, NewObservation(target.lineage, "2024", 95.0, "万辆"), "reporter")
    with ingested.session() as s:
        second = correct_observation(s, first.id, 95.32, "市统计局 revised figure", "supervisor")
    with ingested.session() as s:
        rows = history(s, target.lineage)
        assert [(r.value, r.version, r.is_current, r.supersedes_id) for r in rows] == [
            (95.0, 1, False, None),
            (95.32, 2, True, first.id),
        ]
        actions = [a.action for a in s.query(AuditLog).filter(AuditLog.entity == "observation")]
        assert actions == ["report", "correct"]
    with ingested.session() as s, pytest.raises(ObservationError, match="already corrected"):
        correct_observation(s, first.id, 96, None, "supervisor")
    assert second.version == 2


def test_reporting_the_same_period_again_supersedes(ingested):
    with ingested.session() as s:
        target = s.scalar(current_targets().where(Target.metric == "新能源汽车产量"))
        add_observation(s, NewObservation(target.lineage, "2024年", 90, "万辆"), "a")
        add_observation(s, NewObservation(target.lineage, "2024", 95.32, "万辆"), "b")
        rows = history(s, target.lineage)
    assert [(r.period, r.value, r.is_current) for r in rows] == [
        ("2024", 90, False),
        ("2024", 95.32, True),
    ]


@pytest.mark.parametrize(
    ("label", "canonical", "end"),
    [
        ("2024", "2024", dt.date(2024, 12, 31)),
        ("2024年", "2024", dt.date(2024, 12, 31)),
        ("2024-Q3", "2024-Q3", dt.date(2024, 9, 30)),
        ("2024Q1", "2024-Q1", dt.date(2024, 3, 31)),
        ("2024年第二季度", "2024-Q2", dt.date(2024, 6, 30)),
        ("2024-02", "2024-02", dt.date(2024, 2, 29)),
        ("2024年9月", "2024-09", dt.date(2024, 9, 30)),
        ("2024H1", "2024-H1", dt.date(2024, 6, 30)),
        ("2024年下半年", "2024-H2", dt.date(2024, 12, 31)),
    ],
)
def test_periods(label, canonical, end):
    period = parse_period(label)
    assert (period.label, period.end) == (canonical, end)


@pytest.mark.parametrize("label", ["", "2024-13", "Q3", "2024-Q5", "last year", "2024-02-30"])
def test_bad_periods(label):
    with pytest.raises(PeriodError, match="not a reporting period"):
        parse_period(label)
