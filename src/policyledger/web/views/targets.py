"""The target page's data: the target with its plan and clause, its stored assessment, its
owners, every approved version (corrections kept as superseded rows) and, apart from them, the
values waiting for review; the trajectory chart (approved values only) and the source text with
the figure marked."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from policyledger.services.assessment import spec_for
from policyledger.storage.models import (
    AssessmentRow,
    Body,
    Document,
    Observation,
    Plan,
    Target,
    Task,
)
from policyledger.storage.observations import APPROVED, SUBMITTED, current_target, history
from policyledger.storage.queries import owners_of
from policyledger.web.views.source import Piece, pieces, source_slice, target_context
from policyledger.web.views.trajectory import chart_option


@dataclass
class Report:
    """One version of a reported value, with who reported it."""

    observation: Observation
    reporter: Body | None

    @property
    def superseded(self) -> bool:
        return not self.observation.is_current

    @property
    def link(self) -> str | None:
        """The source URL when it is a web address (anything else is shown as text)."""
        url = (self.observation.source_url or "").strip()
        return url if url.lower().startswith(("https://", "http://")) else None

    @property
    def link_text(self) -> str:
        """What the source link says: its title, else the site's address."""
        if self.observation.source_title:
            return self.observation.source_title
        return urlsplit(self.link or "").netloc or (self.observation.source_url or "")


@dataclass
class TargetPage:
    target: Target
    plan: Plan
    document: Document
    task: Task | None
    as_of: dt.date | None
    row: AssessmentRow | None
    owners: list[tuple[Body, str]]
    reports: list[Report]  # approved values, corrections included
    pending: list[Report]  # submitted values waiting for review
    baseline_value: float | None
    chart: dict[str, Any] | None
    has_planned_path: bool
    source: list[Piece]
    newer_target_id: int | None

    @property
    def reported(self) -> int:
        return sum(1 for r in self.reports if not r.superseded)


def _row(session: Session, target_id: int, as_of: dt.date | None) -> AssessmentRow | None:
    """The target's row in the assessment of ``as_of`` (the latest run), else its latest row
    (an earlier version of a document is no longer assessed)."""
    query = select(AssessmentRow).where(AssessmentRow.target_id == target_id)
    if as_of is not None:
        row = session.scalar(query.where(AssessmentRow.as_of == as_of))
        if row is not None:
            return row
    return session.scalar(query.order_by(AssessmentRow.as_of.desc()).limit(1))


def _baseline(target: Target, plan: Plan, values: list[Observation]) -> float | None:
    """The level at the plan's start, as the assessment takes it: the last value reported for a
    period ending at or before it (changes are measured from zero)."""
    if target.change is not None:
        return None
    before = bisect_right([o.period_end for o in values], plan.start)
    return values[before - 1].value if before else None


def _source(session: Session, target: Target, task: Task | None, source_id: int) -> list[Piece]:
    if task is not None and task.span_start <= target.span_start <= target.span_end <= (
        task.span_end
    ):
        text = source_slice(session, source_id, task.span_start, task.span_end)
        return pieces(text, task.span_start, [target])
    text, start = target_context(session, source_id, target)
    return pieces(text, start, [target])


def _owners(session: Session, target: Target) -> list[tuple[Body, str]]:
    """The target's owners (lead first), and the district it belongs to, if any."""
    owners = owners_of(session, target)
    if target.district_id and target.district_id not in {b.id for b, _ in owners}:
        district = session.get(Body, target.district_id)
        if district is not None:
            owners.append((district, "district"))
    return owners


def load_target(
    session: Session, target_id: int, as_of: dt.date | None, t: Callable[[str], str]
) -> TargetPage | None:
    found = session.execute(
        select(Target, Plan, Document)
        .join(Plan, Target.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(Target.id == target_id)
    ).first()
    if found is None:
        return None
    target, plan, document = found
    task = session.get(Task, target.task_id) if target.task_id else None
    versions = history(session, target.lineage)
    reporters = {o.reporter_id for o in versions if o.reporter_id}
    bodies = {b.id: b for b in session.scalars(select(Body).where(Body.id.in_(reporters)))}
    values = [o for o in versions if o.is_current and o.status == APPROVED]
    baseline = _baseline(target, plan, values)
    spec = spec_for(target, plan.start, plan.frequency, baseline)
    chart: dict[str, Any] | None = chart_option(target, spec, plan, values, t, as_of)
    planned = bool(chart["series"][0]["data"])
    if not values and not planned:
        chart = None
    newer = None
    if not document.is_current:
        latest = current_target(session, target.lineage)
        newer = latest.id if latest is not None and latest.id != target.id else None
    return TargetPage(
        target=target,
        plan=plan,
        document=document,
        task=task,
        as_of=as_of,
        row=_row(session, target.id, as_of),
        owners=_owners(session, target),
        reports=[
            Report(o, bodies.get(o.reporter_id or "")) for o in versions if o.status == APPROVED
        ],
        pending=[
            Report(o, bodies.get(o.reporter_id or "")) for o in versions if o.status == SUBMITTED
        ],
        baseline_value=baseline,
        chart=chart,
        has_planned_path=planned,
        source=_source(session, target, task, document.source_id),
        newer_target_id=newer,
    )
