"""Measure the monthly bulletin on the large synthetic ledger (12,300 targets, 738,000
observations) with the assessment of the period already stored: each step in process, and the
command line end to end for each format. Writes the results to docs/benchmarks.md.

usage: python benchmarks/bench_bulletin.py [--db PATH] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report
import synthetic
from bench_pages import add_packs
from sqlalchemy import select

from policyledger.reports.bulletin import make_bulletin
from policyledger.services.assessment import run_assessment
from policyledger.storage import open_database
from policyledger.storage.models import AssessmentRow, Target

PERIOD = "2025-12"
GOAL_S = 10


def prepare(path: Path):
    database = open_database(f"sqlite:///{path}")
    with database.session() as session:
        if session.scalar(select(Target.id).limit(1)) is None:
            synthetic.generate(session)
    with database.session() as session:
        stored = session.scalar(
            select(AssessmentRow.id).where(AssessmentRow.as_of == dt.date(2025, 12, 31)).limit(1)
        )
    if stored is None:
        with database.session() as session:
            run_assessment(session, dt.date(2025, 12, 31), actor="bench", workers=os.cpu_count())
    add_packs(database)  # the packs' sections need their data
    return database


def in_process(database, fmt: str) -> tuple[float, dict[str, float]]:
    steps: dict[str, float] = {}
    last = [time.perf_counter(), "start"]

    def progress(message: str) -> None:
        now = time.perf_counter()
        steps[last[1]] = steps.get(last[1], 0.0) + now - last[0]
        last[:] = [now, message]

    start = time.perf_counter()
    with database.session() as session:
        make_bulletin(session, PERIOD, fmt=fmt, progress=progress)
    total = time.perf_counter() - start
    steps[last[1]] = time.perf_counter() - last[0]
    return total, steps


def command_line(path: Path, fmt: str, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "policyledger",
            "bulletin",
            "--period",
            PERIOD,
            "--format",
            fmt,
            "-o",
            str(out),
            "--db",
            str(path),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite file to reuse (made when missing)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = Path(args.db) if args.db else folder / "bulletin.db"
    database = prepare(path)
    rows = []
    pdf_steps: dict[str, float] = {}
    for fmt in ("docx", "pdf", "html"):
        total, steps = in_process(database, fmt)
        if fmt == "pdf":
            pdf_steps = steps
        cli = command_line(path, fmt, folder / f"bulletin.{fmt}")
        size = (folder / f"bulletin.{fmt}").stat().st_size / 1024
        rows.append((fmt, total, cli, size))
    lines = [
        f"Written by `python benchmarks/bench_bulletin.py` on {dt.date.today().isoformat()}: the "
        f"bulletin of {PERIOD} on the synthetic ledger of 12,300 targets and 738,000 "
        "observations (SQLite), the assessment of the period already stored, with the packs' "
        "synthetic data loaded (the energy barometer and the trade sections appear; the mines "
        "data covers only early 2024). Goal: under "
        f"{GOAL_S} s.",
        "",
        "| format | in process (s) | `policyledger bulletin` end to end (s) | size (KiB) |",
        "|---|---:|---:|---:|",
        *(
            f"| {fmt.upper()} | {total:.1f} | {cli:.1f} | {size:.0f} |"
            for fmt, total, cli, size in rows
        ),
        "",
        "Where the PDF's time goes (in process, by the progress messages it prints):",
        "",
        "| step | s |",
        "|---|---:|",
        *(f"| {step} | {seconds:.2f} |" for step, seconds in pdf_steps.items()),
        "",
        "The three charts are drawn in forked processes while WeasyPrint is imported; the web "
        "server draws them one after the other in its own process. The rest of the PDF's time is "
        "WeasyPrint laying out the pages with the Chinese fonts embedded.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        report.write_section("bulletin", "Monthly bulletin on the large ledger", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
