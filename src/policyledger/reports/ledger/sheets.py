"""A plan's sheet of the ledger: a title row with the plan's full name, the header in Chinese
and English, then one row per task × target × responsible body (see ``rows``), with the
header frozen, an auto-filter, widths fitted to Chinese text, wrapped long columns, number
and date formats, and the warning level as a coloured cell that also says its colour."""

from __future__ import annotations

import datetime as dt
import re

from openpyxl.utils import get_column_letter

from policyledger.reporting.columns import format_target
from policyledger.reports.ledger import cells
from policyledger.reports.ledger.cells import Cells, Styles, fit_widths
from policyledger.reports.ledger.columns import (
    COLUMNS,
    DATE,
    INTEGER,
    LINK,
    NOT_ASSESSED,
    NUMBER,
    ROLES,
    STATUSES,
    TEXT,
    WARNING,
    WARNINGS,
    WRAP,
    Column,
    width,
)
from policyledger.reports.ledger.rows import LedgerRow, PlanLedger

TITLE_ROWS = 1
HEADER_ROWS = 2  # English above, Chinese right above the data (the filter row)
FIRST_ROW = TITLE_ROWS + HEADER_ROWS + 1
SHEET_NAME_LIMIT = 31

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_ISSUER = re.compile(r"^.{0,16}?人民政府(?:办公厅|办公室)?关于")
_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,3}[省市](?=[\u4e00-\u9fff]{4})")
_BRACKETS = re.compile(r"（[^）]*）|\([^)]*\)|〔[^〕]*〕")
_PERIOD = re.compile(r"“十[一二三四五六七八九]五”")


def sheet_name(number: int, plan: str, taken: set[str]) -> str:
    """A short, unique sheet name for a plan: its number and the name without the issuer,
    the place, the five-year-plan label and bracketed years ("1 节能减排综合工作实施方案");
    at most 31 characters, none of those Excel forbids."""
    short = _BRACKETS.sub("", _PERIOD.sub("", _ISSUER.sub("", plan.strip())))
    short = _PLACE.sub("", short)
    short = _FORBIDDEN.sub(" ", short).replace("“", "").replace("”", "")
    short = " ".join(short.split()).strip("'") or "方案"
    name = f"{number} {short}"[:SHEET_NAME_LIMIT].rstrip().rstrip("'")
    while name.lower() in taken:  # only when two plans share a number: never in practice
        number += 1000
        name = f"{number} {short}"[:SHEET_NAME_LIMIT].rstrip().rstrip("'")
    taken.add(name.lower())
    return name


def title_text(ledger: PlanLedger, as_of: dt.date) -> str:
    document = f"（{ledger.doc_number}）" if ledger.doc_number else ""
    return f"{ledger.name}{document}  数据截至 {as_of.isoformat()}"


def write_plan_sheet(
    workbook, styles: Styles, name: str, ledger: PlanLedger, as_of: dt.date
) -> None:
    """Add the plan's sheet to a write-only ``workbook`` (``styles``: from ``add_styles``)."""
    sheet = workbook.create_sheet(name)
    make = Cells(sheet, styles)
    values = [_values(row) for row in ledger.rows]
    _widths(sheet, values)
    last_row = FIRST_ROW - 1 + len(values)
    last_column = get_column_letter(len(COLUMNS))
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.auto_filter.ref = f"A{FIRST_ROW - 1}:{last_column}{max(last_row, FIRST_ROW - 1)}"
    sheet.print_title_rows = f"{TITLE_ROWS + 1}:{FIRST_ROW - 1}"
    sheet.append([make.text(title_text(ledger, as_of), cells.TITLE)])
    sheet.append([make.text(c.en, cells.HEADER_EN) for c in COLUMNS])
    sheet.append([make.text(c.zh, cells.HEADER) for c in COLUMNS])
    for row in values:
        sheet.append(
            [_cell(make, column, value) for column, value in zip(COLUMNS, row, strict=True)]
        )


def _values(row: LedgerRow) -> list:
    """The row's values in column order (the warning as its colour key)."""
    task, target, owner = row.task, row.target, row.owner
    values: list = [None] * len(COLUMNS)
    values[0] = task.path if task is not None else (target.path if target is not None else None)
    values[1] = task.heading if task is not None else None
    if owner is not None:
        values[2:5] = [owner.name, owner.name_en, ROLES.get(owner.role, owner.role)]
    if target is None:
        return values
    latest, expected = target.latest_value, _tidy(target.expected)
    gap = _tidy(latest - expected) if latest is not None and expected is not None else None
    goal = format_target(target.relation, target.value, target.change, target.per_year)
    status = STATUSES.get(target.status, target.status) if target.status else NOT_ASSESSED
    values[5:] = [
        target.metric,
        target.scope,
        f"{goal}{target.unit}",
        target.unit,
        target.year,
        target.baseline,
        latest,
        target.latest_period_end,
        expected,
        gap,
        status,
        target.warning,
        target.reports_missing,
        row.source_url,
        target.text,
        target.lineage,
    ]
    return values


def _tidy(number: float | None) -> float | None:
    """A computed number without floating-point noise (-5.600000000000001 → -5.6)."""
    return None if number is None else float(f"{number:.12g}")


def _cell(make: Cells, column: Column, value):
    if value is None:
        return None
    kind = column.kind
    if kind == WARNING:
        return make.warning(value, WARNINGS.get(value, value))
    if kind == LINK:
        return make.link(value)
    if kind == DATE:
        if isinstance(value, str):  # SQLite may hand a date back as text
            value = dt.date.fromisoformat(value)
        return make.value(value)
    if kind in (NUMBER, INTEGER):
        return make.value(value, cells.YEAR if column.key == "year" else None)
    return make.text(str(value), cells.WRAPPED if kind == WRAP else cells.TEXT)


def _widths(sheet, values: list[list]) -> None:
    """Text columns fit their header and texts up to a cap; numbers and dates take the cap."""
    columns = []
    for index, column in enumerate(COLUMNS):
        if column.kind in (TEXT, WRAP):
            texts = {str(row[index]) for row in values if row[index] is not None}
            header = max(width(column.zh), len(column.en), 6) + 2
            columns.append((texts, min(header, column.max_width), column.max_width))
        else:
            columns.append(((), column.max_width, column.max_width))
    fit_widths(sheet, columns)
