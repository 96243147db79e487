"""Import progress reports — a filled Excel template or a CSV — into the ledger.

Every row is validated first and all errors are collected; if any row is wrong, nothing is
written and :class:`ImportRejected` lists them all. Otherwise the rows are recorded in the
caller's transaction under one :class:`ImportBatch`: a value for a period that already has
one is a correction (a new version; the old one stays). A reporter's import can be recorded
as ``submitted``: the values then wait for a supervisor's review and change nothing until
approved. Importing the very same file again (same SHA-256) writes nothing and returns the
earlier batch's result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.reporting.errors import ImportRejected
from policyledger.reporting.reader import read_report
from policyledger.reporting.validate import validate
from policyledger.reporting.writer import record_observations
from policyledger.storage import audit
from policyledger.storage.models import AuditLog, Body, ImportBatch, Observation
from policyledger.storage.observations import APPROVED, SUBMITTED, ObservationError


@dataclass(frozen=True)
class ImportResult:
    """What an import did: its batch, the observations recorded (of which corrections), the
    target rows left blank, and whether the file had been imported before (nothing written)."""

    batch_id: int
    rows_imported: int
    corrections: int
    skipped_blank: int
    already_imported: bool = False
    status: str = APPROVED  # "submitted": the values wait for review

    def __str__(self) -> str:
        if self.already_imported:
            return (
                f"该文件已于第 {self.batch_id} 批导入，未重复写入 · already imported as batch "
                f"{self.batch_id}; nothing written"
            )
        text = (
            f"导入 {self.rows_imported} 条（其中更正 {self.corrections} 条），跳过未填行 "
            f"{self.skipped_blank} 行 · imported {self.rows_imported} rows "
            f"({self.corrections} corrections, {self.skipped_blank} blank rows skipped) "
            f"as batch {self.batch_id}"
        )
        if self.status == SUBMITTED:
            text += "；待审核 · waiting for review"
        return text


def import_reports(
    session: Session,
    path: str | Path,
    actor: str,
    reporter: Body | None = None,
    status: str = APPROVED,
) -> ImportResult:
    """Validate and import the report at ``path`` (.xlsx or .csv) in the session's
    transaction. ``reporter`` is the body reporting (checked against the template's body and
    each target's owners); without it, the template's body or each row's ``reporter`` column;
    rows with none of these (a supervisor loading published statistics) are recorded without
    a reporter and without an ownership check. ``status`` is "approved" (the values become
    current) or "submitted" (a reporter's import: they wait for review).
    Raises :class:`ImportRejected` (nothing written) or
    :class:`~policyledger.reporting.errors.ReportFileError`."""
    if status not in (APPROVED, SUBMITTED):
        raise ObservationError(f"an import is approved or submitted, not {status!r}")
    report = read_report(path)
    earlier = session.scalar(
        select(ImportBatch)
        .where(ImportBatch.sha256 == report.sha256)
        .order_by(ImportBatch.id)
        .limit(1)
    )
    if earlier is not None:
        return _earlier_result(session, earlier)
    checked = validate(session, report, reporter)
    if checked.errors:
        raise ImportRejected(checked.errors, report.name)
    batch = ImportBatch(
        filename=report.name[:300],
        sha256=report.sha256,
        kind=report.kind,
        rows=len(checked.rows),
        actor=actor,
    )
    session.add(batch)
    session.flush()
    corrections = record_observations(session, checked.rows, actor, batch.id, status=status)
    reporters = sorted({r.reporter_id for r in checked.rows if r.reporter_id})
    audit.record(
        session,
        actor,
        "import",
        "import_batch",
        batch.id,
        filename=batch.filename,
        kind=batch.kind,
        sha256=batch.sha256,
        rows=batch.rows,
        corrections=corrections,
        skipped_blank=checked.skipped_blank,
        reporters=reporters,
        status=status,
    )
    session.flush()
    return ImportResult(batch.id, batch.rows, corrections, checked.skipped_blank, status=status)


def _earlier_result(session: Session, batch: ImportBatch) -> ImportResult:
    """The result of the earlier import of the same file, marked ``already_imported``."""
    detail = session.scalar(
        select(AuditLog.detail).where(
            AuditLog.entity == "import_batch",
            AuditLog.action == "import",
            AuditLog.entity_id == str(batch.id),
        )
    )
    if detail and "corrections" in detail:
        corrections, skipped = int(detail["corrections"]), int(detail.get("skipped_blank", 0))
        status = str(detail.get("status", APPROVED))
    else:  # a batch written by another importer
        status = APPROVED
        corrections = session.scalar(
            select(func.count())
            .select_from(Observation)
            .where(Observation.batch_id == batch.id, Observation.supersedes_id.is_not(None))
        )
        skipped = 0
    return ImportResult(
        batch.id, batch.rows, corrections or 0, skipped, already_imported=True, status=status
    )
