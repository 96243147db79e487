"""Read a progress report file — a filled template (.xlsx) or a CSV (UTF-8, with or without a
BOM) — into numbered rows keyed by column, refusing with one line naming the file anything
that is not one: missing, empty, over the upload size limit, corrupt, not UTF-8, without a
header row we recognise, or over a limit of :mod:`policyledger.limits` (a workbook that
unpacks to too much, too many rows, an overlong cell).

A workbook is read in read-only mode with the values Excel cached for formulas
(``data_only``): a formula is never evaluated and its text is never data. A formula cell in an
imported column without a cached value is a row error ("paste values").

The same guards read any tabular upload: :func:`read_table` takes a :class:`TableLayout` (how
its header row is recognised, which sheet to read, which columns are imported); the rule packs'
data templates (:mod:`policyledger.packdata`) are read this way. :func:`read_report` is
``read_table`` with the progress report's layout."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from policyledger import limits
from policyledger.errors import PolicyLedgerError
from policyledger.reporting.columns import REQUIRED, column_key, header_map
from policyledger.reporting.errors import ReportFileError, RowError
from policyledger.reporting.template import PROP_BODY_ID, SHEET_TITLE

MAX_BYTES = limits.upload_bytes()  # the size limit in force when the module was loaded
HEADER_SEARCH = 10  # the header must be within the first rows
# the columns the import reads: a formula without a value in one of them is an error
IMPORTED = ("target_id", "period", "value", "unit", "note", "source_url", "reporter")
_ZIP = b"PK\x03\x04"
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")

Row = dict[str, object]


@dataclass
class ReportFile:
    """A report as read: its rows (Excel/CSV row number, {column key: non-blank cell}), the
    columns its header names, the body a template was written for, and the row errors found
    while reading (formulas without a value)."""

    name: str
    kind: str  # "template" (an .xlsx) or "csv"
    sha256: str
    columns: set[str] = field(default_factory=set)
    rows: list[tuple[int, Row]] = field(default_factory=list)
    body_id: str | None = None
    errors: list[RowError] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)  # a workbook's custom properties


@dataclass(frozen=True)
class TableLayout:
    """How to read one kind of table: ``header`` maps a row's cells to {column key: index}
    when the row is the header (else None); ``repeated_header`` tells a second header row
    (the English names) among the data rows; ``sheet`` is the sheet read when the workbook
    has it (else the first); a formula without a value in an ``imported`` column is a row
    error; ``no_header`` is the refusal when no header is found (after "name: ");
    ``refuse`` may refuse a workbook by its custom properties (a template written for
    something else) before its sheet is read, returning why."""

    header: Callable[[Sequence[object]], dict[str, int] | None]
    repeated_header: Callable[[Row], bool]
    sheet: str
    imported: Collection[str]
    no_header: str
    refuse: Callable[[dict[str, str]], str | None] | None = None


def _report_header(cells: Sequence[object]) -> dict[str, int] | None:
    found = header_map(list(cells))
    return found if all(key in found for key in REQUIRED) else None


REPORT_LAYOUT = TableLayout(
    header=_report_header,
    repeated_header=lambda row: column_key(row.get("target_id")) == "target_id",
    sheet=SHEET_TITLE,
    imported=IMPORTED,
    no_header=(
        "no header row naming target_id, period and value (目标编号, 报告期, 数值) in the "
        f"first {HEADER_SEARCH} rows"
    ),
)


def read_report(path: str | Path) -> ReportFile:
    """Read ``path`` (.xlsx or .csv); raise :class:`ReportFileError` if it is not a report."""
    report = read_table(path, REPORT_LAYOUT)
    report.body_id = report.properties.get(PROP_BODY_ID)
    return report


def read_table(path: str | Path, layout: TableLayout) -> ReportFile:
    """Read ``path`` (.xlsx or .csv) as a table of ``layout``, with every guard of
    :func:`read_report`; raise :class:`ReportFileError` if it cannot be read as one."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise ReportFileError(f"{name}: no such file")
    if path.is_dir():
        raise ReportFileError(f"{name}: is a folder, not a report file")
    size = path.stat().st_size
    if size == 0:
        raise ReportFileError(f"{name}: the file is empty")
    if size > limits.upload_bytes():
        raise ReportFileError(limits.upload_too_big(name, size))
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        hint = " (old .xls: save it as .xlsx)" if suffix == ".xls" else ""
        raise ReportFileError(f"{name}: not a .xlsx or .csv file{hint}")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".csv":
        report = ReportFile(name, "csv", sha)
        _table(report, _csv_rows(name, data), layout)
    else:
        report = ReportFile(name, "template", sha)
        _read_xlsx(report, data, layout)
    return report


def _csv_rows(name: str, data: bytes) -> Iterator[list[str]]:
    if data.startswith(_ZIP):
        raise ReportFileError(f"{name}: is an Excel workbook, not a CSV; name it .xlsx")
    if b"\x00" in data[:65536]:
        raise ReportFileError(f"{name}: binary data, not a CSV text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReportFileError(
            f"{name}: not UTF-8 text (bad byte at offset {error.start}); save it as CSV UTF-8"
        ) from None
    if not text.strip():
        raise ReportFileError(f"{name}: the file is empty")
    return _parse_csv(name, text)


