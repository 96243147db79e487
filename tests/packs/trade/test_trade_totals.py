"""The reward totals reconcile with the project library: over the SYNTHETIC data in a ledger,
every district's and year's foreign capital, loans, base and entitlement are the sums of that
district's stored project-years, recomputed here from the stored rows with the clause's
arithmetic written out again (never through the rule); the city-wide lines are the sums of the
districts'; approved ≤ entitled and paid ≤ approved; each project-year is counted once. Then
the other blocks: applications with their checks, a project-year outside the library, a
correction, the published figures against the plan's targets."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from policyledger.packdata import import_records
from policyledger.packdata.csvrows import write_kind_csv
from policyledger.packs.trade import pack
from policyledger.packs.trade.figures import load_figures
from policyledger.packs.trade.library import ProjectYear
from policyledger.packs.trade.results import (
    application_checks,
    complaints_ledger,
    project_library,
    reward_totals,
    reward_years,
    trade_indicators,
    trade_results,
)
from policyledger.packs.trade.synthetic import FIRST_LINE, load_synthetic
from policyledger.storage.packs import current_records

AMOUNTS = ("received_usd", "shareholder_loans_usd", "base_usd", "entitled_cny")


@pytest.fixture
def ledger(db):
    with db.session() as session:
        load_synthetic(session, actor="test")
    return db


def _parameter(key: str, year: int):
    return pack.parameters.get(f"rewards.{key}", on=dt.date(year, 12, 31))


def _entitled(project: dict, row: dict) -> float:
    """The reward by hand: 三、（四）10 with the parameters in force at the year's end."""
    year = row["year"]
    received, loans = row.get("received_usd"), row.get("shareholder_loans_usd")
    facts = (project.get("kind"), project.get("industry_section"), project.get("quasi_finance"))
    if None in facts or received is None or loans is None:
        return 0.0
    if row.get("other_support_same_direction") is not False:
        return 0.0
    base = received - loans
    if year < _parameter("first_year", year) or project["quasi_finance"]:
        return 0.0
    if project["industry_section"] in _parameter("excluded_sections", year):
        return 0.0
    if base <= _parameter("general_threshold_usd", year):
        return 0.0
    rate = _parameter("general_rate", year)
    manufacturing = project["industry_section"] in _parameter("manufacturing_sections", year)
    if manufacturing and base > _parameter("manufacturing_threshold_usd", year):
        rate = max(rate, _parameter("manufacturing_rate", year))
    return min(round(base * rate / 100, 2), _parameter("annual_cap_cny", year))


