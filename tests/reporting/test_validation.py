"""One test per validation rule: unknown target, wrong unit, non-numeric value, unreadable
period, period outside the plan, not the owner, duplicate row. Nothing is ever written."""

from __future__ import annotations

import pytest

from policyledger.reporting import ImportRejected, import_reports
from policyledger.storage.models import Observation
from policyledger.storage.queries import current_targets, find_body, targets_owned_by
from tests.reporting.helpers import EV, EVENTS, count, target, write_csv


def rejected(db, path, reporter: str | None = "市商务委") -> list[tuple[int, str, str]]:
    with db.session() as s:
        body = find_body(s, reporter) if reporter else None
        with pytest.raises(ImportRejected) as caught:
            import_reports(s, path, actor="test", reporter=body)
    with db.session() as s:
        assert count(s, Observation) == 0
    return [(e.row, e.column, e.message) for e in caught.value.errors]


def test_unknown_target(ingested, tmp_path):
    path = write_csv(
        tmp_path / "r.csv",
        [
            {"target_id": 999999, "period": "2024", "value": 1},
            {"target_id": "十二", "period": "2024", "value": 1},
        ],
    )
    errors = rejected(ingested, path)
    assert [(row, column) for row, column, _ in errors] == [(2, "target_id"), (3, "target_id")]
    assert "unknown target id 999999" in errors[0][2] and "not a number" in errors[1][2]


def test_wrong_unit(ingested, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV)
    path = write_csv(
        tmp_path / "r.csv",
        [
            {"target_id": ev.lineage, "period": "2024", "value": 953200, "unit": "辆"},
            {"target_id": ev.lineage, "period": "2023", "value": 50, "unit": "万辆"},
        ],
    )
    ((row, column, message),) = rejected(ingested, path)
    assert (row, column) == (2, "unit") and "万辆" in message and "辆" in message


@pytest.mark.parametrize(
    ("value", "period", "column", "words"),
    [
        ("abc", "2024", "value", "not a number"),
        ("95万", "2024", "value", "not a number"),
        (None, "2024", "value", "value is empty"),
        ("1", None, "period", "period is empty"),
        ("1", "2024-13", "period", "not a reporting period"),
        ("1", "上个月", "period", "not a reporting period"),
    ],
)
def test_non_numeric_values_and_unreadable_periods(
    ingested, tmp_path, value, period, column, words
):
    with ingested.session() as s:
        ev = target(s, EV)
    path = write_csv(
        tmp_path / "r.csv", [{"target_id": ev.lineage, "period": period, "value": value}]
    )
    ((row, got, message),) = rejected(ingested, path)
    assert (row, got) == (2, column) and words in message


def test_period_outside_the_plan(ingested, tmp_path):
    with ingested.session() as s:
        ev, events = target(s, EV), target(s, EVENTS)
    path = write_csv(
        tmp_path / "r.csv",
        [
            {"target_id": ev.lineage, "period": "2019", "value": 1},  # before the plan's start
            {"target_id": ev.lineage, "period": "2020", "value": 1},  # the baseline year: fine
            {"target_id": ev.lineage, "period": "2026-Q1", "value": 1},  # after the target's year
            {"target_id": events.lineage, "period": "2025", "value": 10},  # no year: end_year + 1
            {"target_id": events.lineage, "period": "2026", "value": 10},
        ],
    )
    errors = rejected(ingested, path)
    assert [(row, column) for row, column, _ in errors] == [
        (2, "period"),
        (4, "period"),
        (6, "period"),
    ]
    assert "outside the plan" in errors[0][2] and "2025-12-31" in errors[1][2]


def test_not_the_owner(ingested, tmp_path):
    with ingested.session() as s:
        owned = {t.lineage for t in targets_owned_by(s, find_body(s, "市商务委"))}
        other = next(t for t in s.scalars(current_targets()) if t.lineage not in owned)
        ev = target(s, EV)
    path = write_csv(
        tmp_path / "r.csv",
        [
            {"target_id": ev.lineage, "period": "2024", "value": 1},
            {"target_id": other.lineage, "period": "2024", "value": 1},
        ],
    )
    ((row, column, message),) = rejected(ingested, path)
    assert (row, column) == (
        3,
        "target_id",
    ) and f"cq.sww does not own target {other.lineage}" in message
    # the reporter column names the body when the import does not
    by_column = write_csv(
        tmp_path / "by-column.csv",
        [{"target_id": other.lineage, "period": "2024", "value": 1, "reporter": "市商务委"}],
    )
    ((row, column, _),) = rejected(ingested, by_column, reporter=None)
    assert (row, column) == (2, "target_id")


def test_reporter_column_must_match_the_importing_body(ingested, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV)
    path = write_csv(
        tmp_path / "r.csv",
        [
            {"target_id": ev.lineage, "period": "2024", "value": 1, "reporter": "渝中区"},
            {"target_id": ev.lineage, "period": "2023", "value": 1, "reporter": "没有这个单位"},
        ],
    )
    errors = rejected(ingested, path)
    assert [(row, column) for row, column, _ in errors] == [(2, "reporter"), (3, "reporter")]
    assert "unknown reporter" in errors[1][2]


def test_duplicate_rows(ingested, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV)
    path = write_csv(
        tmp_path / "r.csv",
        [
            {"target_id": ev.lineage, "period": "2024", "value": 90},
            {"target_id": ev.lineage, "period": "2023", "value": 80},
            {"target_id": ev.lineage, "period": "2024年", "value": 95},
        ],
    )
    ((row, column, message),) = rejected(ingested, path)
    assert (row, column) == (4, "period") and "duplicate of row 2" in message


def test_every_problem_of_every_row_is_listed(ingested, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV)
    path = write_csv(
        tmp_path / "r.csv",
        [
            {"target_id": ev.lineage, "period": "2019", "value": "x", "unit": "辆"},
            {"target_id": ev.lineage, "period": "2024", "value": 1},
        ],
    )
    errors = rejected(ingested, path)
    assert sorted(column for _, column, _ in errors) == ["period", "unit", "value"]
