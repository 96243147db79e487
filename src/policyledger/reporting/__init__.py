"""Progress reporting: the Excel template a department or district fills in
(:func:`write_template`) and the import of a filled template or a CSV (:func:`import_reports`),
which validates every row and writes nothing unless all are valid."""

from policyledger.reporting.errors import ImportRejected, ReportFileError, RowError
from policyledger.reporting.importer import ImportResult, import_reports
from policyledger.reporting.template import write_template

__all__ = [
    "ImportRejected",
    "ImportResult",
    "ReportFileError",
    "RowError",
    "import_reports",
    "write_template",
]