def _by_hand(session) -> dict[tuple[str | None, int], dict[str, float]]:
    projects = {r.data["id"]: r.data for r in current_records(session, "trade", "project")}
    sums: dict[tuple[str | None, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for record in current_records(session, "trade", "project_year"):
        row = record.data
        project = projects.get(row["project"])
        line = sums[(project["district"] if project else None, row["year"])]
        received, loans = row.get("received_usd") or 0.0, row.get("shareholder_loans_usd") or 0.0
        line["projects"] += 1
        line["received_usd"] += received
        line["shareholder_loans_usd"] += loans
        if row.get("received_usd") is not None and row.get("shareholder_loans_usd") is not None:
            line["base_usd"] += received - loans
        if project is not None:
            line["entitled_cny"] += _entitled(project, row)
    return sums


def test_the_totals_reconcile_with_the_project_library(ledger):
    with ledger.session() as session:
        totals = reward_totals(session)
        expected = _by_hand(session)
        stored = current_records(session, "trade", "project_year")
    assert totals.synthetic
    lines = {(t.district, t.year): t for t in totals.districts if t.projects}
    assert set(lines) == set(expected)
    assert len({d for d, _ in lines}) == 12 and totals.years == [2022, 2023, 2024, 2025]
    for key, line in lines.items():
        assert line.projects == expected[key]["projects"], key
        for name in AMOUNTS:
            assert getattr(line, name) == pytest.approx(expected[key][name], abs=0.01), (key, name)
        assert line.approved_cny <= line.entitled_cny + 0.005, key
        assert line.paid_cny <= line.approved_cny + 0.005, key
    for city in totals.city:
        same_year = [t for t in totals.districts if t.year == city.year]
        assert city.city and city.district is None
        for name in (*AMOUNTS, "projects", "eligible", "applied_cny", "approved_cny", "paid_cny"):
            assert getattr(city, name) == pytest.approx(sum(getattr(t, name) for t in same_year))
        assert city.refused == sum(t.refused for t in same_year)
    # each project-year once
    counted = [(r.year.project, r.year.year) for r in totals.rewards]
    assert len(counted) == len(set(counted)) == len(stored)
    assert sum(t.projects for t in totals.city) == len(stored)
    assert sum(t.entitled_cny for t in totals.city) > 0
    assert any(t.refused for t in totals.districts) and any(t.paid_cny for t in totals.districts)


def test_approved_and_paid_per_project_year(ledger):
    with ledger.session() as session:
        totals = reward_totals(session)
        lines, _ = application_checks(session)
    entitled = {(r.year.project, r.year.year): r.entitled_cny for r in totals.rewards}
    approved: dict[tuple[str, int], float] = defaultdict(float)
    for line in lines:
        app = line.application
        approved[(app.project, app.year)] += app.approved_cny or 0.0
        assert (app.paid_cny or 0.0) <= (app.approved_cny or 0.0)
    for key, value in approved.items():
        assert value <= entitled[key] + 0.005, key


def test_a_year_alone_is_that_year_of_all(ledger):
    with ledger.session() as session:
        every = reward_totals(session)
        only = reward_totals(session, 2024)
        assert reward_years(session) == [2025, 2024, 2023, 2022]
    assert [t.year for t in only.city] == [2024]
    assert [vars(t) for t in only.districts] == [vars(t) for t in every.districts if t.year == 2024]


def test_the_designed_projects_get_what_the_clause_says(ledger):
    with ledger.session() as session:
        rewards = {(r.year.project, r.year.year): r for r in reward_totals(session).rewards}

    def result(number: int, year: int):
        return rewards[(f"SYNTHETIC-FDI-{number:03d}", year)].result

    assert (result(1, 2023).status, result(1, 2023).tier) == ("eligible", "general")
    for number, year in ((2, 2024), (3, 2024), (4, 2023), (5, 2024), (6, 2024), (8, 2024)):
        assert result(number, year).status == "ineligible", number
    capped = result(7, 2024)
    assert (capped.status, capped.tier, capped.capped) == ("eligible", "manufacturing", True)
    assert capped.amount_cny == capped.cap_cny < capped.uncapped_cny
    assert result(9, 2025).status == "unknown" and "industry_section" in result(9, 2025).missing
    assert result(10, 2022).status == "ineligible"


def test_outside_the_library_and_corrections_are_counted_once(ledger, tmp_path):
    rows = [
        ProjectYear("NOT-IN-LIBRARY", 2024, received_usd=5e6, shareholder_loans_usd=0.0),
        ProjectYear(
            "SYNTHETIC-FDI-001",
            2023,
            received_usd=40_000_000.0,
            shareholder_loans_usd=0.0,
            other_support_same_direction=False,
        ),
    ]
    path = write_kind_csv(pack.kind("project_year"), rows, tmp_path / "more.csv", FIRST_LINE)
    with ledger.session() as session:
        before = reward_totals(session)
        result = import_records(session, pack, "project_year", path, actor="clerk")
    assert (result.added, result.superseded) == (1, 1)
    with ledger.session() as session:
        after = reward_totals(session)
        expected = _by_hand(session)
    outside = [t for t in after.districts if t.district is None and not t.city]
    assert len(outside) == 1 and outside[0].projects == 1 and outside[0].entitled_cny == 0
    assert "NOT-IN-LIBRARY" in outside[0].errors[0]
    assert sum(t.projects for t in after.city) == sum(t.projects for t in before.city) + 1
    corrected = next(r for r in after.rewards if r.year.project == "SYNTHETIC-FDI-001")
    assert corrected.result.tier == "manufacturing"  # 40,000,000 > 30,000,000 now
    city_2023 = next(t for t in after.city if t.year == 2023)
    assert city_2023.entitled_cny == pytest.approx(
        sum(v["entitled_cny"] for (_, y), v in expected.items() if y == 2023)
    )


def test_applications_come_with_their_check(ledger):
    with ledger.session() as session:
        lines, flagged = application_checks(session)
        stored = current_records(session, "trade", "application")
    assert flagged and len(lines) == len(stored)
    assert all(line.check is not None and line.error is None for line in lines)
    twice = [line for line in lines if any("同一项目同一年度" in p for p in line.check.problems)]
    assert twice and all(line.application.status == "submitted" for line in twice)
    refused = [line for line in lines if line.application.status == "refused"]
    assert refused and all(line.check.suggestion == "refuse" for line in refused)


def test_the_library_lists_each_projects_years(ledger):
    with ledger.session() as session:
        entries, flagged = project_library(session)
        stored = current_records(session, "trade", "project_year")
    assert flagged and len(entries) == 40
    assert sum(len(e.years) for e in entries) == len(stored)
    assert all(e.body_id and e.body_id.startswith("cq.") for e in entries)
    assert all([y.year for y in e.years] == sorted(y.year for y in e.years) for e in entries)


def test_the_published_figures_against_the_targets(db):
    with db.session() as session:
        assert trade_indicators(session).error is not None  # nothing stored yet
        load_figures(session, actor="test")
    with db.session() as session:
        block = trade_indicators(session)
        late = trade_indicators(session, 2025)
        results = trade_results(session)
    assert block.year == 2024 and block.error is None and not block.synthetic
    total = next(r for r in block.result.rows if (r.indicator, r.scope) == ("trade_total", "全市"))
    assert total.status == "not_met" and total.latest.year == 2024
    assert total.latest.value == pytest.approx(7154.2)  # 715.42 billion yuan
    keys = [(f.indicator, f.year, f.period) for f in block.figures if f.scope.startswith("全市")]
    assert len(keys) == len(set(keys)) and block.set_aside
    assert late.result is None and "2024" in late.error and "\n" not in late.error
    assert not results.synthetic and results.totals.city == [] and results.indicators.year == 2024


@pytest.mark.parametrize("on", [dt.date(2024, 6, 30), dt.date(2025, 12, 31)])
def test_the_complaints_ledger_on_a_date(ledger, on):
    with ledger.session() as session:
        block = complaints_ledger(session, on)
        stored = [r.data for r in current_records(session, "trade", "complaint")]
    received = [c for c in stored if dt.date.fromisoformat(c["received"]) <= on]
    assert block.error is None and block.synthetic
    assert block.result.totals.total == len(received) == len(block.complaints)
    still_open = {
        c["id"]
        for c in received
        if c["status"] != "withdrawn"
        and not any(c.get(k) and dt.date.fromisoformat(c[k]) <= on for k in ("answered", "closed"))
    }
    past_given_deadline = {
        c["id"] for c in received if c.get("deadline") and dt.date.fromisoformat(c["deadline"]) < on
    }
    overdue = {o.id for o in block.result.overdue}
    assert still_open & past_given_deadline <= overdue <= still_open
    assert overdue and all(o.days_overdue > 0 for o in block.result.overdue)
