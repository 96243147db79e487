"""The assessment run over the ledger, with the real published statistics loaded."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from policyledger.services.assessment import evaluate, rankings, run_assessment
from policyledger.storage.models import AssessmentRow, Target
from policyledger.storage.statistics import load_sample_statistics


@pytest.fixture
def with_statistics(ingested):
    with ingested.session() as session:
        result = load_sample_statistics(session, actor="test")
    assert result.loaded == 18
    return ingested


def by_metric(session, results, metric):
    ids = {t.id for t in session.scalars(select(Target).where(Target.metric == metric))}
    (found,) = [r for r in results if r.target_id in ids]
    return found.assessment


def test_foreign_trade_total_at_the_end_of_2024(with_statistics):
    """Target 1万亿元 by 2024; published totals (万亿元): 2021 0.80006, 2023 0.71374,
    2024 0.71542. On 2024-12-31 the deadline is that day, so the expected value is the target
    itself; 0.71542 < 1 but above 2023's 0.71374 → behind (yellow)."""
    with with_statistics.session() as s:
        trade = by_metric(s, evaluate(s, dt.date(2024, 12, 31)), "外贸进出口总值")
    assert (trade.status, trade.warning) == ("behind", "yellow")
    assert trade.latest.value == pytest.approx(0.71542)
    assert trade.expected == pytest.approx(1.0)


def test_after_its_deadline_the_trade_target_is_overdue(with_statistics):
    with with_statistics.session() as s:
        trade = by_metric(s, evaluate(s, dt.date(2026, 1, 31)), "外贸进出口总值")
    assert (trade.status, trade.warning) == ("overdue", "red")


def test_energy_intensity_on_the_pro_rata_schedule(with_statistics):
    """下降14% from end-2020 to end-2025; by end-2022 two of five years are gone: expected
    −14 × 2/5 = −5.6; the derived cumulative change is −5.72 ≤ −5.6 → on track (green)."""
    with with_statistics.session() as s:
        energy = by_metric(s, evaluate(s, dt.date(2023, 6, 30)), "单位地区生产总值能源消耗")
    assert energy.expected == pytest.approx(-5.6)
    assert (energy.status, energy.warning) == ("on_track", "green")


def test_nev_output_target_achieved_in_2025(with_statistics):
    with with_statistics.session() as s:
        nev = by_metric(s, evaluate(s, dt.date(2026, 3, 1)), "新能源汽车产量")
    assert nev.status == "achieved" and nev.latest.value == pytest.approx(129.6)


def test_a_run_is_stored_and_replaces_the_same_date(with_statistics):
    as_of = dt.date(2024, 12, 31)
    with with_statistics.session() as s:
        run_assessment(s, as_of, actor="test")
        run_assessment(s, as_of, actor="test")
    with with_statistics.session() as s:
        rows = s.scalars(select(AssessmentRow).where(AssessmentRow.as_of == as_of)).all()
        assert len(rows) == 91
        behind = [r for r in rows if r.status == "behind"]
        assert {s.get(Target, r.target_id).metric for r in behind} == {
            "外贸进出口总值",
            "实际使用外资",
        }


def test_ranking_explanations_add_up(with_statistics):
    with with_statistics.session() as s:
        results = evaluate(s, dt.date(2026, 11, 27))
        for kind in ("department", "district"):
            ranked = rankings(s, results, kind)
            assert ranked, kind
            for entry in ranked:
                card = entry.ranked.scorecard
                assert card.score == pytest.approx(sum(p.contribution for p in card.parts))
                assert f"{card.score:.1f}" in entry.ranked.explanation
            ranks = [e.ranked.rank for e in ranked]
            assert ranks == sorted(ranks) and ranks[0] == 1


def test_parallel_workers_give_the_same_results(with_statistics, monkeypatch):
    """Large ledgers are assessed by forked workers, each reading its share of observations."""
    from policyledger.services import assessment

    monkeypatch.setattr(assessment, "PARALLEL_FROM", 0)
    as_of = dt.date(2024, 12, 31)
    with with_statistics.session() as s:
        serial = evaluate(s, as_of)
    with with_statistics.session() as s:
        parallel = evaluate(s, as_of, workers=2)
    assert [(r.target_id, r.assessment.status, r.assessment.warning) for r in parallel] == [
        (r.target_id, r.assessment.status, r.assessment.warning) for r in serial
    ]
