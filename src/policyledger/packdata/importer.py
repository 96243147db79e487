"""Import a pack's data — a filled template (.xlsx) or a CSV — all or nothing.

The file is read with the progress reports' guards (:func:`policyledger.reporting.reader.
read_table`: size, zip bombs, rows, cells, formulas read as their saved values); every row is
checked (:mod:`.validate`); if any is wrong nothing is written and
:class:`~policyledger.reporting.errors.ImportRejected` lists every problem with its row and
column. Otherwise the records are written in the caller's transaction as one batch
(:func:`policyledger.storage.packs.write_records`): a key already stored with other data is
superseded, history kept. The same file imported again writes nothing. Two imports racing on
the same keys cannot both make a record current (a unique index): the later one is refused in
one line and the caller rolls back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policyledger.packdata.validate import validate_rows
from policyledger.reporting.errors import ImportRejected, ReportFileError
from policyledger.reporting.reader import read_table
from policyledger.rules import Pack
from policyledger.storage.models import AuditLog, PackBatch
from policyledger.storage.packs import BatchInfo, earlier_batch, write_records


@dataclass(frozen=True)
class PackImportResult:
    """What an import did: its batch, the records added, superseded and left unchanged, and
    whether the file had been imported before (nothing written)."""

    pack: str
    kind: str
    batch_id: int
    rows: int
    added: int
    superseded: int
    unchanged: int
    already_imported: bool = False

    def __str__(self) -> str:
        if self.already_imported:
            return (
                f"该文件已于第 {self.batch_id} 批导入，未重复写入 · already imported as "
                f"batch {self.batch_id}; nothing written"
            )
        return (
            f"导入 {self.pack}/{self.kind} {self.rows} 行：新增 {self.added}，更正 "
            f"{self.superseded}，未变 {self.unchanged} · imported {self.rows} rows as batch "
            f"{self.batch_id}: {self.added} new, {self.superseded} superseding, "
            f"{self.unchanged} unchanged"
        )


def import_records(
    session: Session,
    pack: Pack,
    kind_name: str,
    path: str | Path,
    actor: str,
    *,
    synthetic: bool = False,
    note: str | None = None,
) -> PackImportResult:
    """Validate and import the file at ``path`` as records of ``pack``'s kind ``kind_name``.
    ``synthetic`` marks invented data (the pages and the bulletin then say so). Raises
    :class:`ImportRejected` (nothing written) or :class:`ReportFileError`."""
    kind = pack.kind(kind_name)
    report = read_table(path, kind.layout(pack.name))
    earlier = earlier_batch(session, pack.name, kind.name, report.sha256)
    if earlier is not None:
        return _earlier_result(session, earlier)
    valid, errors = validate_rows(session, kind, report)
    if errors:
        raise ImportRejected(errors, report.name)
    info = BatchInfo(pack.name, kind.name, report.name, report.sha256, synthetic, note)
    try:
        written = write_records(session, info, [v.record for v in valid], actor)
    except IntegrityError:  # another import wrote the same keys (or file) meanwhile
        raise ReportFileError(
            f"{report.name}: another import changed the same records at the same time; "
            "nothing was imported — import the file again"
        ) from None
    return PackImportResult(
        pack.name,
        kind.name,
        written.batch_id,
        len(valid),
        written.added,
        written.superseded,
        written.unchanged,
    )


def _earlier_result(session: Session, batch: PackBatch) -> PackImportResult:
    detail = (
        session.scalar(
            select(AuditLog.detail).where(
                AuditLog.entity == "pack_batch",
                AuditLog.action == "import",
                AuditLog.entity_id == str(batch.id),
            )
        )
        or {}
    )
    return PackImportResult(
        batch.pack,
        batch.kind,
        batch.id,
        batch.rows + int(detail.get("unchanged", 0)),
        int(detail.get("added", batch.rows)),
        int(detail.get("superseded", 0)),
        int(detail.get("unchanged", 0)),
        already_imported=True,
    )
