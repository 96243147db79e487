"""Measure the ledger at scale, on SQLite and on PostgreSQL, and write docs/benchmarks.md.

For each database: ingest the sample gazette (against the floor: extracting it without
storing), build a synthetic ledger (41 districts × 300 targets × 60 monthly reports ≈ 738,000
observations), import a 10,000-row Excel report (against the floor: openpyxl reading the same
file), assess every target, and load the API's list endpoints with 20 concurrent clients
(back to back, and pausing like people reading the page).

usage: python benchmarks/bench_ledger.py [--postgres URL] [--sqlite-only] [--api-seconds S]
                                         [--no-write]

PostgreSQL: a database of its own is created on the server (default
postgresql://postgres@127.0.0.1:5432/postgres) and dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from openpyxl import Workbook, load_workbook
from sqlalchemy import delete, select

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api_load
import report
import synthetic

from policyledger.cli import sample_path
from policyledger.ingest.extraction import extract_text
from policyledger.reporting import import_reports
from policyledger.reporting.columns import COLUMNS
from policyledger.services.assessment import run_assessment
from policyledger.storage import open_database
from policyledger.storage.guards import lift_audit_guard, set_audit_guard
from policyledger.storage.ingest import ingest_extraction
from policyledger.storage.models import Base, Body, Target
from policyledger.storage.scratch import scratch_database

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
IMPORT_ROWS = 10_000


def empty(database) -> None:
    with database.engine.begin() as connection:
        lift_audit_guard(connection)  # a scratch ledger: empty even its append-only audit log
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))
        set_audit_guard(connection)


def time_ingest(database, runs: int = 3) -> tuple[float, float]:
    """(median seconds to extract and store the sample on an empty ledger, median floor:
    extracting it without storing)."""
    raw = sample_path().read_text(encoding="utf-8")
    stored, floors = [], []
    for _ in range(runs):
        empty(database)
        start = time.perf_counter()
        extraction = extract_text(raw, sample_path().name)
        floors.append(time.perf_counter() - start)
        with database.session() as session:
            ingest_extraction(session, extraction, actor="bench")
        stored.append(time.perf_counter() - start)
    return statistics.median(stored), statistics.median(floors)


def write_report(database, path: Path) -> str:
    """A 10,000-row report of one district for months after the synthetic history."""
    with database.session() as session:
        district = session.scalar(select(Body.id).where(Body.kind == "district").order_by(Body.id))
        targets = session.execute(
            select(Target.lineage, Target.unit)
            .where(Target.district_id == district)
            .order_by(Target.id)
        ).all()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("进度报告 report")
    sheet.append([c.zh for c in COLUMNS])
    sheet.append([c.key for c in COLUMNS])
    keys = [c.key for c in COLUMNS]
    rows = 0
    month = 0
    while rows < IMPORT_ROWS:
        year, m = 2026 + month // 12, month % 12 + 1
        for lineage, unit in targets:
            cells = {
                "target_id": lineage,
                "unit": unit,
                "period": f"{year}-{m:02d}",
                "value": round(rows * 0.37, 2),
                "note": "月报",
            }
            sheet.append([cells.get(k) for k in keys])
            rows += 1
            if rows == IMPORT_ROWS:
                break
        month += 1
    workbook.save(path)
    return district


def read_floor(path: Path) -> float:
    start = time.perf_counter()
    workbook = load_workbook(path, read_only=True, data_only=True)
    for _ in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - start


def time_import(database, path: Path, district: str) -> tuple[float, float]:
    floor = read_floor(path)
    start = time.perf_counter()
    with database.session() as session:
        result = import_reports(session, path, "bench", session.get(Body, district))
    seconds = time.perf_counter() - start
    assert result.rows_imported == IMPORT_ROWS, result
    return seconds, floor


def time_assessment(database, as_of: dt.date) -> list[float]:
    times = []
    for _ in range(2):
        start = time.perf_counter()
        with database.session() as session:
            results = run_assessment(session, as_of, actor="bench", workers=os.cpu_count() or 1)
        times.append(time.perf_counter() - start)
    assert len(results) >= synthetic.DISTRICTS * synthetic.TARGETS_PER_DISTRICT
    return times


def load_api(url: str, seconds: float) -> dict[str, tuple[int, float, float, float]]:
    """p50/p95 (ms) over all list requests with 20 clients, back to back and with think time."""
    code = (
        "from policyledger.storage import open_database\n"
        "from policyledger.api.server import serve\n"
        f"serve(open_database({url!r}, migrate=False), port={api_load.PORT})\n"
    )
    server = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    out = {}
    try:
        for _ in range(150):
            try:
                httpx.get(f"http://127.0.0.1:{api_load.PORT}/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        for label, think in (
            ("20 clients, 1 s think time", 1.0),
            ("20 clients, back to back", 0.0),
        ):
            results = asyncio.run(api_load._run(seconds, 20, think))
            every = [v for values in results.values() for v in values]
            out[label] = (
                len(every),
                len(every) / seconds,
                api_load._p(every, 50),
                api_load._p(every, 95),
            )
            worst = max(results.items(), key=lambda item: api_load._p(item[1], 95))
            out[label + " — slowest endpoint"] = (
                len(worst[1]),
                0.0,
                api_load._p(worst[1], 50),
                api_load._p(worst[1], 95),
            )
            out[label + " — slowest endpoint"] += (worst[0],)  # type: ignore[assignment]
    finally:
        server.terminate()
        server.wait()
    return out


def calibration() -> float:
    """Seconds for a fixed pure-Python loop: how fast the machine is at the moment."""
    start = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - start


def bench(name: str, url: str, api_seconds: float) -> list[str]:
    print(f"== {name}", file=sys.stderr)
    database = open_database(url)
    ingest_s, ingest_floor = time_ingest(database)
    empty(database)
    start = time.perf_counter()
    with database.session() as session:
        counts = synthetic.generate(session)
    generate_s = time.perf_counter() - start
    print(f"   generated {counts} in {generate_s:.0f}s", file=sys.stderr)
    folder = Path(tempfile.mkdtemp())
    district = write_report(database, folder / "report.xlsx")
    import_s, import_floor = time_import(database, folder / "report.xlsx", district)
    speed = calibration()
    assess_s = time_assessment(database, dt.date(2025, 12, 31))
    database.dispose()
    api = load_api(url, api_seconds) if api_seconds else {}
    lines = [
        f"### {name}",
        "",
        f"Synthetic ledger: {counts['targets']:,} targets, {counts['observations']:,} "
        f"observations (generated in {generate_s:.0f} s). Machine speed just before the "
        f"assessment: a fixed 5-million-step Python loop took {speed:.2f} s (on the "
        "development machine it took between 0.25 and 0.86 s during the day).",
        "",
        "| what | time | floor | × floor | goal |",
        "|---|---:|---:|---:|---|",
        f"| ingest the sample gazette (extract + store) | {ingest_s * 1000:.0f} ms | "
        f"{ingest_floor * 1000:.0f} ms (extract only) | {ingest_s / ingest_floor:.1f} | |",
        f"| import a {IMPORT_ROWS:,}-row Excel report | {import_s:.2f} s | {import_floor:.2f} s "
        f"(openpyxl reads it) | {import_s / import_floor:.1f} | ≤ 3× floor |",
        f"| full assessment ({counts['targets']:,} targets, stored; {os.cpu_count()} worker "
        "processes) | "
        f"{min(assess_s):.2f} s (runs: {', '.join(f'{t:.2f}' for t in assess_s)}) | | | < 5 s |",
    ]
    if api:
        lines += [
            "",
            "| API list endpoints | requests | per second | p50 (ms) | p95 (ms) |",
            "|---|---:|---:|---:|---:|",
        ]
        for label, values in api.items():
            if "slowest" in label:
                n, _, p50, p95, path = values  # type: ignore[misc]
                lines.append(f"| {label}: `{path}` | {n} | | {p50:.0f} | {p95:.0f} |")
            else:
                n, rate, p50, p95 = values
                lines.append(f"| {label} | {n} | {rate:.0f} | {p50:.0f} | {p95:.0f} |")
    return [*lines, ""]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="PostgreSQL server URL")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--api-seconds", type=float, default=20, help="0 skips the API load")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    lines = [
        f"Written by `python benchmarks/bench_ledger.py` on {dt.date.today().isoformat()} "
        f"({os.cpu_count()} CPUs; the load clients run on the same machine as the server).",
        "",
    ]
    folder = Path(tempfile.mkdtemp())
    lines += bench("SQLite", f"sqlite:///{folder / 'bench.db'}", args.api_seconds)
    if not args.sqlite_only:
        url, drop = scratch_database(args.postgres, prefix="policyledger_bench")
        try:
            lines += bench("PostgreSQL", url, args.api_seconds)
        finally:
            drop()
    text_out = "\n".join(lines)
    print(text_out)
    if not args.no_write:
        report.write_section("ledger", "Ledger at scale", text_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
