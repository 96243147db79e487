"""The energy pack's results from stored records (the synthetic fixture): the barometer levels of
all eight quarters match the fixture's design, a few worked by hand from the CSV's figures; the
budget for a whole year; the "两高" flags; key-unit coverage; pollutant progress; and a period
after the plan's parameters end is an error in its block, not a silent reuse."""

from __future__ import annotations

import datetime as dt

import pytest

from policyledger.packdata import import_records
from policyledger.packs.energy import pack
from policyledger.packs.energy.results import energy_periods, energy_results, parse_choice
from policyledger.packs.energy.synthetic import load_synthetic
from tests.packdata.helpers import ENERGY_HEADER, write_rows

# The designed levels (synthetic/README.md): 2023 Q1…Q4, then 2024 Q1…Q4.
DESIGN = {
    "渝中区": "GGGG GGGG",
    "江北区": "GGYG GGGG",
    "沙坪坝区": "YYGG YGGG",
    "九龙坡区": "GYYY GGYG",
    "南岸区": "RYYG GGGG",
    "北碚区": "GGGG RRYY",
    "渝北区": "YGGG GGGG",
    "巴南区": "GGGR YYGG",
    "长寿区": "RRYY YGGG",
    "涪陵区": "GGGG GYRY",
}
LEVEL = {"R": 1, "Y": 2, "G": 3}
QUARTERS = [f"{y}-Q{q}" for y in (2023, 2024) for q in (1, 2, 3, 4)]


@pytest.fixture
def energy_ledger(db):
    with db.session() as session:
        load_synthetic(session, actor="test")
    return db


def _results(database, label: str):
    with database.session() as session:
        choice = next(c for c in energy_periods(session) if c.label == label)
        return energy_results(session, choice)


def test_the_periods_are_the_eight_quarters_with_a_year_before(energy_ledger):
    with energy_ledger.session() as session:
        labels = [c.label for c in energy_periods(session)]
    assert labels == QUARTERS[::-1]  # 2022 has no 2021 to compare with; 2020 is the base


def test_every_level_of_the_fixture_matches_its_design(energy_ledger):
    found = {name: "" for name in DESIGN}
    for label in QUARTERS:
        results = _results(energy_ledger, label)
        assert results.barometer_error is None and results.synthetic
        levels = {d.district: d.level for d in results.districts}
        assert set(levels) == set(DESIGN), label
        for name in DESIGN:
            found[name] += "RYG"[levels[name] - 1]
    assert found == {name: design.replace(" ", "") for name, design in DESIGN.items()}


def test_levels_worked_by_hand(energy_ledger):
    # 南岸区 2023 Q1 (no deductions): 51.61 / 203.64 = 0.253437 t/万元 against
    # 47.96 / 193.03 = 0.248459 a year before: 1 − 0.253437 / 0.248459 = −2.00 %, a rise → 一级.
    q1 = {d.district: d.result for d in _results(energy_ledger, "2023-Q1").districts}
    assert q1["南岸区"].level == 1 and q1["南岸区"].colour == "red"
    assert q1["南岸区"].intensity == pytest.approx(0.253437, abs=1e-6)
    assert q1["南岸区"].reduction_vs_previous == pytest.approx(-2.0038, abs=1e-4)

    # 长寿区 2024 Q1–Q4, feedstock deducted: (1158.57 − 150.80) / 888.47 = 1.134276 against
    # (1144.48 − 145.60) / 836.60 = 1.193976: a fall of 5.00 %; its own target 16 % makes the
    # year's requirement 1 − (1 − 12.8 %) / (1 − 9.6 %) = 3.54 % → met → 三级; since 2020
    # ((1051.60 − 130.00) / 720.00 = 1.279999): 11.38 %.
    year = {d.district: d for d in _results(energy_ledger, "2024-Q4").districts}
    changshou = year["长寿区"].result
    assert changshou.level == 3
    assert changshou.intensity == pytest.approx(1.134276, abs=1e-6)
    assert changshou.reduction_vs_previous == pytest.approx(5.0001, abs=1e-4)
    assert changshou.reduction_vs_base == pytest.approx(11.3847, abs=1e-4)
    assert changshou.required_reduction == pytest.approx(3.5398, abs=1e-4)

    # 北碚区 2024 Q1–Q4: 330.06 / 825.10 = 0.400024 against 314.34 / 774.01 = 0.406119: a fall
    # of 1.50 %, short of the city's 1 − (1 − 11.2 %) / (1 − 8.4 %) = 3.06 % → 二级.
    beibei = year["北碚区"].result
    assert beibei.level == 2 and beibei.colour == "yellow"
    assert beibei.reduction_vs_previous == pytest.approx(1.5007, abs=1e-4)
    assert beibei.required_reduction == pytest.approx(3.0568, abs=1e-4)

    # 涪陵区 2024 Q1–Q3, feedstock and the national major project deducted:
    # (987.95 − 34.34 − 26.64) / 1133.43 = 0.817845 against
    # (916.40 − 33.15 − 26.64) / 1066.26 = 0.803378: a rise of 1.80 % → 一级.
    fuling = {d.district: d.result for d in _results(energy_ledger, "2024-Q3").districts}["涪陵区"]
    assert fuling.level == 1
    assert fuling.reduction_vs_previous == pytest.approx(-1.8007, abs=1e-4)


