"""The bulletin's rankings of districts and departments, each rank with its parts
(value × weight = contribution).

For the whole ledger they are ``services.scores.ranking`` — counted by the database from the
stored rows, as the web pages and the API show them. For a bulletin of some plans only, the same
ownership (``services.assessment.ownership``) and the same engine ``scorecard``/``rank`` are applied
to the stored rows of those plans' targets, so a plan's bulletin ranks bodies on that plan alone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from policyledger.assess import Rules, load_rules, rank, scorecard
from policyledger.reports.bulletin.model import PartCell, RankRow, RankTable
from policyledger.services.assessment import ownership
from policyledger.services.scores import Ranking, Standing, Tally, kind_of, ranking
from policyledger.storage.models import AssessmentRow, Body, Target

TITLES = {"district": "区县排名", "department": "部门排名"}


@dataclass(frozen=True, slots=True)
class _Coloured:
    warning: str


@dataclass(frozen=True, slots=True)
class _Reports:
    due: range
    on_time: range


def _plan_ranking(
    session: Session, as_of: dt.date, kind: str, plan_ids: list[int], rules: Rules
) -> Ranking:
    """The ranking of one kind of body over the stored rows of some plans' targets."""
    received = (
        AssessmentRow.reports_due - AssessmentRow.reports_missing - AssessmentRow.reports_late
    )
    rows = {
        target_id: (warning, int(due), int(on_time))
        for target_id, warning, due, on_time in session.execute(
            select(
                AssessmentRow.target_id,
                AssessmentRow.warning,
                AssessmentRow.reports_due,
                case((received > 0, received), else_=0),
            )
            .join(Target, Target.id == AssessmentRow.target_id)
            .where(AssessmentRow.as_of == as_of, Target.plan_id.in_(plan_ids))
        )
    }
    tallies: dict[str, Tally] = defaultdict(Tally)
    for body_id, owned in ownership(session).items():
        for target_id in owned:
            if target_id in rows:
                tallies[body_id].add(rows[target_id][0], 1, *rows[target_id][1:])
    bodies = {
        b.id: b
        for b in session.scalars(select(Body).where(Body.id.in_(list(tallies))))
        if kind_of(b) == kind
    }
    cards = []
    for body_id in bodies:
        tally = tallies[body_id]
        coloured: list[Any] = []
        for warning, count in tally.warnings.items():
            coloured += [_Coloured(warning)] * count
        reports = [_Reports(range(tally.due), range(tally.on_time))]
        cards.append(scorecard(body_id, cast(Any, coloured), cast(Any, reports), rules))
    ranked = rank(cards)
    places: dict[int, int] = defaultdict(int)
    for item in ranked:
        places[item.rank] += 1
    return Ranking(
        kind,
        as_of,
        [
            Standing(bodies[r.owner_key], r, tallies[r.owner_key], places[r.rank] > 1)
            for r in ranked
        ],
    )


def rank_tables(
    session: Session,
    as_of: dt.date,
    plan_ids: list[int] | None,
    limit: int = 50,
    rules: Rules | None = None,
) -> list[RankTable]:
    """The district and the department ranking (``plan_ids`` None: the whole ledger)."""
    rules = rules or load_rules()
    tables = []
    for kind in ("district", "department"):
        if plan_ids is None:
            result = ranking(session, as_of, kind, rules)
        else:
            result = _plan_ranking(session, as_of, kind, plan_ids, rules)
        rows = [
            RankRow(
                s.rank,
                s.body.name,
                s.score,
                [PartCell(p.label, p.value, p.weight, p.contribution, p.detail) for p in s.parts],
                s.tally.targets,
                s.tied,
            )
            for s in result.standings[:limit]
        ]
        labels = [p.label for p in result.standings[0].parts] if result.standings else []
        tables.append(RankTable(kind, TITLES[kind], rows, result.size, labels))
    return tables
