"""Helpers of the pack data tests: the energy pack, CSV files of a kind's rows, counts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import func, select

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


def count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


__all__ = ["ENERGY_HEADER", "count", "energy", "write_rows"]
