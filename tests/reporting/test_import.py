"""Importing filled templates and CSVs: all rows validated first, nothing written on any error,
corrections kept as versions, the same file twice imported once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select

from policyledger.reporting import ImportRejected, import_reports, write_template
from policyledger.storage.models import AuditLog, ImportBatch, Observation
from policyledger.storage.observations import history
from policyledger.storage.queries import find_body, targets_owned_by
from tests.reporting.helpers import EV, EVENTS, count, fill, row_of, target, write_csv


@pytest.fixture
def swj_template(ingested, tmp_path):
    path = tmp_path / "swj-template.xlsx"
    with ingested.session() as s:
        write_template(s, find_body(s, "市商务委"), path)
    return path


def test_a_filled_template_round_trips(ingested, swj_template, tmp_path):
    with ingested.session() as s:
        ev, events = target(s, EV), target(s, EVENTS)
        owned = len(targets_owned_by(s, find_body(s, "市商务委")))
    filled = tmp_path / "swj-2024.xlsx"
    fill(
        swj_template,
        filled,
        {
            row_of(swj_template, ev.lineage): {
                "period": "2024",
                "value": 95.32,
                "note": "全年",
                "source_url": "https://tjj.cq.gov.cn/2024",
            },
            row_of(swj_template, events.lineage): {"period": "2024年第三季度", "value": "12"},
        },
    )
    with ingested.session() as s:
        result = import_reports(s, filled, actor="swj-clerk")
    assert (result.rows_imported, result.corrections, result.skipped_blank) == (2, 0, owned - 2)
    assert not result.already_imported
    with ingested.session() as s:
        rows = s.scalars(select(Observation).order_by(Observation.id)).all()
        assert [(o.target_lineage, o.period, o.value, o.unit, o.reporter_id) for o in rows] == [
            (ev.lineage, "2024", 95.32, "万辆", "cq.sww"),
            (events.lineage, "2024-Q3", 12.0, "场", "cq.sww"),
        ]
        assert rows[0].note == "全年" and rows[0].source_url == "https://tjj.cq.gov.cn/2024"
        assert {o.batch_id for o in rows} == {result.batch_id}
        assert {o.actor for o in rows} == {"swj-clerk"} and rows[0].received_on == dt.date.today()
        batch = s.get(ImportBatch, result.batch_id)
        assert (batch.kind, batch.rows, batch.filename, len(batch.sha256)) == (
            "template",
            2,
            "swj-2024.xlsx",
            64,
        )
        actions = s.execute(
            select(AuditLog.action, AuditLog.entity_id)
            .where(AuditLog.entity == "observation")
            .order_by(AuditLog.id)
        ).all()
        assert actions == [("report", str(rows[0].id)), ("report", str(rows[1].id))]
        assert s.scalar(select(AuditLog.detail).where(AuditLog.action == "import"))["rows"] == 2


def test_one_bad_row_among_good_ones_writes_nothing(ingested, swj_template, tmp_path):
    with ingested.session() as s:
        lineages = [t.lineage for t in targets_owned_by(s, find_body(s, "市商务委"))][:4]
        before = count(s, Observation), count(s, AuditLog), count(s, ImportBatch)
    filled = tmp_path / "report.xlsx"
    cells = {
        row_of(swj_template, lineage): {"period": "2023", "value": 1.5} for lineage in lineages
    }
    bad = row_of(swj_template, lineages[2])
    cells[bad]["value"] = "约五百"
    fill(swj_template, filled, cells)
    with ingested.session() as s, pytest.raises(ImportRejected) as caught:
        import_reports(s, filled, actor="swj-clerk")
    error = caught.value
    assert str(error).startswith("report.xlsx: 1 row has errors; nothing was imported")
    assert "\n" not in str(error)
    assert [(e.row, e.column) for e in error.errors] == [(bad, "value")]
    assert "不是数字" in error.errors[0].message and "not a number" in error.errors[0].message
    assert f"row {bad}" in str(error.errors[0])
    row, column, message = error.errors[0]  # each error is (row, column, message)
    assert (row, column) == (bad, "value") and message == error.errors[0].message
    with ingested.session() as s:
        assert (count(s, Observation), count(s, AuditLog), count(s, ImportBatch)) == before


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_and_without_bom(ingested, tmp_path, bom):
    with ingested.session() as s:
        ev, events = target(s, EV), target(s, EVENTS)
    path = write_csv(
        tmp_path / "r.csv",
        [
            {
                "target_id": ev.lineage,
                "period": "2024-Q3",
                "value": "71.5",
                "unit": "万辆",
                "note": "前三季度",
            },
            {},  # an empty line
            {"target_id": events.lineage},  # nothing filled in: skipped
            {"target_id": events.lineage, "period": "2023", "value": 14, "reporter": "cq.sww"},
        ],
        bom=bom,
    )
    with ingested.session() as s:
        result = import_reports(s, path, actor="swj-clerk", reporter=find_body(s, "市商务委"))
    assert (result.rows_imported, result.corrections, result.skipped_blank) == (2, 0, 1)
    with ingested.session() as s:
        rows = s.execute(
            select(
                Observation.period, Observation.value, Observation.note, Observation.reporter_id
            ).order_by(Observation.id)
        ).all()
        assert rows == [("2024-Q3", 71.5, "前三季度", "cq.sww"), ("2023", 14.0, None, "cq.sww")]
        assert s.get(ImportBatch, result.batch_id).kind == "csv"


def test_a_csv_without_a_reporter_is_recorded_without_one(ingested, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV)
    path = write_csv(
        tmp_path / "stats.csv",
        [{"target_id": ev.lineage, "period": "2023", "value": 50.1}],
        header=["target_id", "period", "value"],
    )
    with ingested.session() as s:
        assert import_reports(s, path, actor="supervisor").rows_imported == 1
        assert s.scalar(select(Observation.reporter_id)) is None


def test_a_correction_by_a_second_import_keeps_both_versions(ingested, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV)
        swj = find_body(s, "市商务委")
    first = write_csv(
        tmp_path / "first.csv", [{"target_id": ev.lineage, "period": "2024", "value": 90}]
    )
    second = write_csv(
        tmp_path / "second.csv",
        [{"target_id": ev.lineage, "period": "2024年", "value": 95.32, "note": "市统计局修订"}],
    )
    with ingested.session() as s:
        one = import_reports(s, first, "clerk", swj)
    with ingested.session() as s:
        two = import_reports(s, second, "clerk", swj)
    assert (one.corrections, two.corrections) == (0, 1) and one.batch_id != two.batch_id
    with ingested.session() as s:
        rows = history(s, ev.lineage)
        assert [(r.value, r.version, r.is_current, r.batch_id) for r in rows] == [
            (90, 1, False, one.batch_id),
            (95.32, 2, True, two.batch_id),
        ]
        assert rows[1].supersedes_id == rows[0].id
        audit = s.scalars(
            select(AuditLog).where(AuditLog.entity == "observation").order_by(AuditLog.id)
        ).all()
        assert [a.action for a in audit] == ["report", "correct"]
        assert audit[1].detail == {
            "target_lineage": ev.lineage,
            "period": "2024",
            "value": 95.32,
            "supersedes": rows[0].id,
            "previous_value": 90.0,
        }


def test_reimporting_the_same_file_is_a_no_op(ingested, swj_template, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV)
    filled = tmp_path / "report.xlsx"
    fill(
        swj_template, filled, {row_of(swj_template, ev.lineage): {"period": "2024", "value": 95.32}}
    )
    with ingested.session() as s:
        first = import_reports(s, filled, actor="clerk")
    with ingested.session() as s:
        before = count(s, Observation), count(s, AuditLog), count(s, ImportBatch)
        again = import_reports(s, filled, actor="clerk")
    assert again.already_imported and not first.already_imported
    assert "imported 1 rows (0 corrections" in str(first) and "already imported" in str(again)
    assert (again.batch_id, again.rows_imported, again.corrections, again.skipped_blank) == (
        first.batch_id,
        1,
        0,
        first.skipped_blank,
    )
    with ingested.session() as s:
        assert (count(s, Observation), count(s, AuditLog), count(s, ImportBatch)) == before
        assert [r.version for r in history(s, ev.lineage)] == [1]


def test_excel_dates_and_numbers_in_the_period_column(ingested, swj_template, tmp_path):
    with ingested.session() as s:
        ev, events = target(s, EV), target(s, EVENTS)
    filled = tmp_path / "report.xlsx"
    fill(
        swj_template,
        filled,
        {
            row_of(swj_template, ev.lineage): {
                "period": dt.datetime(2024, 9, 1),
                "value": 70,
            },  # "2024-09"
            row_of(swj_template, events.lineage): {"period": 2023, "value": 11},
        },
    )
    with ingested.session() as s:
        import_reports(s, filled, actor="clerk")
        assert s.scalars(select(Observation.period).order_by(Observation.id)).all() == [
            "2024-09",
            "2023",
        ]


def test_validation_reads_the_ledger_a_fixed_number_of_times(ingested, tmp_path):
    with ingested.session() as s:
        swj = find_body(s, "市商务委")
        lineages = [t.lineage for t in targets_owned_by(s, swj)]
    rows = [
        {"target_id": lineage, "period": f"2024-{month:02d}", "value": month}
        for lineage in lineages
        for month in range(1, 13)
    ]
    path = write_csv(tmp_path / "many.csv", rows)
    statements: list[str] = []

    def count_statement(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(ingested.engine, "before_cursor_execute", count_statement)
    try:
        with ingested.session() as s:
            result = import_reports(s, path, actor="clerk", reporter=swj)
    finally:
        event.remove(ingested.engine, "before_cursor_execute", count_statement)
    assert result.rows_imported == len(rows) == 372
    assert len(statements) < 20, statements
