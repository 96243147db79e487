"""Scorecards and rankings: each score is the sum of its named parts, each rank explained."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from policyledger.assess import (
    Assessment,
    Period,
    Rules,
    Timeliness,
    rank,
    scorecard,
)

D = date


def lights(*colours: str) -> list[Assessment]:
    """Assessments that only carry a warning colour (all a scorecard reads from them)."""
    status = {
        "green": "on_track",
        "red": "off_track",
        "yellow": "behind",
        "blue": "on_track",
        "grey": "no_data",
    }
    return [
        Assessment(
            f"t{i}",
            D(2024, 6, 30),
            "level",
            status[c],
            c,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            [],
        )
        for i, c in enumerate(colours)
    ]


def reports(on_time: int, due: int) -> list[Timeliness]:
    """One target's record with ``due`` periods of which ``on_time`` arrived on time."""
    periods = [Period(D(2024, 1, 1), D(2024, 3, 31), D(2024, 4, 15), f"P{i}") for i in range(due)]
    return [
        Timeliness(
            "t0",
            D(2024, 6, 30),
            "quarterly",
            periods,
            periods[:on_time],
            [],
            periods[on_time:],
            on_time / due if due else None,
            [],
        )
    ]


def test_parts_and_score(rules: Rules) -> None:
    # 5 targets: 3 green, 1 red, 1 yellow; 4 reports due, 3 on time. Default weights 40, −30, 30:
    # 3/5 × 40 = 24.0; 1/5 × (−30) = −6.0; 3/4 × 30 = 22.5; total 24.0 − 6.0 + 22.5 = 40.5.
    card = scorecard("A", lights("green", "green", "green", "red", "yellow"), reports(3, 4), rules)
    assert [(p.key, p.value, p.weight) for p in card.parts] == [
        ("green", 0.6, 40.0),
        ("red", 0.2, -30.0),
        ("on_time", 0.75, 30.0),
    ]
    assert [p.contribution for p in card.parts] == pytest.approx([24.0, -6.0, 22.5])
    assert card.score == sum(p.contribution for p in card.parts)
    assert card.score == pytest.approx(40.5)
    assert card.explain() == (
        "绿灯占比（3/5） 0.60×40=24.0；红灯占比（1/5） 0.20×(-30)=-6.0；"
        "按时报送率（3/4） 0.75×30=22.5；合计 40.5"
    )


def test_pack_measure_weighted_from_the_rules(rules: Rules) -> None:
    # mine-safety enforcement 0.9 × 10 = 9.0 on top of the three parts.
    card = scorecard(
        "A", lights("green"), reports(1, 1), rules, extra={"mine_safety_enforcement": 0.9}
    )
    assert card.parts[-1].label == "矿山安全执法完成率"
    assert card.parts[-1].contribution == pytest.approx(9.0)
    assert card.score == sum(p.contribution for p in card.parts)  # 40 + 0 + 30 + 9 = 79
    assert card.score == pytest.approx(79.0)
    with pytest.raises(ValueError, match="no weight"):
        scorecard("A", lights("green"), reports(1, 1), rules, extra={"unknown": 1.0})


def test_blue_and_grey_are_neither_green_nor_red(rules: Rules) -> None:
    card = scorecard("A", lights("blue", "grey"), [], rules)
    assert [p.value for p in card.parts] == [0.0, 0.0, 0.0]  # nothing due → on-time share 0


def test_ranking_order_ties_and_explanations(rules: Rules) -> None:
    # B: 2/2 green → 40, 2/2 on time → 30: 70.
    # A and C tie: 1/2 green → 20, 0 red, 2/2 on time → 30: 50.  D: 1/2 red → −15, 0/2 → 0: −15.
    # Ranks 1, 2, 2, 4; A before C by key though C is given first.
    cards = [
        scorecard("D", lights("red", "yellow"), reports(0, 2), rules),
        scorecard("C", lights("green", "yellow"), reports(2, 2), rules),
        scorecard("B", lights("green", "green"), reports(2, 2), rules),
        scorecard("A", lights("yellow", "green"), reports(2, 2), rules),
    ]
    ranked = rank(cards)
    assert [(r.rank, r.owner_key) for r in ranked] == [(1, "B"), (2, "A"), (2, "C"), (4, "D")]
    assert [r.score for r in ranked] == pytest.approx([70.0, 50.0, 50.0, -15.0])
    for r in ranked:
        assert r.score == sum(p.contribution for p in r.scorecard.parts)
        for label in ("绿灯占比", "红灯占比", "按时报送率", "合计"):
            assert label in r.explanation
    assert ranked[3].explanation.endswith("合计 -15.0")


def test_floating_point_noise_does_not_break_a_tie(rules: Rules) -> None:
    # 0.1 + 0.2 ≠ 0.3 in floating point; such scores still tie.
    a = scorecard("A", [], [], rules, extra={"mine_safety_enforcement": 0.03})
    b = scorecard("B", [], [], rules, extra={"mine_safety_enforcement": 0.01 + 0.02})
    assert [r.rank for r in rank([b, a])] == [1, 1]


def test_weights_come_from_the_rules(rules: Rules) -> None:
    heavier = replace(rules, green=replace(rules.green, weight=60.0))
    assessments, record = lights("green", "red"), reports(1, 2)
    # 1/2 × 40 − 1/2 × 30 + 1/2 × 30 = 20 ; with 60: 30 − 15 + 15 = 30
    assert scorecard("A", assessments, record, rules).score == pytest.approx(20.0)
    assert scorecard("A", assessments, record, heavier).score == pytest.approx(30.0)
