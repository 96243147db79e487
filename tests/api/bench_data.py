"""Build a large ledger for the API load test: the sample gazette copied until there are about
12,300 targets, ~60 monthly values per target (~740k observations, 5% corrected, each with its
audit row), and two dates of stored assessments.

    .venv/bin/python -m tests.api.bench_data sqlite:////tmp/bench.db
    .venv/bin/python -m tests.api.bench_data postgresql://postgres@127.0.0.1:5432/bench
    .venv/bin/python -m tests.api.bench_data URL --proposed-indexes

The database must be empty (or not exist yet); ``--proposed-indexes`` adds to a built one the
audit-log indexes the API asks storage for.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Table, func, insert, select, text

from policyledger.storage import open_database
from policyledger.storage.models import (
    AssessmentRow,
    Assignment,
    AuditLog,
    Document,
    Observation,
    Plan,
    Target,
    Task,
)
from tests.conftest import SAMPLE

COPIES = 135  # 91 targets × 136 ≈ 12,400
MONTHS = 60
CORRECTED = 0.05
COLOURS = [("achieved", "green"), ("on_track", "green"), ("behind", "yellow")]
COLOURS += [("off_track", "red"), ("no_data", "grey")]


def _rows(table: Table, objects: Iterable[Any]) -> list[dict[str, Any]]:
    names = [c.key for c in table.columns]
    return [{n: getattr(o, n) for n in names} for o in objects]


def _chunks(rows: Iterator[dict[str, Any]], size: int = 20_000) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(url: str) -> None:
    from policyledger.ingest import extract_text
    from policyledger.storage.ingest import ingest_extraction

    started = time.perf_counter()
    database = open_database(url)
    with database.session() as session:
        ingest_extraction(session, extract_text(SAMPLE.read_text("utf-8"), SAMPLE.name), "bench")
    with database.session() as session:
        docs = _rows(Document.__table__, session.scalars(select(Document)))
        plans = _rows(Plan.__table__, session.scalars(select(Plan)))
        tasks = _rows(Task.__table__, session.scalars(select(Task)))
        targets = _rows(Target.__table__, session.scalars(select(Target)))
        assigns = _rows(Assignment.__table__, session.scalars(select(Assignment)))
    with database.engine.begin() as conn:
        top = {m: conn.scalar(select(func.max(m.id))) or 0 for m in (Document, Plan, Task, Target)}
        top[Assignment] = conn.scalar(select(func.max(Assignment.id))) or 0
        for copy in range(1, COPIES + 1):
            shift = {m: top[m] * copy for m in top}
            conn.execute(
                insert(Document),
                [
                    {**d, "id": d["id"] + shift[Document], "identity": f"{d['identity']}#{copy}"}
                    for d in docs
                ],
            )
            conn.execute(
                insert(Plan),
                [
                    {
                        **p,
                        "id": p["id"] + shift[Plan],
                        "document_id": p["document_id"] + shift[Document],
                    }
                    for p in plans
                ],
            )
            conn.execute(
                insert(Task),
                [
                    {**t, "id": t["id"] + shift[Task], "plan_id": t["plan_id"] + shift[Plan]}
                    for t in tasks
                ],
            )
            conn.execute(
                insert(Target),
                [
                    {
                        **t,
                        "id": t["id"] + shift[Target],
                        "lineage": t["lineage"] + shift[Target],
                        "plan_id": t["plan_id"] + shift[Plan],
                        "task_id": t["task_id"] + shift[Task] if t["task_id"] else None,
                    }
                    for t in targets
                ],
            )
            conn.execute(
                insert(Assignment),
                [
                    {
                        **a,
                        "id": a["id"] + shift[Assignment],
                        "task_id": a["task_id"] + shift[Task] if a["task_id"] else None,
                    }
                    for a in assigns
                ],
            )
    print(f"ledger copied in {time.perf_counter() - started:.0f}s", flush=True)
    with database.engine.begin() as conn:
        ids = list(conn.scalars(select(Target.id).order_by(Target.id)))
    _observations(database, ids)
    print(f"observations in {time.perf_counter() - started:.0f}s", flush=True)
    _assessments(database, ids)
    if database.engine.dialect.name == "postgresql":
        with database.engine.begin() as conn:
            for table in ("document", "plan", "task", "target", "assignment", "observation"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
            conn.execute(text("ANALYZE"))
    else:
        with database.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    with database.engine.connect() as conn:
        print(
            "targets",
            conn.scalar(select(func.count()).select_from(Target)),
            "observations",
            conn.scalar(select(func.count()).select_from(Observation)),
            f"in {time.perf_counter() - started:.0f}s",
        )
    database.dispose()


def _observations(database: Any, target_ids: list[int]) -> None:
    rng = random.Random(18)
    now = dt.datetime(2025, 1, 20, 9, 0)

    def rows() -> Iterator[tuple[dict, dict]]:
        next_id = 1
        for lineage in target_ids:
            for month in range(MONTHS):
                year, m = 2020 + month // 12, month % 12 + 1
                end = dt.date(year, m, 28)
                base = {
                    "target_lineage": lineage,
                    "period": f"{year}-{m:02d}",
                    "period_end": end,
                    "value": round(rng.uniform(0, 100), 2),
                    "unit": "%",
                    "note": None,
                    "source_url": None,
                    "source_title": None,
                    "reporter_id": None,
                    "received_on": end + dt.timedelta(days=10),
                    "status": "approved",
                    "batch_id": None,
                    "actor": "bench",
                    "created_at": now,
                }
                versions = 2 if rng.random() < CORRECTED else 1
                for version in range(1, versions + 1):
                    row = {
                        **base,
                        "id": next_id,
                        "version": version,
                        "supersedes_id": next_id - 1 if version > 1 else None,
                        "is_current": version == versions,
                    }
                    audit = {
                        "at": now,
                        "actor": "bench",
                        "action": "report",
                        "entity": "observation",
                        "entity_id": str(next_id),
                        "detail": {"target_lineage": lineage},
                    }
                    next_id += 1
                    yield row, audit

    for chunk in _chunks(iter(rows())):
        with database.engine.begin() as conn:
            conn.execute(insert(Observation), [r for r, _ in chunk])
            conn.execute(insert(AuditLog), [a for _, a in chunk])


def _assessments(database: Any, target_ids: list[int]) -> None:
    rng = random.Random(30)
    rows = []
    for as_of in (dt.date(2024, 9, 30), dt.date(2024, 12, 31)):
        for target_id in target_ids:
            status, warning = rng.choice(COLOURS)
            rows.append(
                {
                    "target_id": target_id,
                    "as_of": as_of,
                    "status": status,
                    "warning": warning,
                    "reports_due": 20,
                    "reports_missing": rng.randint(0, 3),
                    "reports_late": rng.randint(0, 2),
                    "reasons": ["bench"],
                    "computed_at": dt.datetime(2025, 1, 20),
                }
            )
    with database.engine.begin() as conn:
        conn.execute(insert(AssessmentRow), rows)


# Indexes the API needs from storage for the audit log (not in the schema yet): with them,
# ``/audit`` (newest first: ``at DESC, id DESC``; PostgreSQL does not use ``ix_audit_log_at`` for
# that order) and ``/audit?entity=…``, ``/audit?actor=…`` read the rows they show instead of
# sorting or walking the whole log.
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_audit_log_at_id ON audit_log (at, id)",
    "CREATE INDEX IF NOT EXISTS ix_audit_log_entity_at ON audit_log (entity, at, id)",
    "CREATE INDEX IF NOT EXISTS ix_audit_log_actor_at ON audit_log (actor, at, id)",
)


def propose_indexes(url: str) -> None:
    database = open_database(url, migrate=False)
    with database.engine.begin() as conn:
        for statement in PROPOSED_INDEXES:
            conn.execute(text(statement))
        conn.execute(text("ANALYZE"))
    database.dispose()


if __name__ == "__main__":
    if "--proposed-indexes" in sys.argv:
        propose_indexes(sys.argv[1])
    else:
        build(sys.argv[1])
