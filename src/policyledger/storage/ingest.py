"""Store an extraction in the ledger.

Re-ingesting the same text changes nothing. A document whose text changed (same 文号, or same
title when it has none) becomes a new version; the old version stays, marked not current, and
each target of the new version is matched to its predecessor so that the progress already
reported against it stays attached (observations hang on a target's lineage).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.ingest.extraction import Extraction
from policyledger.ingest.periods import plan_period
from policyledger.registry.bodies import default_registry
from policyledger.storage import audit
from policyledger.storage.models import (
    Assignment,
    Body,
    Document,
    Gazette,
    Plan,
    Source,
    Target,
    Task,
)


@dataclass
class IngestResult:
    """What an ingest did, per document: "new", "new version" or "unchanged"."""

    source: str
    documents: list[tuple[str, str, int]] = field(default_factory=list)  # (identity, outcome, id)

    @property
    def changed(self) -> bool:
        return any(outcome != "unchanged" for _, outcome, _ in self.documents)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def sync_registry(session: Session) -> int:
    """Make sure every body of the packaged registry is in the ledger; return how many were
    added."""
    existing = set(session.scalars(select(Body.id)))
    added = 0
    for body in default_registry().bodies():
        if body.id in existing:
            continue
        session.add(
            Body(
                id=body.id,
                kind=body.kind,
                jurisdiction=body.jurisdiction,
                name=body.name,
                full_name=body.full_name,
                name_en=body.name_en or None,
                aliases=list(body.aliases),
                parent_id=body.parent,
                registered=True,
            )
        )
        added += 1
    if added:
        session.flush()
    return added


def _unregistered_body(session: Session, written: str, known: set[str]) -> str:
    """The id of the ledger row for a body the registry does not know, added when new."""
    body_id = f"unregistered:{written}"
    if body_id not in known:
        session.add(
            Body(
                id=body_id,
                kind="unregistered",
                jurisdiction=None,
                name=written,
                aliases=[],
                registered=False,
            )
        )
        known.add(body_id)
    return body_id


def ingest_extraction(
    session: Session, extraction: Extraction, kind: str = "txt", actor: str = "cli"
) -> IngestResult:
    """Store ``extraction`` (idempotently) in the session's transaction."""
    result = IngestResult(extraction.source)
    data = extraction.to_dict()
    sha = _sha(extraction.text)
    if session.scalar(select(Source.id).where(Source.sha256 == sha)) is not None:
        for doc in data["documents"]:
            identity = doc["doc_number"] or doc["title"]
            current = _current(session, identity)
            result.documents.append((identity, "unchanged", current.id if current else 0))
        return result
    sync_registry(session)
    source = Source(name=extraction.source, kind=kind, sha256=sha, text=extraction.text)
    session.add(source)
    gazette = _gazette(session, data["gazette"])
    session.flush()
    known = set(session.scalars(select(Body.id)))
    for doc in data["documents"]:
        identity = doc["doc_number"] or doc["title"]
        start, end = doc["span"]
        content_hash = _sha(extraction.text[start:end])
        current = _current(session, identity)
        if current is not None and current.content_hash == content_hash:
            result.documents.append((identity, "unchanged", current.id))
            continue
        version = 1 if current is None else current.version + 1
        if current is not None:
            current.is_current = False
        stored = _store_document(
            session, doc, source, gazette, identity, version, content_hash, known
        )
        if current is not None:
            _carry_lineage(session, current, stored)
            stored.published = current.published  # a revision stays in the public view
        outcome = "new" if current is None else "new version"
        audit.record(
            session,
            actor,
            "ingest",
            "document",
            stored.id,
            identity=identity,
            version=version,
            outcome=outcome,
            source=extraction.source,
        )
        result.documents.append((identity, outcome, stored.id))
    return result


def _current(session: Session, identity: str) -> Document | None:
    return session.scalar(
        select(Document).where(Document.identity == identity, Document.is_current.is_(True))
    )


def _gazette(session: Session, meta: dict | None) -> Gazette | None:
    if not meta:
        return None
    found = session.scalar(
        select(Gazette).where(
            Gazette.title == meta["title"],
            Gazette.year == meta["year"],
            Gazette.issue == meta["issue"],
        )
    )
    if found is None:
        found = Gazette(
            title=meta["title"],
            year=meta["year"],
            issue=meta["issue"],
            cumulative_issue=meta.get("cumulative_issue"),
            published=_date(meta.get("published")),
        )
        session.add(found)
    return found


