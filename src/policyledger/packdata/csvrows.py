"""A kind's typed rows written as a CSV the import reads back — for the packs' committed data
files (synthetic data, published figures): a first line saying what the data are, the Chinese
header of the template, the field names, one line per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from policyledger.packdata.kinds import RecordKind


def cell(value: Any) -> str:
    """A value as the import reads it back: yes/no as 是/否, floats exactly (a whole number
    without ".0"), empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def kind_csv(kind: RecordKind, rows: Iterable[Any], first_line: str) -> str:
    """The text of a CSV of ``rows`` (typed rows of ``kind``)."""
    fields = kind.fields
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([first_line])
    writer.writerow([kind.heading(info) for info in fields])
    writer.writerow([info.name for info in fields])
    for row in rows:
        writer.writerow([cell(getattr(row, info.name)) for info in fields])
    return buffer.getvalue()


def write_kind_csv(kind: RecordKind, rows: Iterable[Any], path: Path, first_line: str) -> Path:
    """Write :func:`kind_csv` to ``path`` (UTF-8)."""
    path.write_text(kind_csv(kind, rows, first_line), encoding="utf-8")
    return path
