"""The report page's data: the bodies that own targets, the targets a body owns, and the check
of a submitted value — the fields a person must fill in first, then the very checks of the
Excel import (``reporting.validate``: period readable and within the plan, value a number, the
target current and owned by the body), so a value is accepted here exactly when it would be in a
template."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select, union
from sqlalchemy.orm import Session

from policyledger.limits import NOTE_CHARS, URL_CHARS
from policyledger.reporting.reader import ReportFile
from policyledger.reporting.validate import ValidRow, validate
from policyledger.storage.models import Assignment, Body, Observation, Target, Task
from policyledger.storage.observations import RETURNED, SUBMITTED, current_target
from policyledger.storage.queries import DISTRICT_KINDS, current_targets, targets_owned_by
from policyledger.web.i18n import translate

FIELDS = ("body", "target", "period", "value", "note", "source_url")
# the import's column keys → the form's fields
_COLUMN_FIELDS = {
    "target_id": "target",
    "unit": "target",
    "reporter": "body",
    "period": "period",
    "value": "value",
    "note": "note",
    "source_url": "source_url",
}


def reporting_bodies(session: Session) -> list[Body]:
    """The bodies that own at least one current target, districts first, then by id."""
    current = current_targets().subquery()
    owners = union(
        select(Assignment.body_id).where(
            or_(
                Assignment.task_id.in_(select(current.c.task_id)),
                Assignment.target_lineage.in_(select(current.c.lineage)),
            )
        ),
        select(current.c.district_id).where(current.c.district_id.is_not(None)),
    ).subquery()
    ids = set(session.scalars(select(owners.c.body_id)))
    carried = (
        select(current.c.id)
        .join(Task, Task.id == current.c.task_id)
        .where(Task.districts_responsible.is_(True))
    )
    if session.scalar(carried.limit(1)) is not None:
        ids.update(session.scalars(select(Body.id).where(Body.kind.in_(DISTRICT_KINDS))))
    bodies = session.scalars(select(Body).where(Body.id.in_(ids))).all()
    return sorted(bodies, key=lambda b: (b.kind not in DISTRICT_KINDS, b.id))


def owned_targets(session: Session, body: Body) -> list[Target]:
    return targets_owned_by(session, body)


def recent_reviews(session: Session, body: Body, limit: int = 20) -> list[Observation]:
    """A body's latest values waiting for review or returned (with the reason), newest
    first, so that a reporter sees what became of them."""
    return list(
        session.scalars(
            select(Observation)
            .where(
                Observation.reporter_id == body.id,
                Observation.status.in_((SUBMITTED, RETURNED)),
            )
            .order_by(Observation.created_at.desc(), Observation.id.desc())
            .limit(limit)
        )
    )


@dataclass
class Submission:
    """The form as submitted (text as typed) and its errors by field."""

    body: str = ""
    target: str = ""
    period: str = ""
    value: str = ""
    note: str = ""
    source_url: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def check(
    session: Session, form: Submission, body: Body | None, lang: str
) -> tuple[ValidRow | None, Target | None]:
    """Check a submission; on success the row to record and its target, else ``(None, …)``
    with ``form.errors`` filled in."""

    def t(key: str) -> str:
        return translate(key, lang)

    if body is None:
        form.error("body", t("bp_err_body" if form.body else "bp_err_body_missing"))
    lineage = int(form.target) if form.target.strip().isdigit() else None
    target = current_target(session, lineage) if lineage is not None else None
    if target is None:
        form.error("target", t("bp_err_target" if form.target else "bp_err_target_missing"))
    if not form.period.strip():
        form.error("period", t("bp_err_period_missing"))
    if not form.value.strip():
        form.error("value", t("bp_err_value_missing"))
    if len(form.note) > NOTE_CHARS.get():
        form.error("note", t("bp_err_note_long"))
    url = form.source_url.strip()
    if url and (not url.lower().startswith(("http://", "https://")) or len(url) > URL_CHARS.get()):
        form.error("source_url", t("bp_err_url"))
    cells: dict[str, object] = {"target_id": str(lineage or form.target)}
    for name in ("period", "value", "note", "source_url"):
        text = getattr(form, name).strip()
        if text:
            cells[name] = text
    report = ReportFile(name="web form", kind="form", sha256="", rows=[(1, cells)])
    if target is not None and body is not None and "period" in cells and "value" in cells:
        checked = validate(session, report, body)
        for problem in checked.errors:
            form.error(_COLUMN_FIELDS.get(problem.column, "target"), problem.message)
        if not form.errors and checked.rows:
            return checked.rows[0], target
    elif "period" in cells or "value" in cells:  # say what is wrong with them all the same
        checked = validate(session, report, None)
        for problem in checked.errors:
            if problem.column in ("period", "value"):
                form.error(problem.column, problem.message)
    form.errors = {name: form.errors[name] for name in FIELDS if name in form.errors}
    return None, target
