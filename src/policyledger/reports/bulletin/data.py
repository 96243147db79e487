"""Gather a bulletin's contents from the ledger for one period.

The period label ("2024-12", "2024-Q4", "2024") is read by ``storage.periods.parse_period``; the
bulletin is as of the period's last day. The assessment stored for that date is used; when none is
stored, it is run and stored first (``services.assessment.run_assessment``). Everything is read
set-based: one grouped query for the counts, one capped query per list with its details for the
listed targets only, the rankings counted by the database (``services.scores``), so a bulletin of
a large ledger takes as long as a handful of queries.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from policyledger.errors import PolicyLedgerError
from policyledger.reports.bulletin import text
from policyledger.reports.bulletin.model import Bulletin, Flagged, FlagList, PlanCount
from policyledger.reports.bulletin.owners import missing_reports, primary_owners
from policyledger.reports.bulletin.paths import headline_trajectories
from policyledger.reports.bulletin.ranks import rank_tables
from policyledger.reports.bulletin.sections import pack_sections
from policyledger.storage.models import (
    AssessmentRow,
    Document,
    Observation,
    Plan,
    Source,
    Target,
)
from policyledger.storage.periods import parse_period

LIST_LIMIT = 30
_TITLES = {"red": "红灯目标", "yellow": "黄灯目标"}


class BulletinError(PolicyLedgerError):
    """A bulletin that cannot be made (a period not yet over, no plan, no targets)."""


def _plans(session: Session, plan_text: str | None) -> list[tuple[Plan, Document]]:
    query = (
        select(Plan, Document)
        .join(Document, Plan.document_id == Document.id)
        .where(Document.is_current.is_(True))
        .order_by(Document.id, Plan.position)
    )
    if plan_text:
        query = query.where(Plan.name.contains(plan_text, autoescape=True))
    return [(p, d) for p, d in session.execute(query)]


def ensure_assessment(
    session: Session,
    as_of: dt.date,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dt.datetime | None:
    """When the assessment of ``as_of`` was computed; run and store it first if it is not."""
    when = select(func.max(AssessmentRow.computed_at)).where(AssessmentRow.as_of == as_of)
    computed = session.scalar(when)
    if computed is None:
        from policyledger.services.assessment import run_assessment

        if progress:
            progress(f"尚无 {as_of} 的评估结果，正在评估并保存…")
        run_assessment(session, as_of, actor="bulletin", workers=workers or os.cpu_count() or 1)
        computed = session.scalar(when)
    return computed


def _flag_list(
    session: Session, as_of: dt.date, plan_ids: list[int], warning: str, total: int, limit: int
) -> FlagList:
    rows = session.execute(
        select(Target, Plan.name, AssessmentRow)
        .join(Plan, Plan.id == Target.plan_id)
        .join(AssessmentRow, AssessmentRow.target_id == Target.id)
        .where(
            AssessmentRow.as_of == as_of,
            AssessmentRow.warning == warning,
            Target.plan_id.in_(plan_ids),
        )
        .order_by(
            AssessmentRow.progress.is_(None),
            AssessmentRow.progress,
            AssessmentRow.reports_missing.desc(),
            Target.id,
        )
        .limit(limit)
    ).all()
    ids = [t.id for t, _, _ in rows]
    chosen = select(Target.id).where(Target.id.in_(ids))
    owners = primary_owners(session, chosen) if ids else {}
    clauses = dict(
        session.execute(
            select(
                Target.id,
                func.substr(
                    Source.text, Target.span_start + 1, Target.span_end - Target.span_start
                ),
            )
            .join(Plan, Plan.id == Target.plan_id)
            .join(Document, Document.id == Plan.document_id)
            .join(Source, Source.id == Document.source_id)
            .where(Target.id.in_(ids))
        ).all()
    )
    sources: dict[int, tuple[str, str | None, str | None]] = {}
    for target_id, period, title, url in session.execute(
        select(Target.id, Observation.period, Observation.source_title, Observation.source_url)
        .join(AssessmentRow, AssessmentRow.target_id == Target.id)
        .join(
            Observation,
            and_(
                Observation.target_lineage == Target.lineage,
                Observation.period_end == AssessmentRow.latest_period_end,
            ),
        )
        .where(
            AssessmentRow.as_of == as_of,
            Target.id.in_(ids),
            Observation.is_current.is_(True),
            Observation.status == "approved",
            or_(Observation.received_on.is_(None), Observation.received_on <= as_of),
        )
        .order_by(Observation.received_on.is_not(None), Observation.received_on, Observation.id)
    ):
        sources[target_id] = (period, title, url)  # of several for one period, the last
    items = []
    for target, plan_name, row in rows:
        items.append(_flagged(target, plan_name, row, owners, clauses, sources))
    return FlagList(warning, _TITLES[warning], items, total)


def _flagged(
    target: Target,
    plan_name: str,
    row: AssessmentRow,
    owners: dict[int, list[str]],
    clauses: dict[int, str],
    sources: dict[int, tuple[str, str | None, str | None]],
) -> Flagged:
    """One listed target with its texts: goal, values in its unit, gap, clause and source."""
    unit, signed = target.unit, target.change is not None
    goal = text.goal_text(target.value, unit, target.change, target.relation, target.per_year)
    if target.year:
        goal += f"（{target.year}年）"
    gap = None
    if row.latest_value is not None and row.expected is not None:
        gap = row.latest_value - row.expected
    period, title, url = sources.get(target.id, (None, None, None))
    return Flagged(
        target_id=target.id,
        warning=row.warning,
        status=row.status,
        metric=f"{target.scope}·{target.metric}" if target.scope else target.metric,
        goal=goal,
        owners=text.owners_text(owners.get(target.id, [])),
        latest=row.latest_value,
        latest_text=text.in_unit(row.latest_value, unit, signed),
        latest_period=text.label_text(period) if period else text.label_text(None),
        expected=row.expected,
        expected_text=text.in_unit(row.expected, unit, signed),
        gap=gap,
        gap_text=text.gap_text(gap, unit),
        plan=plan_name,
        clause=text.clause_text(target.path),
        excerpt=text.excerpt(clauses.get(target.id) or target.text or ""),
        source_title=title,
        source_url=url,
    )


def load_bulletin(
    session: Session,
    period_label: str,
    plan_text: str | None = None,
    *,
    limit: int = LIST_LIMIT,
    workers: int | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Bulletin:
    """The bulletin of ``period_label`` (only the plans whose name contains ``plan_text``)."""
    period = parse_period(period_label)
    today = today or dt.date.today()
    if period.end > today:
        raise BulletinError(
            f"the period {period.label} has not ended yet (it ends {period.end.isoformat()})"
        )
    plans = _plans(session, plan_text)
    if not plans:
        if plan_text:
            raise BulletinError(f"no plan whose name contains {plan_text!r}")
        raise BulletinError("the ledger holds no plans: ingest a document first")
    plan_ids = [p.id for p, _ in plans]
    if not session.scalar(select(func.count(Target.id)).where(Target.plan_id.in_(plan_ids))):
        raise BulletinError(
            "no targets to report on in " + ("those plans" if plan_text else "the ledger")
        )
    as_of = period.end
    computed = ensure_assessment(session, as_of, workers, progress)
    if progress:
        progress(f"正在汇总 {as_of} 的评估结果…")
    per_plan: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    warnings: dict[str, int] = defaultdict(int)
    statuses: dict[str, int] = defaultdict(int)
    due = missing = late = 0
    for plan_id, warning, status, count, d, m, lt in session.execute(
        select(
            Target.plan_id,
            AssessmentRow.warning,
            AssessmentRow.status,
            func.count(),
            func.coalesce(func.sum(AssessmentRow.reports_due), 0),
            func.coalesce(func.sum(AssessmentRow.reports_missing), 0),
            func.coalesce(func.sum(AssessmentRow.reports_late), 0),
        )
        .join(AssessmentRow, AssessmentRow.target_id == Target.id)
        .where(AssessmentRow.as_of == as_of, Target.plan_id.in_(plan_ids))
        .group_by(Target.plan_id, AssessmentRow.warning, AssessmentRow.status)
    ):
        per_plan[plan_id][warning] += count
        warnings[warning] += count
        statuses[status] += count
        due, missing, late = due + int(d), missing + int(m), late + int(lt)
    if not warnings:
        raise BulletinError(f"no stored assessment of {as_of} covers these plans' targets")
    scope = f"名称含“{plan_text}”的" if plan_text else ""
    return Bulletin(
        period=period,
        period_text=text.period_text(period),
        as_of=as_of,
        computed_at=computed,
        generated=today,
        plan_filter=plan_text,
        plans=[PlanCount(p.name, d.doc_number, dict(per_plan[p.id])) for p, d in plans],
        warnings=dict(warnings),
        statuses=dict(statuses),
        reports_due=due,
        reports_missing=missing,
        reports_late=late,
        summary=text.summary(scope, as_of, len(plans), warnings, statuses, due, missing, late),
        red=_flag_list(session, as_of, plan_ids, "red", warnings.get("red", 0), limit),
        yellow=_flag_list(session, as_of, plan_ids, "yellow", warnings.get("yellow", 0), limit),
        rankings=rank_tables(session, as_of, plan_ids if plan_text else None),
        missing=missing_reports(session, as_of, plan_ids),
        trajectories=headline_trajectories(session, as_of, plan_ids),
        sections=pack_sections(session, period),
    )
