"""Hazard checks and the hazard ledger on the SYNTHETIC registry: the lapses the rule finds are
the days, weeks and months without a check, found again here by plain set arithmetic; the
ledger's overdue and escalation counts are recounted from the hazards."""

from __future__ import annotations

import datetime as dt

import pytest

from policyledger.packs.mines import pack
from policyledger.packs.mines.ledgers import CheckLedger, HazardLedger
from policyledger.packs.mines.synthetic import synthetic_registry

START, END = dt.date(2024, 1, 1), dt.date(2024, 3, 31)


@pytest.fixture(scope="module")
def registry():
    return synthetic_registry(seed=2024)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def test_lapses_are_the_periods_without_a_check(registry):
    judged = 0
    for mine in registry.mines:
        if mine.status not in ("construction", "producing"):
            continue
        result = pack.run("mines.check_lapses", CheckLedger(mine, START, END, registry.checks), END)
        own = [c for c in registry.checks if c.mine == mine.id]
        by_level = {
            level: {c.date for c in own if c.level == level}
            for level in ("team_leader", "mine_manager", "principal")
        }
        requirements = {tuple(r.levels): r for r in result.requirements}
        if result.regime == "standard":
            daily = requirements[("team_leader",)]
            expected = [
                d.isoformat() for d in _days(START, END) if d not in by_level["team_leader"]
            ]
            assert daily.lapses == expected
            assert daily.periods_due == 91 and daily.periods_checked == 91 - len(expected)
            weekly = requirements[("mine_manager",)]
            mondays = [
                d for d in _days(START, END) if d.weekday() == 0 and d + dt.timedelta(6) <= END
            ]
            missing = [
                m
                for m in mondays
                if not any(m <= d <= m + dt.timedelta(6) for d in by_level["mine_manager"])
            ]
            assert [w.split("（")[1][:5] for w in weekly.lapses] == [f"{m:%m-%d}" for m in missing]
            monthly = requirements[("principal",)]
            months = {(d.year, d.month) for d in by_level["principal"]}
            expected_months = [f"2024-{m:02d}" for m in (1, 2, 3) if (2024, m) not in months]
            assert monthly.lapses == expected_months
            assert result.status == ("fail" if expected or missing or expected_months else "pass")
            judged += 1
        elif result.regime == "small_single":
            daily = requirements[("team_leader", "mine_manager")]
            either = by_level["team_leader"] | by_level["mine_manager"]
            assert daily.lapses == [d.isoformat() for d in _days(START, END) if d not in either]
            assert requirements[("principal",)].cadence == "weekly"
            judged += 1
        else:
            assert result.status in ("fail", "unknown")
    assert judged >= 20


def test_the_ledger_counts_overdue_and_escalated_hazards(registry):
    on = dt.date(2024, 3, 31)
    result = pack.run("mines.hazard_ledger", HazardLedger(registry.hazards, registry.mines), on)
    assert len(result.hazards) == len(registry.hazards)  # none is found after 2024-03-31
    open_ = [h for h in registry.hazards if h.closed is None or h.closed > on]
    overdue = [h for h in open_ if h.deadline < on]
    assert result.open == len(open_)
    assert result.overdue == len(overdue)
    major = [h for h in overdue if h.grade == "major"]
    assert result.major_overdue == len(major)
    assert result.escalated == len(major)  # every overdue major hazard is at least level 1
    for state in result.hazards:
        if state.escalation_level:
            days = state.days_overdue
            assert state.escalation_level == 1 + (days >= 15) + (days >= 30)
    assert result.overdue > 0 and result.five_items_incomplete > 0
