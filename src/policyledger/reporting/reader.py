"""Read a progress report file — a filled template (.xlsx) or a CSV (UTF-8, with or without a
BOM) — into numbered rows keyed by column, refusing with one line naming the file anything
that is not one: missing, empty, over 20 MB, corrupt, not UTF-8, or without a header row we
recognise."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policyledger.reporting.columns import REQUIRED, column_key, header_map
from policyledger.reporting.errors import ReportFileError
from policyledger.reporting.template import PROP_BODY_ID, SHEET_TITLE

MAX_BYTES = 20 * 1024 * 1024
HEADER_SEARCH = 10  # the header must be within the first rows

Row = dict[str, object]


@dataclass
class ReportFile:
    """A report as read: its rows (Excel/CSV row number, {column key: non-blank cell}), the
    columns its header names, and the body a template was written for."""

    name: str
    kind: str  # "template" (an .xlsx) or "csv"
    sha256: str
    columns: set[str] = field(default_factory=set)
    rows: list[tuple[int, Row]] = field(default_factory=list)
    body_id: str | None = None


def read_report(path: str | Path) -> ReportFile:
    """Read ``path`` (.xlsx or .csv); raise :class:`ReportFileError` if it is not a report."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise ReportFileError(f"{name}: no such file")
    if path.is_dir():
        raise ReportFileError(f"{name}: is a folder, not a report file")
    size = path.stat().st_size
    if size == 0:
        raise ReportFileError(f"{name}: the file is empty")
    if size > MAX_BYTES:
        raise ReportFileError(f"{name}: {size / 1024 / 1024:.1f} MB is over the 20 MB limit")
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        hint = " (old .xls: save it as .xlsx)" if suffix == ".xls" else ""
        raise ReportFileError(f"{name}: not a .xlsx or .csv file{hint}")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".csv":
        report = ReportFile(name, "csv", sha)
        _table(report, _csv_rows(name, data))
    else:
        report = ReportFile(name, "template", sha)
        rows, report.body_id = _xlsx_rows(name, data)
        _table(report, rows)
    return report


def _csv_rows(name: str, data: bytes) -> list[list[str]]:
    if data.startswith(b"PK\x03\x04"):
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
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ReportFileError(f"{name}: not a readable CSV file: {error}") from None


def _xlsx_rows(name: str, data: bytes) -> tuple[list[tuple], str | None]:
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        raise ReportFileError(f"{name}: not an Excel workbook (.xlsx); the file is damaged")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors all mean a damaged file
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ReportFileError(f"{name}: not a readable Excel workbook: {reason}") from None
    try:
        if not workbook.worksheets:
            raise ReportFileError(f"{name}: the workbook has no worksheet")
        names = workbook.sheetnames
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in names else workbook.worksheets[0]
        body_id = next(
            (str(p.value) for p in workbook.custom_doc_props if p.name == PROP_BODY_ID), None
        )
        try:
            rows = list(sheet.iter_rows(values_only=True))
        except Exception as error:  # a damaged sheet inside a readable archive
            raise ReportFileError(f"{name}: a worksheet is damaged: {error}") from None
    finally:
        workbook.close()
    return rows, body_id


def _clean(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _table(report: ReportFile, rows: Iterable[list | tuple]) -> None:
    """Find the header row, then keep each row below it that has anything in it."""
    header: dict[str, int] | None = None
    for number, cells in enumerate(rows, start=1):
        if header is None:
            if number > HEADER_SEARCH:
                break
            found = header_map(cells)
            if all(key in found for key in REQUIRED):
                header = found
            continue
        row: Row = {}
        for key, index in header.items():
            if index < len(cells):
                value = _clean(cells[index])
                if value is not None:
                    row[key] = value
        if not row or column_key(row.get("target_id")) == "target_id":
            continue  # an empty row, or a second header row (the English names)
        report.rows.append((number, row))
    if header is None:
        raise ReportFileError(
            f"{report.name}: no header row naming target_id, period and value "
            f"(目标编号, 报告期, 数值) in the first {HEADER_SEARCH} rows"
        )
    report.columns = set(header)
