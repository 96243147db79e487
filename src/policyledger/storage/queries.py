"""Read the ledger: current documents, who owns which target, and the inputs the assessment
needs. Shared by the command line, the reports and the API."""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from policyledger.storage.models import Assignment, Body, Document, Plan, Target, Task

DISTRICT_KINDS = ("district", "development_zone")


def current_targets() -> Select[tuple[Target]]:
    """Targets of the current version of every document."""
    return (
        select(Target)
        .join(Plan, Target.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
    )


def current_tasks() -> Select[tuple[Task]]:
    return (
        select(Task)
        .join(Plan, Task.plan_id == Plan.id)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
    )


def owned_by(body: Body) -> list:
    """Conditions (for ``current_targets().where(or_(*…))``) that a target is owned by ``body``:
    assigned to it directly, through its task, or — for a district — through a task that
    districts carry out, or by being the district's own target.

    Written as uncorrelated ``IN (SELECT …)``: the database reads the body's assignments once
    instead of once per target (on 12,000 targets: seconds → milliseconds)."""
    direct = select(Assignment.target_lineage).where(
        Assignment.body_id == body.id, Assignment.target_lineage.is_not(None)
    )
    via_task = select(Assignment.task_id).where(
        Assignment.body_id == body.id, Assignment.task_id.is_not(None)
    )
    conditions = [Target.lineage.in_(direct), Target.task_id.in_(via_task)]
    if body.kind in DISTRICT_KINDS:
        carried = select(Task.id).where(Task.districts_responsible.is_(True))
        conditions += [Target.district_id == body.id, Target.task_id.in_(carried)]
    return conditions


def targets_owned_by(session: Session, body: Body) -> list[Target]:
    return list(
        session.scalars(
            current_targets().where(or_(*owned_by(body))).order_by(Target.plan_id, Target.position)
        )
    )


def owners_of(session: Session, target: Target) -> list[tuple[Body, str]]:
    """The bodies responsible for a target, with their role (lead first)."""
    rows = session.execute(
        select(Body, Assignment.role)
        .join(Assignment, Assignment.body_id == Body.id)
        .where(
            or_(
                Assignment.target_lineage == target.lineage,
                (Assignment.task_id == target.task_id) if target.task_id else False,
            )
        )
        .order_by(Assignment.role != "owner", Assignment.role != "lead", Assignment.position)
    )
    seen, out = set(), []
    for body, role in rows:
        if body.id not in seen:
            seen.add(body.id)
            out.append((body, role))
    return out


def is_owner(session: Session, body: Body, target: Target) -> bool:
    query = select(Target.id).where(Target.id == target.id, or_(*owned_by(body)))
    return session.scalar(query) is not None


def find_body(session: Session, name_or_id: str) -> Body | None:
    """A body by id ("cq.swj"), by name ("市商务委"), or by any written form the registry knows."""
    body = session.get(Body, name_or_id)
    if body is not None:
        return body
    body = session.scalar(select(Body).where(Body.name == name_or_id))
    if body is not None:
        return body
    from policyledger.registry.bodies import default_registry

    known = default_registry().resolve(name_or_id)
    return session.get(Body, known.id) if known else None