def test_the_budget_is_set_for_a_whole_year_only(energy_ledger):
    year = {d.district: d for d in _results(energy_ledger, "2024-Q4").districts}
    assert all(d.budget is not None for d in year.values())
    # 北碚区 grew 6.6 % (825.10 / 774.01 − 1), more than its 6 % target: the budget is raised
    assert year["北碚区"].budget.adjusted
    assert year["北碚区"].budget.gdp_growth_actual == pytest.approx(6.6007, abs=1e-4)
    # 南岸区 grew 5.7 %: not raised
    assert not year["南岸区"].budget.adjusted
    q3 = _results(energy_ledger, "2024-Q3")
    assert all(d.budget is None for d in q3.districts)


def test_two_high_flags_key_units_and_pollutants(energy_ledger):
    results = _results(energy_ledger, "2024-Q4")
    outcome = results.two_high
    assert (outcome.listed, outcome.key_guidance, outcome.unapproved_start) == (13, 11, 4)
    by_code = {p.record.code[-6:]: p.finding for p in results.projects}
    flagged = {code for code, finding in by_code.items() if finding.unapproved_start}
    assert flagged == {"100002", "100005", "100010", "100011"}
    assert by_code["100003"].key_guidance  # exactly 5,000 tce: "及以上"
    assert by_code["100004"].on_list and not by_code["100004"].key_guidance  # 4,999 tce
    assert not by_code["100008"].on_list  # a data centre is not a "两高" sector
    assert by_code["100012"].notes == ["节能审查批复日期未填，无法判断是否先批后建"]
    assert results.projects[0].finding.unapproved_start  # flagged projects first

    city = results.units[-1]
    assert city.district == "全市" and results.unit_year == 2024
    assert (city.result.key_units, city.result.monitored, city.result.reported) == (17, 12, 15)
    assert city.result.monitoring_coverage == pytest.approx(12 / 17 * 100)
    assert set(city.result.not_key) == {
        "示例物流园有限公司",
        "示例电子有限公司",
        "示例机场有限公司",
    }

    progress = {p.pollutant: p for p in results.pollutants.pollutants}
    assert progress["cod"].achieved == pytest.approx(2.36)
    assert progress["cod"].behind and progress["vocs"].behind
    assert not progress["nox"].behind and not progress["ammonia_nitrogen"].behind
    assert progress["cod"].expected == pytest.approx(80.0)


def test_a_period_after_the_plan_is_an_error_in_its_block(db, tmp_path):
    rows = [["渝中区", year, 1, 400 + year - 2020, 60, None] for year in (2020, 2025, 2026)]
    path = write_rows(tmp_path / "late.csv", ENERGY_HEADER, rows)
    with db.session() as session:
        import_records(session, pack, "district_energy", path, actor="test")
    with db.session() as session:
        labels = [c.label for c in energy_periods(session)]
        assert labels == ["2026-Q1"]
        results = energy_results(session, parse_choice("2026-Q1", dt.date(2026, 3, 31)))
    assert results.districts == []
    assert results.barometer_error == (
        "parameter 'dual_control.base_year' has no value on 2026-03-31: its values are valid "
        "2021-01-01 to 2025-12-31"
    )


def test_a_district_without_its_base_year_says_so(db, tmp_path):
    rows = [["渝中区", 2023, 2, 700, 110, None], ["渝中区", 2024, 2, 740, 112, None]]
    path = write_rows(tmp_path / "short.csv", ENERGY_HEADER, rows)
    with db.session() as session:
        import_records(session, pack, "district_energy", path, actor="test")
    with db.session() as session:
        results = energy_results(session, parse_choice("2024-Q2", dt.date(2024, 6, 30)))
    (line,) = results.districts
    assert line.level is None and not results.synthetic
    assert line.problem == "渝中区: no row for 2020 1—2季度 (base)"
