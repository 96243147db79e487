"""The trade pack's committed CSV files (synthetic data and published figures): a kind's typed
rows written as the import reads them — a first line saying what the data are, the Chinese
header of the template, the field names, one line per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def cell(value: Any) -> str:
    """A value as the import reads it back: yes/no as 是/否, floats exactly, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def kind_csv(kind_name: str, rows: Iterable[Any], first_line: str) -> str:
    """The text of a CSV of ``rows`` (typed rows of the trade pack's kind ``kind_name``)."""
    from policyledger.packs.trade import pack

    kind = pack.kind(kind_name)
    fields = kind.fields
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([first_line])
    writer.writerow([kind.heading(info) for info in fields])
    writer.writerow([info.name for info in fields])
    for row in rows:
        writer.writerow([cell(getattr(row, info.name)) for info in fields])
    return buffer.getvalue()


def write_kind_csv(kind_name: str, rows: Iterable[Any], path: Path, first_line: str) -> Path:
    """Write :func:`kind_csv` to ``path`` (UTF-8)."""
    path.write_text(kind_csv(kind_name, rows, first_line), encoding="utf-8")
    return path
