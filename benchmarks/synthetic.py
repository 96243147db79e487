"""Generate a synthetic ledger at scale for the ledger benchmark.

41 districts × 300 targets × 60 monthly periods ≈ 738,000 observations: one synthetic plan per
district of the registry (the 38 districts and counties and three development zones), each
with 300 targets of the shapes plans use (levels, reductions against a baseline, counts), and
60 monthly reports each (2021-01 … 2025-12) that drift towards, past or away from the target
so that every status occurs. Rows are written with set-based inserts, not one ORM object each.
"""

from __future__ import annotations

import datetime as dt
import random
from calendar import monthrange

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from policyledger.storage.ingest import sync_registry
from policyledger.storage.models import Body, Document, Observation, Plan, Source, Target

DISTRICTS = 41
TARGETS_PER_DISTRICT = 300
MONTHS = 60
START = dt.date(2020, 12, 31)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, monthrange(year, month)[1])


def districts(session: Session) -> list[str]:
    sync_registry(session)
    ids = list(
        session.scalars(
            select(Body.id).where(Body.kind.in_(("district", "development_zone"))).order_by(Body.id)
        )
    )
    return ids[:DISTRICTS]


def generate(session: Session, seed: int = 7, chunk: int = 20_000) -> dict[str, int]:
    """Write the synthetic ledger into the session's database; return row counts."""
    rng = random.Random(seed)
    source = Source(name="synthetic", kind="txt", sha256=f"synthetic-{seed}", text="合成数据")
    session.add(source)
    session.flush()
    targets_written = 0
    for d_index, district in enumerate(districts(session)):
        document = Document(
            identity=f"合成〔2021〕{d_index + 1}号",
            version=1,
            is_current=True,
            content_hash=f"synthetic-{d_index}",
            source_id=source.id,
            doc_number=f"合成〔2021〕{d_index + 1}号",
            title=f"{district} 合成五年行动计划",
            issuer=district,
            signed=dt.date(2021, 3, 1),
            recipients=[],
            span_start=0,
            span_end=0,
        )
        session.add(document)
        session.flush()
        plan = Plan(
            document_id=document.id,
            position=0,
            name=f"{district} 合成五年行动计划",
            start=START,
            end_year=2030,
            frequency="monthly",
        )
        session.add(plan)
        session.flush()
        rows = []
        for position in range(TARGETS_PER_DISTRICT):
            shape = position % 3
            rows.append(
                {
                    "plan_id": plan.id,
                    "position": position,
                    "path": f"三/{position // 10 + 1}",
                    "metric": f"合成指标{position + 1}",
                    "scope": None,
                    "value": (14.0, 100.0 + position, 50.0)[shape],
                    "unit": ("%", "万吨", "个")[shape],
                    "change": ("decrease", None, None)[shape],
                    "relation": ">=",
                    "baseline": "2020" if shape == 0 else None,
                    "year": 2030,
                    "per_year": False,
                    "text": "合成",
                    "span_start": 0,
                    "span_end": 0,
                    "district_id": district,
                }
            )
        session.execute(insert(Target), rows)
        targets_written += len(rows)
    session.execute(
        Target.__table__.update().where(Target.lineage.is_(None)).values(lineage=Target.id)
    )
    observations = 0
    batch: list[dict] = []
    for target_id, value, change in session.execute(
        select(Target.id, Target.value, Target.change).where(Target.district_id.is_not(None))
    ):
        pace = rng.choice((1.1, 1.0, 0.8, 0.5, -0.3))  # ahead, on, behind, far behind, wrong way
        base = 0.0 if change else value * 0.6
        goal = -value if change else value
        for m in range(MONTHS):
            year, month = 2021 + m // 12, m % 12 + 1
            share = (m + 1) / MONTHS
            level = base + (goal - base) * share * pace + rng.uniform(-0.01, 0.01) * abs(goal)
            period_end = month_end(year, month)
            batch.append(
                {
                    "target_lineage": target_id,
                    "period": f"{year}-{month:02d}",
                    "period_end": period_end,
                    "value": round(level, 4),
                    "unit": "%",
                    "received_on": period_end + dt.timedelta(days=rng.choice((5, 10, 14, 20, 40))),
                    "version": 1,
                    "is_current": True,
                    "status": "approved",
                    "actor": "synthetic",
                }
            )
            if len(batch) >= chunk:
                session.execute(insert(Observation), batch)
                observations += len(batch)
                batch.clear()
    if batch:
        session.execute(insert(Observation), batch)
        observations += len(batch)
    return {"targets": targets_written, "observations": observations}


def count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))