def _store_document(
    session: Session,
    doc: dict,
    source: Source,
    gazette: Gazette | None,
    identity: str,
    version: int,
    content_hash: str,
    bodies: set[str],
) -> Document:
    signed = _date(doc["date"])
    stored = Document(
        identity=identity,
        version=version,
        is_current=True,
        content_hash=content_hash,
        source=source,
        gazette=gazette,
        doc_number=doc["doc_number"],
        title=doc["title"],
        issuer=doc["issuer"],
        signed=signed,
        recipients=doc["recipients"],
        span_start=doc["span"][0],
        span_end=doc["span"][1],
    )
    session.add(stored)
    plans: dict[str, Plan] = {}
    for position, name in enumerate(doc["plans"]):
        plan_text = _plan_text(source.text, doc, name)
        period = plan_period(name, plan_text, signed)
        plans[name] = Plan(
            document=stored,
            position=position,
            name=name,
            start=period.start,
            end_year=period.end_year,
            frequency=period.frequency,
        )
        session.add(plans[name])
    tasks: dict[tuple[str, str], Task] = {}
    for position, item in enumerate(doc["tasks"]):
        task = Task(
            plan=plans[item["plan"]],
            position=position,
            path=item["path"],
            heading=item["heading"],
            districts_responsible=item["districts_responsible"],
            span_start=item["span"][0],
            span_end=item["span"][1],
        )
        session.add(task)
        tasks[(item["plan"], item["path"])] = task
        _assign(session, task, item, bodies)
    for position, item in enumerate(doc["targets"]):
        session.add(
            Target(
                plan=plans[item["plan"]],
                task=tasks.get((item["plan"], item["path"])),
                position=position,
                path=item["path"],
                metric=item["metric"],
                scope=item["scope"],
                value=float(item["value"]),
                unit=item["unit"],
                change=item["change"],
                relation=item["relation"],
                baseline=item["baseline"],
                year=item["year"],
                per_year=bool(item["per_year"]),
                text=item["text"],
                span_start=item["span"][0],
                span_end=item["span"][1],
            )
        )
    session.flush()
    for target in session.scalars(select(Target).join(Plan).where(Plan.document_id == stored.id)):
        if target.lineage is None:
            target.lineage = target.id
    return stored


def _plan_text(text: str, doc: dict, name: str) -> str:
    spans = [t["span"] for t in doc["tasks"] + doc["targets"] if t["plan"] == name]
    if not spans:
        return text[doc["span"][0] : doc["span"][1]]
    return text[min(s for s, _ in spans) : max(e for _, e in spans)]


def _assign(session: Session, task: Task, item: dict, bodies: set[str]) -> None:
    """Assign the task's units, lead or co-operating. (Districts carrying a task out are the
    task's ``districts_responsible``, not one row per district.)"""
    known = bodies
    seen: set[str] = set()
    pairs = zip(item["units"], item["unit_ids"], strict=True)
    for position, (written, body_id) in enumerate(pairs):
        if body_id is None or body_id not in known:
            body_id = _unregistered_body(session, written, known)
        if body_id in seen:
            continue
        seen.add(body_id)
        role = "lead" if written in item["lead_units"] else "cooperating"
        session.add(
            Assignment(task=task, body_id=body_id, role=role, written_as=written, position=position)
        )


def _carry_lineage(session: Session, old: Document, new: Document) -> None:
    """Give each target of the new version the lineage of the target it revises."""

    def targets_of(doc: Document) -> list[tuple[Target, str]]:
        rows = session.execute(
            select(Target, Plan.name)
            .join(Plan)
            .where(Plan.document_id == doc.id)
            .order_by(Target.position)
        )
        return [(t, name) for t, name in rows]

    previous = targets_of(old)
    unmatched = list(previous)
    keys = (
        lambda t, plan: (plan, t.path, t.metric, t.unit),
        lambda t, plan: (plan, t.metric, t.unit),
        lambda t, plan: (plan, t.path, t.unit, t.year),
    )
    for target, plan in targets_of(new):
        for key in keys:
            match = next((p for p in unmatched if key(*p) == key(target, plan)), None)
            if match is not None:
                target.lineage = match[0].lineage
                unmatched.remove(match)
                break
