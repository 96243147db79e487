"""Export the ledger (台账) as one Excel workbook: the summary sheet, then one sheet per plan.

The date is the stored assessment's: the latest stored date by default; a date never assessed
is assessed (and stored) first, as is today when nothing was ever assessed. The workbook is
written in openpyxl's write-only mode (rows streamed, not held as cell objects) to a temporary
file that is renamed into place, so the file appears whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.assess import Rules, load_rules
from policyledger.errors import PolicyLedgerError
from policyledger.reports.ledger.cells import add_styles
from policyledger.reports.ledger.rows import find_plans, load_ledger
from policyledger.reports.ledger.sheets import sheet_name, write_plan_sheet
from policyledger.reports.ledger.summary import SUMMARY_TITLE, write_summary
from policyledger.services.assessment import run_assessment
from policyledger.storage.models import AssessmentRow


class LedgerExportError(PolicyLedgerError):
    """The ledger cannot be exported as asked (no such plan, the file cannot be written)."""


@dataclass(frozen=True)
class SheetSummary:
    """One plan's sheet: its name, the plan's full name, and what it holds."""

    name: str
    plan: str
    rows: int
    tasks: int
    targets: int


@dataclass(frozen=True)
class ExportSummary:
    """What was written: the file, the date the data is as of, whether the assessment of that
    date was run for the export, and each plan's sheet (after the summary sheet)."""

    path: Path
    as_of: dt.date
    assessed: bool
    sheets: tuple[SheetSummary, ...]

    @property
    def sheet_names(self) -> list[str]:
        return [SUMMARY_TITLE, *(s.name for s in self.sheets)]

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.sheets)

    @property
    def targets(self) -> int:
        return sum(s.targets for s in self.sheets)

    @property
    def tasks(self) -> int:
        return sum(s.tasks for s in self.sheets)


def export_ledger(
    session: Session,
    path: str | Path,
    as_of: dt.date | None = None,
    plan: str | None = None,
    actor: str = "system",
    rules: Rules | None = None,
    progress: Callable[[str], None] | None = None,
) -> ExportSummary:
    """Write the ledger of ``as_of`` (plans whose name contains ``plan``, or all) to ``path``;
    ``progress`` is told, in a line, what is being done.

    Raises ``LedgerExportError`` when no plan matches or the file cannot be written."""
    path = Path(path)
    say = progress or (lambda _: None)
    plans = find_plans(session, plan)
    if not plans:
        wanted = f"whose name contains {plan!r}" if plan else "in the ledger (ingest a document)"
        raise LedgerExportError(f"no plan {wanted}")
    as_of, assessed = resolve_as_of(session, as_of, actor, say)
    ledgers = load_ledger(session, plans, as_of)
    taken = {SUMMARY_TITLE.lower()}
    named = [(sheet_name(n, ledger.name, taken), ledger) for n, ledger in enumerate(ledgers, 1)]
    with _replacing(path) as output:  # opened first: an unwritable path fails before any work
        say(f"正在写出台账：方案 {len(ledgers)} 个，{sum(len(x.rows) for x in ledgers)} 行…")
        workbook = Workbook(write_only=True)
        styles = add_styles(workbook)
        write_summary(workbook, styles, as_of, named, rules or load_rules(), plan)
        for name, ledger in named:
            write_plan_sheet(workbook, styles, name, ledger, as_of)
        workbook.properties.title = f"政策台账 {as_of.isoformat()}"
        workbook.properties.creator = "policyledger"
        workbook.save(output)
    sheets = tuple(
        SheetSummary(name, ledger.name, len(ledger.rows), ledger.tasks, len(ledger.targets))
        for name, ledger in named
    )
    return ExportSummary(path, as_of, assessed, sheets)


def resolve_as_of(
    session: Session,
    as_of: dt.date | None,
    actor: str = "system",
    progress: Callable[[str], None] | None = None,
) -> tuple[dt.date, bool]:
    """The date to export and whether it had to be assessed first: ``as_of`` (assessed now if
    it never was), else the latest stored date, else today (assessed now)."""
    if as_of is None:
        latest = session.scalar(select(func.max(AssessmentRow.as_of)))
        if latest is not None:
            return _date(latest), False
        as_of = dt.date.today()
    stored = session.scalar(select(AssessmentRow.id).where(AssessmentRow.as_of == as_of).limit(1))
    if stored is not None:
        return as_of, False
    if progress is not None:
        progress(f"截至 {as_of} 尚未评估，正在评估…")
    run_assessment(session, as_of, actor=actor, workers=os.cpu_count() or 1)
    return as_of, True


def _date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``path``, renamed into place when the block succeeds and
    removed when it fails: the file is written whole or not at all."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        handle = temporary.open("wb")
    except OSError as error:
        raise LedgerExportError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with handle:
            yield handle
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise LedgerExportError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
