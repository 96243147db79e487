"""Measure extraction speed and memory on the bundled sample gazette, against the floor.

The floor is reading and decoding the file: no extractor can be faster. The script reports the
median over repeated runs of (1) the floor, (2) extraction in process (read, decode, extract,
build the JSON form), (3) the command line end to end in a fresh interpreter, and the peak
memory of one extraction, then writes them to docs/benchmarks.md.

usage: python benchmarks/bench_extract.py [--runs N] [--cli-runs N] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import write_section

from policyledger.cli import sample_path
from policyledger.ingest.decoding import decode_text
from policyledger.ingest.extraction import extract_text


def timings_ms(func, runs: int) -> tuple[float, float]:
    """(median, fastest) of ``runs`` calls, after one warm-up call (regex compilation,
    registry load)."""
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def calibration() -> None:
    """A fixed pure-Python workload: its time shows how fast the machine is right now."""
    total = 0
    for i in range(200_000):
        total += i * i


def floor(path: Path) -> None:
    decode_text(path.read_bytes(), path.name)


def extract(path: Path) -> None:
    text, _ = decode_text(path.read_bytes(), path.name)
    extract_text(text, path.name).to_dict()


def cli_ms(runs: int) -> float:
    command = [sys.executable, "-m", "policyledger", "extract", "--sample", "--json"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def python_startup_ms(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def peak_memory_kib(path: Path) -> float:
    tracemalloc.start()
    extract(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--cli-runs", type=int, default=10)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    path = sample_path()
    size_kib = path.stat().st_size / 1024
    floor_ms, floor_min = timings_ms(lambda: floor(path), args.runs * 4)
    extract_ms, extract_min = timings_ms(lambda: extract(path), args.runs)
    loop_ms, loop_min = timings_ms(calibration, args.runs)
    end_to_end_ms = cli_ms(args.cli_runs)
    startup_ms = python_startup_ms(args.cli_runs)
    peak_kib = peak_memory_kib(path)

    rows = [
        ("read + decode (floor)", floor_ms, floor_min),
        ("extract in process (read, decode, extract, JSON form)", extract_ms, extract_min),
        ("`policyledger extract --sample --json`, end to end", end_to_end_ms, None),
        ("bare `python -c pass` (interpreter start, for reference)", startup_ms, None),
        ("fixed pure-Python loop (machine speed, for reference)", loop_ms, loop_min),
    ]
    table = [
        f"| {name} | {ms:.2f} | {'' if low is None else f'{low:.2f}'} | {ms / floor_ms:.0f} |"
        for name, ms, low in rows
    ]
    lines = [
        "Written by `python benchmarks/bench_extract.py`; run it again to refresh. Times are",
        "medians (and the fastest run) over repeated runs on the bundled sample gazette "
        f"({path.name}, {size_kib:.0f} KiB, {args.runs} in-process runs, "
        f"{args.cli_runs} CLI runs).",
        "",
        f"- measured: {datetime.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs",
        "- goals: extraction under 25 ms median in process; the CLI end to end under 0.5 s",
        "",
        "| what | median (ms) | fastest (ms) | median × floor |",
        "|---|---:|---:|---:|",
        *table,
        "",
        f"Peak Python memory of one in-process extraction (tracemalloc): {peak_kib:.0f} KiB, "
        f"{peak_kib / size_kib:.1f}× the file size.",
        "",
        "The CLI number includes starting the interpreter; the extract path does not import the",
        "PDF, DOCX, database or web libraries.",
        "",
        "On the development machine (a virtual machine on a shared host) the median of the",
        "extraction moved between about 18 and 30 ms from one minute to the next while the",
        "fastest run stayed near 16 ms; memory-heavy work slows down in the slow phases more",
        "than the arithmetic loop above. Compare the fastest column and the ratio to the",
        "floor measured in the same run, and run the script twice before drawing conclusions.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        write_section("extract", "Extraction of the sample gazette", report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
