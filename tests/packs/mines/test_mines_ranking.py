"""The SYNTHETIC registry (≥ 30 mines, ≥ 6 real districts, checks and hazards over three months)
produces a district ranking whose arithmetic this test re-derives on its own, from the raw
records: each component's value, its weight from the parameter file, value × weight, the sum,
the order and the shared ranks of ties."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from policyledger.packs.mines import pack
from policyledger.packs.mines.ledgers import RankingInput, month_bounds
from policyledger.packs.mines.synthetic import SYNTHETIC_DISTRICTS, synthetic_registry
from policyledger.registry.bodies import default_registry

YEAR, MONTH = 2024, 3
ON = dt.date(2024, 3, 31)
KEYS = [
    "enforcement",
    "closed_loop",
    "hazard_closure",
    "monitoring",
    "standardization",
    "mechanization",
    "large_medium",
    "informatization",
]


@pytest.fixture(scope="module")
def registry():
    return synthetic_registry(seed=2024)


def _share(done, due, cap=False, empty=1.0):
    if done is None or due is None:
        return 0.0
    if due == 0:
        return empty
    return min(done / due, 1.0) if cap else done / due


def _mechanized(m):
    flags = [m.mech_mining, m.mech_loading, m.mech_transport]
    if m.type == "underground":
        flags.append(m.mech_ventilation)
    return all(f is True for f in flags)


def _expected_values(reg, facts):
    """The eight component values of one district, computed here from the raw records."""
    first, last = month_bounds(YEAR, MONTH)
    body = default_registry().resolve(facts.district, jurisdiction="cq")
    mines = [
        m
        for m in reg.mines
        if default_registry().resolve(m.district, jurisdiction="cq") is body
        and m.status != "closed"
    ]
    ids = {m.id for m in mines}
    due = [h for h in reg.hazards if h.mine in ids and first <= h.deadline <= last]
    on_time = [h for h in due if h.closed is not None and h.closed <= h.deadline]
    mon = [0, 0]
    std = [0, 0]
    mech = [0, 0]
    size = [0, 0]
    info = [0, 0]
    for m in mines:
        if m.type == "open_pit":
            for height, monitored in (
                (m.slope_height, m.slope_online_monitoring),
                (m.dump_height, m.dump_online_monitoring),
            ):
                if height is None or height >= 200:
                    mon[1] += 1
                    mon[0] += height is not None and monitored is True
        if m.type == "tailings_pond" and m.status == "producing":
            mon[1] += 1
            mon[0] += m.tailings_online_monitoring is True
        if m.status == "producing":
            std[1] += 1
            std[0] += m.standardization in ("一级", "二级", "三级")
            if m.type != "tailings_pond" and m.size_class != "small":
                mech[1] += 1
                mech[0] += _mechanized(m)
        if m.status in ("construction", "producing"):
            if m.type != "tailings_pond":
                size[1] += 1
                size[0] += m.size_class in ("large", "medium")
            info[1] += 1
            info[0] += m.safety_info_system is True and m.video_monitoring is True
    share_lm = size[0] / size[1] * 100 if size[1] else None
    return {
        "enforcement": _share(facts.inspections_done, facts.inspections_planned, cap=True),
        "closed_loop": _share(facts.rectifications_reviewed, facts.violations, cap=True),
        "hazard_closure": _share(len(on_time), len(due)),
        "monitoring": _share(*mon),
        "standardization": _share(*std),
        "mechanization": _share(*mech),
        "large_medium": 1.0 if share_lm is None else min(share_lm / 60, 1.0),
        "informatization": _share(*info),
    }


def _competition_ranks(scores: dict[str, float]) -> list[tuple[int, str]]:
    ordered = sorted(scores, key=lambda d: (-round(scores[d], 9), d))
    out: list[tuple[int, str]] = []
    for position, district in enumerate(ordered, start=1):
        if out and round(scores[out[-1][1]], 9) == round(scores[district], 9):
            out.append((out[-1][0], district))
        else:
            out.append((position, district))
    return out


def _rank(reg, districts):
    inputs = RankingInput(YEAR, MONTH, districts, reg.mines, reg.hazards)
    return pack.run("mines.district_ranking", inputs, ON)


def test_the_fixture_is_synthetic_realistic_and_deterministic(registry):
    assert len(registry.mines) >= 30
    assert len({m.district for m in registry.mines}) >= 6
    for m in registry.mines:
        assert m.id.startswith("SYNTHETIC-") and m.name.startswith("合成")
        assert "SYNTHETIC" in m.enterprise
        body = default_registry().resolve(m.district, jurisdiction="cq")
        assert body is not None and body.kind == "district" and body.name == m.district
    assert {m.type for m in registry.mines} == {"open_pit", "underground", "tailings_pond"}
    assert len(registry.checks) > 1000 and len(registry.hazards) >= 30
    assert [(d.year, d.month) for d in registry.districts[:3]] == [(2024, 1), (2024, 2), (2024, 3)]
    assert synthetic_registry(seed=2024) == registry
    assert synthetic_registry(seed=7) != registry
    assert set(SYNTHETIC_DISTRICTS) == {m.district for m in registry.mines}


def test_the_ranking_arithmetic_rederived(registry):
    facts = registry.district_months(YEAR, MONTH)
    result = _rank(registry, facts)
    weights = {k: pack.parameters.get(f"ranking.weight_{k}", on=ON) for k in KEYS}
    assert sum(weights.values()) == 100
    scores = {}
    for row in result.districts:
        own = next(f for f in facts if f.district == row.district)
        expected = _expected_values(registry, own)
        assert [p.key for p in row.parts] == KEYS
        for part in row.parts:
            assert part.weight == weights[part.key], part.key
            assert part.value == pytest.approx(expected[part.key], abs=1e-12), (
                row.district,
                part.key,
            )
            assert part.contribution == pytest.approx(part.value * part.weight, abs=1e-12)
        total = sum(expected[k] * weights[k] for k in KEYS)
        assert row.score == pytest.approx(total, abs=1e-9)
        scores[row.district] = total
    assert len(scores) == len(SYNTHETIC_DISTRICTS)
    assert [(r.rank, r.district) for r in result.districts] == _competition_ranks(scores)
    assert all(0 <= s <= 100 for s in scores.values())


def test_a_tie_shares_its_rank(registry):
    """A clone of 万州区's mines, hazards and facts under 巫山县 scores exactly the same."""
    clone_mines = [
        dataclasses.replace(m, id=m.id + "-C", district="巫山县")
        for m in registry.mines
        if m.district == "万州区"
    ]
    ids = {m.id[:-2] for m in clone_mines}
    clone_hazards = [
        dataclasses.replace(h, id=h.id + "-C", mine=h.mine + "-C")
        for h in registry.hazards
        if h.mine in ids
    ]
    facts = registry.district_months(YEAR, MONTH)
    wanzhou = next(f for f in facts if f.district == "万州区")
    reg = dataclasses.replace(
        registry,
        mines=[*registry.mines, *clone_mines],
        hazards=[*registry.hazards, *clone_hazards],
    )
    result = _rank(reg, [*facts, dataclasses.replace(wanzhou, district="巫山县")])
    rows = {r.district: r for r in result.districts}
    assert rows["巫山县"].score == rows["万州区"].score
    assert rows["巫山县"].rank == rows["万州区"].rank
    names = [r.district for r in result.districts]
    assert names.index("万州区") + 1 == names.index("巫山县")  # ties listed by name
    after = names.index("巫山县") + 1
    if after < len(names):
        assert result.districts[after].rank == rows["万州区"].rank + 2


def test_each_rank_is_explained(registry):
    result = _rank(registry, registry.district_months(YEAR, MONTH))
    for row in result.districts:
        assert row.explanation.endswith(f"合计 {row.score:.1f}")
        for part in row.parts:
            assert part.label in row.explanation
            assert part.source.startswith("渝府办发〔2022〕105号")
    assert result.clause == "渝府办发〔2022〕105号 二、（三）2"
    assert result.unassigned_mines == []


def test_blacklisted_enterprises_are_marked(registry):
    result = _rank(registry, registry.district_months(YEAR, MONTH))
    marked = {name for row in result.districts for name in row.blacklisted}
    expected = {
        f"{m.enterprise}（{m.name}）"
        for m in registry.mines
        if m.blacklisted and m.status != "closed"
    }
    assert marked == expected and expected
