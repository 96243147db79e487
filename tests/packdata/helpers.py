"""Helpers of the pack data tests: the energy pack, CSV files of a kind's rows, a pack's
Excel template filled with rows, counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from policyledger.packdata import write_pack_template
from policyledger.packdata.kinds import SHEET_TITLE
from policyledger.packs.energy import pack as energy

ENERGY_HEADER = ["district", "year", "quarter", "gdp", "total_energy", "feedstock"]


def write_rows(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """A UTF-8 CSV with ``header`` (field names) and ``rows``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _excel(value):
    """A row's value as a person would type it into the template's cell."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return value


def fill_template(pack, kind: str, rows: list, folder: Path) -> Path:
    """The pack's template of ``kind`` written to ``folder`` and filled with ``rows`` (typed
    rows: each column takes the row's field of the same name; empty facts stay empty)."""
    template, filled = folder / f"{kind}.xlsx", folder / f"{kind}-filled.xlsx"
    write_pack_template(pack, kind, template)
    book = load_workbook(template)
    sheet = book[SHEET_TITLE]
    header = [c.value for c in sheet[2]]
    for number, row in enumerate(rows, start=3):
        for column, name in enumerate(header, start=1):
            value = getattr(row, name)
            if value is not None:
                sheet.cell(number, column, _excel(value))
    book.save(filled)
    return filled


def count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


__all__ = ["ENERGY_HEADER", "count", "energy", "fill_template", "write_rows"]