def _parse_csv(name: str, text: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 1
    try:
        for cells in reader:
            yield cells
            number += 1
    except csv.Error as error:
        if "field larger than field limit" in str(error):  # the csv module's own cap
            raise ReportFileError(limits.cell_too_long(name, number, None)) from None
        raise ReportFileError(f"{name}: not a readable CSV file: {error}") from None


def _read_xlsx(report: ReportFile, data: bytes, layout: TableLayout) -> None:
    """Check the package's central directory, then read the report sheet's cached values."""
    from openpyxl import load_workbook

    name = report.name
    if not data.startswith(_ZIP):
        raise ReportFileError(f"{name}: not an Excel workbook (.xlsx); the file is damaged")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = limits.zip_problem(archive.infolist())
            if problem is not None:
                raise ReportFileError(f"{name}: {problem}")
            has_formulas = _has_formulas(archive)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except PolicyLedgerError:  # a refusal, or a limit set wrong in the environment
        raise
    except Exception as error:  # zipfile, XML and openpyxl errors all mean a damaged file
        raise ReportFileError(f"{name}: not a readable Excel workbook: {_reason(error)}") from None
    try:
        if not workbook.worksheets:
            raise ReportFileError(f"{name}: the workbook has no worksheet")
        report.properties = {
            str(p.name): str(p.value) for p in workbook.custom_doc_props if p.value is not None
        }
        problem = layout.refuse(report.properties) if layout.refuse else None
        if problem:
            raise ReportFileError(f"{name}: {problem}")
        formulas = _formula_cells(data, layout.sheet) if has_formulas else set()
        try:
            rows = _sheet(workbook, layout.sheet).iter_rows(values_only=True)
            _table(report, rows, layout, formulas)
        except PolicyLedgerError:
            raise
        except Exception as error:  # a damaged sheet inside a readable archive
            raise ReportFileError(f"{name}: a worksheet is damaged: {_reason(error)}") from None
    finally:
        workbook.close()


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else type(error).__name__


def _sheet(workbook, title: str):
    """The sheet named ``title`` (the template's), else the first."""
    if title in workbook.sheetnames:
        return workbook[title]
    return workbook.worksheets[0]


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    """Whether any worksheet holds a formula (``<f>``), scanning the XML in pieces."""
    for member in archive.infolist():
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        tail = b""
        with archive.open(member) as handle:
            while chunk := handle.read(1 << 20):
                if _FORMULA_TAG.search(tail + chunk):
                    return True
                tail = chunk[-32:]
    return False


def _formula_cells(data: bytes, title: str) -> set[tuple[int, int]]:
    """(row number, column index from 0) of every formula cell of the sheet read (``title``,
    else the first), reading no further than the row limit allows."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    found: set[tuple[int, int]] = set()
    bound = limits.REPORT_ROWS.get() + HEADER_SEARCH + 1
    filled = 0
    try:
        for cells in _sheet(workbook, title).iter_rows():
            if any(getattr(cell, "value", None) is not None for cell in cells):
                filled += 1
                if filled > bound:
                    break
            for cell in cells:
                if getattr(cell, "data_type", None) == "f":
                    found.add((cell.row, cell.column - 1))
    finally:
        workbook.close()
    return found


def _clean(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _table(
    report: ReportFile,
    rows: Iterable[list | tuple],
    layout: TableLayout,
    formulas: set[tuple[int, int]] | frozenset = frozenset(),
) -> None:
    """Find the header row, then keep each row below it that has anything in it (at most
    the row limit; a cell over the cell size limit refuses the file)."""
    header: dict[str, int] | None = None
    most, longest = limits.REPORT_ROWS.get(), limits.CELL_CHARS.get()
    for number, cells in enumerate(rows, start=1):
        if header is None:
            if number > HEADER_SEARCH:
                break
            header = layout.header(cells)
            continue
        row: Row = {}
        for key, index in header.items():
            value = _clean(cells[index]) if index < len(cells) else None
            if isinstance(value, str) and len(value) > longest:
                raise ReportFileError(limits.cell_too_long(report.name, number, len(value)))
            if value is not None:
                row[key] = value
            elif (number, index) in formulas and key in layout.imported:
                report.errors.append(_formula_error(number, index, key))
        if not row or layout.repeated_header(row):
            continue  # an empty row, or a second header row (the English names)
        if len(report.rows) >= most:
            raise ReportFileError(limits.too_many_rows(report.name))
        report.rows.append((number, row))
    if header is None:
        raise ReportFileError(f"{report.name}: {layout.no_header}")
    report.columns = set(header)


def _formula_error(number: int, index: int, key: str) -> RowError:
    from openpyxl.utils import get_column_letter

    cell = f"{get_column_letter(index + 1)}{number}"
    message = f"公式没有计算结果 cell {cell} is a formula without a value; paste values"
    return RowError(number, key, message)
