"""The Excel ledger (台账): a summary sheet, then one sheet per plan with a row per task ×
target × responsible body, its assessment at a date, and the source of each latest value.

``export_ledger`` is the entry point; ``rows`` reads the ledger (set-based), ``sheets`` and
``summary`` write the sheets, ``cells`` and ``columns`` hold the formatting."""

from policyledger.reports.ledger.export import (
    ExportSummary,
    LedgerExportError,
    SheetSummary,
    export_ledger,
    resolve_as_of,
)

__all__ = [
    "ExportSummary",
    "LedgerExportError",
    "SheetSummary",
    "export_ledger",
    "resolve_as_of",
]
