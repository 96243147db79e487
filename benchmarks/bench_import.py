"""Measure importing a 10,000-row report against the floor: openpyxl (read_only) reading the
same file. Not a test; run ``python tests/reporting/bench_import.py [--db URL] [--rows N]``.

Each import runs on a fresh ledger holding the sample gazette; the reporter is 渝中区 (64
targets), so the ownership check runs on every row. Also times a second import of the same
rows with new values (every row a correction) and, with ``--per-row``, the same rows recorded
one by one with ``add_observation``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.conftest import SAMPLE, _postgres_database  # noqa: E402

from policyledger.ingest import extract_text  # noqa: E402
from policyledger.reporting import import_reports  # noqa: E402
from policyledger.reporting.columns import COLUMNS  # noqa: E402
from policyledger.storage import open_database, resolve_url  # noqa: E402
from policyledger.storage.ingest import ingest_extraction  # noqa: E402
from policyledger.storage.observations import NewObservation, add_observation  # noqa: E402
from policyledger.storage.queries import find_body, targets_owned_by  # noqa: E402

REPORTER = "渝中区"


def fresh_ledger(url: str | None, folder: Path, n: int):
    """A ledger holding the sample: a new SQLite file, or the benchmark's own PostgreSQL
    database (``url``, created by ``main``) emptied."""
    database = open_database(url or f"sqlite:///{folder / f'bench{n}.db'}")
    if url:
        from sqlalchemy import delete

        from policyledger.storage.models import Base

        with database.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(delete(table))
    with database.session() as session:
        ingest_extraction(session, extract_text(SAMPLE.read_text("utf-8"), SAMPLE.name), actor="b")
    return database


def write_rows(database, path: Path, rows: int, shift: float = 0.0) -> list[tuple]:
    with database.session() as session:
        targets = [
            (t.lineage, t.unit) for t in targets_owned_by(session, find_body(session, REPORTER))
        ]
    data = []
    day = dt.date(2022, 1, 1)
    while len(data) < rows:
        for lineage, unit in targets:
            data.append((lineage, unit, day.isoformat(), round(len(data) * 0.37 + shift, 2)))
            if len(data) == rows:
                break
        day += dt.timedelta(days=1)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("进度报告 report")
    sheet.append([c.zh for c in COLUMNS])
    sheet.append([c.key for c in COLUMNS])
    keys = [c.key for c in COLUMNS]
    for lineage, unit, period, value in data:
        cells = dict(target_id=lineage, unit=unit, period=period, value=value, note="月报")
        sheet.append([cells.get(k) for k in keys])
    workbook.save(path)
    return data


def floor(path: Path) -> float:
    start = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    for _ in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - start


def timed_import(database, path: Path) -> tuple[float, object]:
    start = time.perf_counter()
    with database.session() as session:
        result = import_reports(session, path, "bench", find_body(session, REPORTER))
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", help="a PostgreSQL server URL (a new database is made there and dropped after)"
    )
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-row", action="store_true", help="also time add_observation")
    args = parser.parse_args()
    drop = None
    if args.db:  # never touch the server's existing databases: use a new one, dropped after
        args.db, drop = _postgres_database(resolve_url(args.db))
    try:
        run(args)
    finally:
        if drop is not None:
            drop()


def run(args: argparse.Namespace) -> None:
    """Per run: a fresh ledger, the two files written for it, the floor read just before the
    import (the machine may be busy: each ratio compares neighbouring measurements)."""
    folder = Path(tempfile.mkdtemp())
    floors, imports, corrections = [], [], []
    for n in range(args.runs):
        database = fresh_ledger(args.db, folder, n)
        report, again = folder / f"report{n}.xlsx", folder / f"corrections{n}.xlsx"
        data = write_rows(database, report, args.rows)
        write_rows(database, again, args.rows, shift=1.0)
        floors.append(floor(report))
        seconds, result = timed_import(database, report)
        assert result.rows_imported == args.rows, result
        imports.append(seconds)
        seconds, result = timed_import(database, again)
        assert result.corrections == args.rows, result
        corrections.append(seconds)
        database.dispose()
    size = report.stat().st_size / 1024
    engine = "PostgreSQL" if args.db else "SQLite"
    print(f"{args.rows} rows, {size:.0f} KiB, {engine}; median of {args.runs} runs")
    print(f"  floor (openpyxl read_only, all rows): {statistics.median(floors):.3f} s")
    for label, times in (
        ("import (new values)", imports),
        ("import (all corrections)", corrections),
    ):
        ratio = statistics.median(t / f for t, f in zip(times, floors, strict=True))
        print(f"  {label}: {statistics.median(times):.3f} s  ({ratio:.1f}x the floor)")
    if args.per_row:
        database = fresh_ledger(args.db, folder, args.runs)
        data = write_rows(database, folder / "per-row.xlsx", args.rows)
        start = time.perf_counter()
        with database.session() as session:
            for lineage, unit, period, value in data:
                add_observation(session, NewObservation(lineage, period, value, unit), "bench")
        print(f"  add_observation per row: {time.perf_counter() - start:.3f} s")
        database.dispose()


if __name__ == "__main__":
    main()
