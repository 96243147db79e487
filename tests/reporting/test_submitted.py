"""A reporter's import recorded as "submitted": the values wait for review, change nothing
that is current, and the import stays all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from policyledger.reporting import ImportRejected, import_reports
from policyledger.storage.integrity import check_integrity
from policyledger.storage.models import AuditLog, ImportBatch, Observation
from policyledger.storage.observations import ObservationError
from policyledger.storage.queries import find_body
from policyledger.storage.review import approve
from tests.reporting.helpers import EV, EVENTS, count, target, write_csv


def test_a_submitted_import_waits_for_review(ingested, tmp_path):
    with ingested.session() as s:
        ev, events = target(s, EV).lineage, target(s, EVENTS).lineage
        swj = find_body(s, "市商务委")
    first = write_csv(tmp_path / "first.csv", [{"target_id": ev, "period": "2024", "value": 90}])
    with ingested.session() as s:
        import_reports(s, first, "supervisor", swj)  # approved: the current value
    second = write_csv(
        tmp_path / "second.csv",
        [
            {"target_id": ev, "period": "2024", "value": 95.32},
            {"target_id": events, "period": "2023", "value": 12},
        ],
    )
    with ingested.session() as s:
        result = import_reports(s, second, "swj-clerk", swj, status="submitted")
    assert (result.rows_imported, result.corrections, result.status) == (2, 1, "submitted")
    assert str(result).endswith("；待审核 · waiting for review")
    with ingested.session() as s:
        rows = s.scalars(select(Observation).order_by(Observation.id)).all()
        assert [(r.value, r.status, r.is_current, r.version) for r in rows] == [
            (90.0, "approved", True, 1),
            (95.32, "submitted", False, 2),
            (12.0, "submitted", False, 1),
        ]
        assert rows[1].supersedes_id == rows[0].id and rows[2].supersedes_id is None
        audit = s.scalars(
            select(AuditLog)
            .where(AuditLog.entity == "observation", AuditLog.action == "submit")
            .order_by(AuditLog.id)
        ).all()
        assert [a.entity_id for a in audit] == [str(rows[1].id), str(rows[2].id)]
        assert audit[0].detail == {
            "target_lineage": ev,
            "period": "2024",
            "value": 95.32,
            "would_supersede": rows[0].id,
            "current_value": 90.0,
        }
        assert check_integrity(s) == []
        approve(s, rows[1].id, "supervisor")
    with ingested.session() as s:
        current = s.scalar(select(Observation).where(Observation.is_current.is_(True)))
        assert (current.value, current.version, current.supersedes_id) == (95.32, 2, rows[0].id)
        assert check_integrity(s) == []


def test_an_approved_import_numbers_past_a_pending_submission(ingested, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV).lineage
        swj = find_body(s, "市商务委")
    row = {"target_id": ev, "period": "2024"}
    files = [
        write_csv(tmp_path / f"{n}.csv", [{**row, "value": value}])
        for n, value in enumerate((90, 91, 92))
    ]
    with ingested.session() as s:
        import_reports(s, files[0], "supervisor", swj)
    with ingested.session() as s:
        import_reports(s, files[1], "clerk", swj, status="submitted")
    with ingested.session() as s:
        import_reports(s, files[2], "supervisor", swj)
    with ingested.session() as s:
        rows = s.execute(
            select(Observation.value, Observation.version, Observation.is_current).order_by(
                Observation.id
            )
        ).all()
        assert rows == [(90.0, 1, False), (91.0, 2, False), (92.0, 3, True)]
        assert check_integrity(s) == []


def test_a_submitted_import_is_still_all_or_nothing(ingested, tmp_path):
    with ingested.session() as s:
        ev = target(s, EV).lineage
        swj = find_body(s, "市商务委")
        before = count(s, Observation), count(s, ImportBatch), count(s, AuditLog)
    path = write_csv(
        tmp_path / "bad.csv",
        [
            {"target_id": ev, "period": "2024", "value": 1},
            {"target_id": ev, "period": "2023", "value": "many"},
        ],
    )
    with ingested.session() as s, pytest.raises(ImportRejected):
        import_reports(s, path, "clerk", swj, status="submitted")
    with ingested.session() as s:
        assert (count(s, Observation), count(s, ImportBatch), count(s, AuditLog)) == before
        with pytest.raises(ObservationError, match="approved or submitted, not 'returned'"):
            import_reports(s, path, "clerk", swj, status="returned")
