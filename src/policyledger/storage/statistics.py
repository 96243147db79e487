"""Load published statistics as observations of the sample's targets.

``data/chongqing-indicators.csv`` holds real published figures with their sources;
``data/sample-statistics-map.csv`` says which figure measures which target of the sample
gazette, the factor that converts it to the target's unit (8000.6 亿元 × 0.0001 = 0.80006
万亿元), the ledger period, and who reports it. A few values are derived from two published
figures; the map states the arithmetic, and the observation's note repeats it.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.errors import PolicyLedgerError
from policyledger.storage import audit
from policyledger.storage.models import Assignment, ImportBatch, Plan, Target
from policyledger.storage.observations import NewObservation, add_observation
from policyledger.storage.queries import current_targets, find_body, is_owner

INDICATORS = "chongqing-indicators.csv"
MAP = "sample-statistics-map.csv"


class StatisticsError(PolicyLedgerError):
    """The published statistics cannot be matched to the ledger."""


@dataclass(frozen=True)
class LoadResult:
    loaded: int
    already: int
    owners_added: int


def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("policyledger") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _source_row(indicators: list[dict[str, str]], entry: dict[str, str]) -> dict[str, str]:
    for row in indicators:
        if (
            row["indicator"] == entry["indicator"]
            and row["year"] == entry["year"]
            and row["period"] == entry["period"]
            and float(row["value"]) == float(entry["source_value"])
        ):
            return row
    raise StatisticsError(
        f"{MAP}: no published figure {entry['indicator']} {entry['year']} "
        f"{entry['period']} = {entry['source_value']} in {INDICATORS}"
    )


def _target(session: Session, entry: dict[str, str]) -> Target:
    target = session.scalar(
        current_targets().where(Target.metric == entry["metric"], Plan.name.contains(entry["plan"]))
    )
    if target is None:
        raise StatisticsError(
            f"no target {entry['metric']!r} in a plan named like "
            f"{entry['plan']!r}: ingest the sample gazette first"
        )
    return target


def load_sample_statistics(session: Session, actor: str = "statistics") -> LoadResult:
    """Record every mapped published figure as an observation (once: loading again adds
    nothing). The reporting body becomes the target's owner when the plan names none."""
    indicators, entries = _rows(INDICATORS), _rows(MAP)
    digest = hashlib.sha256("\n".join(map(str, entries)).encode()).hexdigest()
    if session.scalar(select(ImportBatch.id).where(ImportBatch.sha256 == digest)):
        return LoadResult(0, len(entries), 0)
    batch = ImportBatch(
        filename=MAP, sha256=digest, kind="statistics", rows=len(entries), actor=actor
    )
    session.add(batch)
    session.flush()
    owners_added = 0
    for entry in entries:
        source = _source_row(indicators, entry)
        target = _target(session, entry)
        reporter = find_body(session, entry["reporter"])
        if reporter is None:
            raise StatisticsError(f"{MAP}: unknown reporting body {entry['reporter']!r}")
        if not is_owner(session, reporter, target):
            session.add(
                Assignment(
                    target_lineage=target.lineage,
                    body_id=reporter.id,
                    role="owner",
                    written_as=entry["reporter"],
                )
            )
            session.flush()
            owners_added += 1
        if entry["value"]:
            value = float(entry["value"])
            note = f"{source['note']}; DERIVED: {entry['derivation']}"
        else:
            value = round(float(source["value"]) * float(entry["factor"]), 6)
            note = (
                f"published {source['value']} {source['unit']} × {entry['factor']} = "
                f"{value:g} {target.unit}; {source['note']}"
            )
        add_observation(
            session,
            NewObservation(
                target.lineage,
                entry["ledger_period"],
                value,
                target.unit,
                note=note,
                source_url=source["source_url"] or None,
                source_title=source["source_title"],
                reporter_id=reporter.id,
                received_on=None,
            ),
            actor,
            batch_id=batch.id,
        )
    audit.record(session, actor, "load", "statistics", batch.id, rows=len(entries))
    return LoadResult(len(entries), 0, owners_added)
