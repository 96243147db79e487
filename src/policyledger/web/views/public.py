"""The public view's data: only the current versions of documents an administrator published,
their plans, and each target with its latest *approved* value and the warning colour of its
latest stored assessment. Nothing else reaches these pages: no unpublished document, no value
waiting for review, no audit, no person — bodies are named, reporters are not."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from policyledger.storage.models import (
    AssessmentRow,
    Assignment,
    Body,
    Document,
    Observation,
    Plan,
    Target,
)
from policyledger.storage.observations import APPROVED

OWNER_ROLES = ("owner", "lead")


@dataclass
class PublicPlan:
    plan: Plan
    document: Document
    targets: int = 0
    warnings: dict[str, int] = field(default_factory=dict)


@dataclass
class PublicTarget:
    target: Target
    latest: Observation | None  # the latest approved value
    row: AssessmentRow | None  # the latest stored assessment
    owners: list[Body] = field(default_factory=list)


def _published():
    return and_(Document.published.is_(True), Document.is_current.is_(True))


def latest_rows(session: Session, target_ids: list[int]) -> dict[int, AssessmentRow]:
    """Each target's row in its latest stored assessment."""
    if not target_ids:
        return {}
    latest = (
        select(AssessmentRow.target_id, func.max(AssessmentRow.as_of).label("as_of"))
        .where(AssessmentRow.target_id.in_(target_ids))
        .group_by(AssessmentRow.target_id)
        .subquery()
    )
    rows = session.scalars(
        select(AssessmentRow).join(
            latest,
            and_(
                AssessmentRow.target_id == latest.c.target_id,
                AssessmentRow.as_of == latest.c.as_of,
            ),
        )
    )
    return {row.target_id: row for row in rows}


def latest_approved(session: Session, lineages: list[int]) -> dict[int, Observation]:
    """Each target's approved current value of its latest period."""
    if not lineages:
        return {}
    rows = session.scalars(
        select(Observation)
        .where(
            Observation.target_lineage.in_(lineages),
            Observation.status == APPROVED,
            Observation.is_current.is_(True),
        )
        .order_by(Observation.target_lineage, Observation.period_end, Observation.id)
    )
    return {row.target_lineage: row for row in rows}  # the last period wins


def load_public_plans(session: Session) -> list[PublicPlan]:
    """The plans of published current documents, with target counts and warning colours."""
    rows = session.execute(
        select(Plan, Document)
        .join(Document, Plan.document_id == Document.id)
        .where(_published())
        .order_by(Document.id, Plan.position)
    ).all()
    out = {plan.id: PublicPlan(plan, document) for plan, document in rows}
    targets = session.execute(
        select(Target.id, Target.plan_id).where(Target.plan_id.in_(list(out)))
    ).all()
    colours = latest_rows(session, [target_id for target_id, _ in targets])
    for target_id, plan_id in targets:
        item = out[plan_id]
        item.targets += 1
        warning = colours[target_id].warning if target_id in colours else "grey"
        item.warnings[warning] = item.warnings.get(warning, 0) + 1
    return list(out.values())


def _owners(session: Session, targets: list[Target]) -> dict[int, list[Body]]:
    """The lead or owning bodies of each target (by target id)."""
    lineages = [t.lineage for t in targets if t.lineage is not None]
    tasks = [t.task_id for t in targets if t.task_id is not None]
    found = session.execute(
        select(Assignment, Body)
        .join(Body, Assignment.body_id == Body.id)
        .where(
            Assignment.role.in_(OWNER_ROLES),
            or_(Assignment.target_lineage.in_(lineages), Assignment.task_id.in_(tasks)),
        )
        .order_by(Assignment.position, Assignment.id)
    ).all()
    by_lineage: dict[int, list[Body]] = defaultdict(list)
    by_task: dict[int, list[Body]] = defaultdict(list)
    for assignment, body in found:
        if assignment.target_lineage is not None:
            by_lineage[assignment.target_lineage].append(body)
        elif assignment.task_id is not None:
            by_task[assignment.task_id].append(body)
    return {
        t.id: by_lineage.get(t.lineage or -1) or by_task.get(t.task_id or -1, []) for t in targets
    }


def load_public_plan(
    session: Session, plan_id: int
) -> tuple[PublicPlan, list[PublicTarget]] | None:
    """A plan of a published current document and its targets; None for any other plan."""
    found = session.execute(
        select(Plan, Document)
        .join(Document, Plan.document_id == Document.id)
        .where(Plan.id == plan_id, _published())
    ).first()
    if found is None:
        return None
    plan, document = found
    targets = list(
        session.scalars(select(Target).where(Target.plan_id == plan.id).order_by(Target.position))
    )
    rows = latest_rows(session, [t.id for t in targets])
    values = latest_approved(session, [t.lineage for t in targets if t.lineage is not None])
    owners = _owners(session, targets)
    items = [
        PublicTarget(t, values.get(t.lineage or -1), rows.get(t.id), owners.get(t.id, []))
        for t in targets
    ]
    summary = PublicPlan(plan, document, len(items))
    for item in items:
        warning = item.row.warning if item.row else "grey"
        summary.warnings[warning] = summary.warnings.get(warning, 0) + 1
    return summary, items
