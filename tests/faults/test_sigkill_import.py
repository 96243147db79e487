"""Acceptance test of issue 6: a process importing a 10,000-row report is killed with SIGKILL
halfway; afterwards no row of that file is in the ledger, the ledger passes the integrity
check, and importing the same file again succeeds in full. Runs on SQLite and, with
POLICYLEDGER_TEST_DATABASE_URL set, on PostgreSQL.

"Halfway" is made exact with the importer's test-only hook: POLICYLEDGER_FAULT_PAUSE_AT_ROW=5000
makes ``policyledger report import`` send the first 5,000 observations to the database
(uncommitted), say so on stderr and sleep — the moment the test kills it."""

from __future__ import annotations

import csv
import datetime as dt
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from policyledger.cli import main
from policyledger.reporting import import_reports
from policyledger.storage.integrity import check_integrity
from policyledger.storage.models import AuditLog, ImportBatch, Observation, Plan, Target
from policyledger.storage.queries import current_targets

ROWS = 10_000
PAUSE_AT = 5_000
EARLIER = 50  # values already in the ledger that the big file corrects
MARKER = f"policyledger: fault pause after row {PAUSE_AT}"
SRC = Path(__file__).resolve().parents[2] / "src"


def report_rows(session) -> list[tuple[int, str]]:
    """10,000 distinct (target, period) pairs the import accepts: every current target of the
    sample ledger, one day after another from its plan's start (a date is a period too),
    taken in turn until there are enough."""
    query = current_targets().with_only_columns(
        Target.lineage, Target.year, Plan.start, Plan.end_year
    )
    days: list[list[tuple[int, str]]] = []
    for lineage, year, start, end_year in session.execute(query.order_by(Target.lineage)):
        last_year = year if year is not None else (end_year + 1 if end_year else start.year + 5)
        span = (dt.date(last_year, 12, 31) - start).days + 1
        days.append([(lineage, (start + dt.timedelta(n)).isoformat()) for n in range(span)])
    rows: list[tuple[int, str]] = []
    for turn in range(max(len(d) for d in days)):
        rows += [d[turn] for d in days if turn < len(d)]
        if len(rows) >= ROWS:
            return rows[:ROWS]
    raise AssertionError(f"the sample ledger has room for only {len(rows)} rows")


def write_report(path: Path, rows: list[tuple[int, str]], value) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["target_id", "period", "value"])
        for n, (lineage, period) in enumerate(rows):
            writer.writerow([lineage, period, value(n)])
    return path


def state(db) -> dict:
    with db.session() as s:
        return {
            "observations": s.scalar(select(func.count()).select_from(Observation)),
            "batches": s.scalar(select(func.count()).select_from(ImportBatch)),
            "audit": s.scalar(select(func.count()).select_from(AuditLog)),
            "rows": set(
                s.execute(
                    select(
                        Observation.id,
                        Observation.value,
                        Observation.is_current,
                        Observation.version,
                        Observation.batch_id,
                    )
                )
            ),
        }


def run_import(path: Path, url: str, pause: bool) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
    env.pop("POLICYLEDGER_DATABASE_URL", None)
    if pause:
        env["POLICYLEDGER_FAULT_PAUSE_AT_ROW"] = str(PAUSE_AT)
    else:
        env.pop("POLICYLEDGER_FAULT_PAUSE_AT_ROW", None)
    command = [sys.executable, "-m", "policyledger", "report", "import", str(path), "--db", url]
    return subprocess.Popen(
        command,
        env=env,
        cwd=path.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_pause(process: subprocess.Popen, timeout: float = 300) -> None:
    """Read the importer's stderr until it says it is paused halfway."""
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        if not selector.select(timeout=deadline - time.monotonic()):
            break
        line = process.stderr.readline()
        if not line:  # the process ended without pausing
            break
        seen.append(line)
        if line.strip() == MARKER:
            return
    process.kill()
    process.wait()
    raise AssertionError(f"the import never paused at row {PAUSE_AT}: {''.join(seen)!r}")


def test_an_import_killed_halfway_leaves_nothing_behind(ingested, database_url, tmp_path):
    with ingested.session() as s:
        rows = report_rows(s)
    # some values the big file corrects, so that the killed import had superseded them too
    earlier = write_report(tmp_path / "earlier.csv", rows[:EARLIER], lambda n: -1 - n)
    with ingested.session() as s:
        assert import_reports(s, earlier, actor="supervisor").rows_imported == EARLIER
    report = write_report(tmp_path / "report-10000.csv", rows, lambda n: 1000 + n)
    before = state(ingested)

    started = time.monotonic()
    process = run_import(report, database_url, pause=True)
    wait_for_pause(process)
    paused = time.monotonic()
    assert state(ingested) == before  # halfway: nothing of it can be seen yet
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    killed = time.monotonic()

    after = state(ingested)
    assert after == before  # same observations (values, current flags), batches, audit rows
    with ingested.session() as s:
        assert s.scalar(select(func.count()).where(Observation.value >= 1000)) == 0
        assert check_integrity(s) == []
    assert main(["check", "--db", database_url]) == 0
    checked = time.monotonic()

    again = run_import(report, database_url, pause=False)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err
    assert f"imported {ROWS} rows ({EARLIER} corrections, 0 blank rows skipped)" in out
    finished = time.monotonic()
    with ingested.session() as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == (
            before["observations"] + ROWS
        )
        assert s.scalar(select(func.count()).where(Observation.value >= 1000)) == ROWS
        current = select(func.count()).where(Observation.is_current.is_(True))
        assert s.scalar(current) == before["observations"] - EARLIER + ROWS
        assert check_integrity(s) == []
    print(
        f"\n[{ingested.engine.dialect.name}] to the pause {paused - started:.1f} s, "
        f"kill and check {checked - paused:.2f} s (kill {killed - paused:.2f} s), "
        f"re-run {finished - checked:.1f} s"
    )
