"""What goes wrong with a progress report: a file that cannot be read as one
(:class:`ReportFileError`), or rows that fail validation (:class:`ImportRejected`, carrying
every :class:`RowError`)."""

from __future__ import annotations

from typing import NamedTuple

from policyledger.errors import PolicyLedgerError


class ReportFileError(PolicyLedgerError):
    """The file is not a readable report (missing, empty, too big, corrupt, not UTF-8, no
    header we recognise, or a template written for another body)."""


class RowError(NamedTuple):
    """One problem: the row number as the user sees it in Excel or the CSV, the column (its
    English key, e.g. "value"), and a one-line Chinese + English message."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行 row {self.row}, {self.column}: {self.message}"


class ImportRejected(PolicyLedgerError):
    """Some rows are invalid, so nothing was imported; ``errors`` lists every problem."""

    def __init__(self, errors: list[RowError], filename: str = "the file") -> None:
        self.filename = filename
        self.errors = sorted(errors, key=lambda e: e.row)
        rows = len({e.row for e in self.errors})
        noun = "row has" if rows == 1 else "rows have"
        first = f" (first: {self.errors[0]})" if self.errors else ""
        super().__init__(f"{filename}: {rows} {noun} errors; nothing was imported{first}")
