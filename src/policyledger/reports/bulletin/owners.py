"""Who answers for a target in the bulletin, and whose reports are missing.

A target's owners as a bulletin names them: the bodies made directly responsible for it, then
the lead bodies of its task, then its own district; failing those, "各区县" for a task the
districts carry out, or else every body its task names. Read set-based for any set of targets
(given as a subquery of target ids), so the same code serves a list of 30 and a whole ledger.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from policyledger.reports.bulletin.model import MissingRow, MissingTable
from policyledger.storage.models import AssessmentRow, Assignment, Body, Target, Task

DISTRICTS = "各区县"
_PRIMARY = ("owner", "lead")


def primary_owners(session: Session, target_ids: Select) -> dict[int, list[str]]:
    """Target id → the names of its owners (see the module docstring), in order."""
    ranked: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    others: dict[int, list[tuple[int, str]]] = defaultdict(list)
    names = {}

    def collect(rows) -> None:
        for target_id, role, position, body_id, name in rows:
            names[body_id] = name
            if role in _PRIMARY:
                ranked[target_id].append((_PRIMARY.index(role), position, body_id))
            else:
                others[target_id].append((position, body_id))

    columns = (Target.id, Assignment.role, Assignment.position, Body.id, Body.name)
    collect(
        session.execute(
            select(*columns)
            .join(Assignment, Assignment.target_lineage == Target.lineage)
            .join(Body, Body.id == Assignment.body_id)
            .where(Target.id.in_(target_ids))
        )
    )
    collect(
        session.execute(
            select(*columns)
            .join(Assignment, Assignment.task_id == Target.task_id)
            .join(Body, Body.id == Assignment.body_id)
            .where(Target.id.in_(target_ids))
        )
    )
    extra = session.execute(
        select(Target.id, Body.id, Body.name, Task.districts_responsible)
        .outerjoin(Body, Body.id == Target.district_id)
        .outerjoin(Task, Task.id == Target.task_id)
        .where(Target.id.in_(target_ids))
    ).all()
    result: dict[int, list[str]] = {}
    for target_id, district_id, district_name, carried in extra:
        chosen = [b for _, _, b in sorted(ranked.get(target_id, []))]
        if district_id is not None:
            names[district_id] = district_name
            chosen.append(district_id)
        if not chosen and carried:
            result[target_id] = [DISTRICTS]
            continue
        if not chosen:
            chosen = [b for _, b in sorted(others.get(target_id, []))]
        result[target_id] = [names[b] for b in dict.fromkeys(chosen)]
    return result


def missing_reports(
    session: Session, as_of: dt.date, plan_ids: list[int], limit: int = 20
) -> MissingTable:
    """Reports not received at ``as_of``, per owner: periods missing, targets, the worst three."""
    missing = (
        select(AssessmentRow.target_id)
        .join(Target, Target.id == AssessmentRow.target_id)
        .where(
            AssessmentRow.as_of == as_of,
            AssessmentRow.reports_missing > 0,
            Target.plan_id.in_(plan_ids),
        )
    )
    rows = session.execute(
        select(
            Target.id,
            func.coalesce(Target.scope, ""),
            Target.metric,
            AssessmentRow.reports_missing,
        )
        .join(AssessmentRow, AssessmentRow.target_id == Target.id)
        .where(AssessmentRow.as_of == as_of, Target.id.in_(missing))
    ).all()
    if not rows:
        return MissingTable([], 0, 0)
    owners = primary_owners(session, missing)
    periods: dict[str, int] = defaultdict(int)
    targets: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for target_id, scope, metric, count in rows:
        label = f"{scope}·{metric}" if scope else metric
        for owner in owners.get(target_id) or ["未明确责任单位"]:
            periods[owner] += count
            targets[owner].append((-count, target_id, label))
    order = sorted(periods, key=lambda o: (-periods[o], -len(targets[o]), o))
    table = [
        MissingRow(
            owner,
            periods[owner],
            len(targets[owner]),
            [f"{label}（{-neg}期）" for neg, _, label in sorted(targets[owner])[:3]],
        )
        for owner in order[:limit]
    ]
    return MissingTable(table, len(order), sum(count for *_, count in rows))
