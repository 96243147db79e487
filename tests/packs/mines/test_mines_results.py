"""The mines pack's results from stored records (the SYNTHETIC CSVs): the months, the ranking,
the hazard ledger and a mine's report are those the rules give on the registry itself (so
storing and loading change nothing), blacklisted enterprises are marked, and an unknown mine
is None."""

from __future__ import annotations

import datetime as dt

import pytest

from policyledger.packs.mines import pack
from policyledger.packs.mines.ledgers import CheckLedger, HazardLedger, RankingInput
from policyledger.packs.mines.results import mine_months, mine_report, mines_results
from policyledger.packs.mines.synthetic import SEED, load_synthetic, synthetic_registry

END = dt.date(2024, 3, 31)


@pytest.fixture
def mines_ledger(db):
    with db.session() as session:
        load_synthetic(session, actor="test")
    return db


@pytest.fixture(scope="module")
def registry():
    return synthetic_registry(seed=SEED)


def test_the_months_are_those_with_district_data(mines_ledger):
    with mines_ledger.session() as session:
        months = mine_months(session)
    assert [m.label for m in months] == ["2024-03", "2024-02", "2024-01"]
    assert months[0].end == END and months[0].text == "2024年3月"


def test_the_ranking_and_hazard_ledger_are_the_rules_on_the_registry(mines_ledger, registry):
    with mines_ledger.session() as session:
        results = mines_results(session)
    assert results.synthetic and results.on == END
    assert results.ranking_error is None and results.hazards_error is None
    expected = pack.run(
        "mines.district_ranking",
        RankingInput(2024, 3, registry.district_months(2024, 3), registry.mines, registry.hazards),
        END,
    )
    assert [(d.district, round(d.score, 6)) for d in results.ranking.districts] == [
        (d.district, round(d.score, 6)) for d in expected.districts
    ]
    for ranked in results.ranking.districts:
        assert sum(p.contribution for p in ranked.parts) == pytest.approx(ranked.score)
    ledger = pack.run("mines.hazard_ledger", HazardLedger(registry.hazards, registry.mines), END)
    assert (results.hazards.open, results.hazards.overdue, results.hazards.escalated) == (
        ledger.open,
        ledger.overdue,
        ledger.escalated,
    )
    assert [h.id for h in results.major_overdue] == [
        h.id for h in ledger.hazards if h.grade == "major" and h.overdue
    ]
    assert {m.id for m in results.blacklisted} == {m.id for m in registry.mines if m.blacklisted}
    assert set(results.statuses) == {m.id for m in registry.mines}


def test_a_mines_report_is_the_rules_on_its_facts(mines_ledger, registry):
    mine = next(m for m in registry.mines if m.status == "producing")
    with mines_ledger.session() as session:
        report = mine_report(session, mine.id)
        assert mine_report(session, "NO-SUCH-MINE") is None
    assert report.synthetic and report.report_error is None
    expected = pack.run("mines.compliance", mine, END)
    assert report.report == expected
    checks = [c for c in registry.checks if c.mine == mine.id and c.date <= END]
    lapses = pack.run(
        "mines.check_lapses", CheckLedger(mine, dt.date(2024, 3, 1), END, checks), END
    )
    assert report.lapses == lapses
    assert sorted(h.id for h in report.hazards) == sorted(
        h.id for h in registry.hazards if h.mine == mine.id
    )
