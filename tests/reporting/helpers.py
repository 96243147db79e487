"""Helpers for the reporting tests: targets by metric, filling a template, writing a CSV,
counting rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from policyledger.reporting.columns import COLUMNS
from policyledger.storage.models import Target
from policyledger.storage.queries import current_targets

EV = "新能源汽车产量"  # 2025, 万辆, owned by 市商务委 (三/四/3)
EVENTS = "“承接产业转移东部行”活动"  # 每年 ≥ 10场, no year; plan 2022—2024
LETTER = {c.key: chr(ord("A") + i) for i, c in enumerate(COLUMNS)}
CSV_HEADER = ["target_id", "period", "value", "unit", "note", "source_url", "reporter"]


def target(session, metric: str, scope: str | None = None) -> Target:
    query = current_targets().where(Target.metric == metric)
    if scope is not None:
        query = query.where(Target.scope == scope)
    return session.scalars(query).first()


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def fill(template: Path, out: Path, cells: dict[int, dict[str, object]]) -> None:
    """Fill a template like a reporter: {row: {column key: value}}, saved to ``out``."""
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    for row, values in cells.items():
        for key, value in values.items():
            sheet[f"{LETTER[key]}{row}"] = value
    workbook.save(out)


def row_of(template: Path, lineage: int) -> int:
    """The row of a target in a template."""
    sheet = load_workbook(template, read_only=True).worksheets[0]
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        if cells and cells[0] == lineage:
            return number
    raise AssertionError(f"target {lineage} not in {template.name}")


def write_csv(path: Path, rows: list[dict], bom: bool = False, header=CSV_HEADER) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(k) is None else row[k] for k in header])
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return path
