"""The trade plan's checkable numbers: every quote of the insurance, indicator, region and
complaint parameters (and of the three rules) is in the clause of 渝府办发〔2022〕107号 it cites,
read from a ledger holding the sample gazette; the 一区两群 lists are the city's 38 districts,
each once; region figures summed from districts agree with sums recomputed here; bad figures
are one-line errors."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from policyledger.packs.trade import pack
from policyledger.packs.trade.clauses import NOTICE
from policyledger.registry import default_registry
from policyledger.rules import RuleInputError
from tests.packs.citation_checks import check_quotes

MY_FILES = ("insurance", "indicators", "regions", "complaints")
MY_RULES = ("trade.export_sme_class", "trade.indicators", "trade.complaints")
ON = dt.date(2025, 3, 31)
REGION_KEYS = ("central_urban", "new_main_urban", "northeast_group", "southeast_group")


def _my_citations() -> list[tuple[str, str, str, str]]:
    out = []
    for rule_id in MY_RULES:
        for c in pack.rule(rule_id).citations:
            out.append((rule_id, c.document, c.clause, c.quote))
    for key, parameter in pack.parameters.items():
        if key.split(".")[0] in MY_FILES:
            for period in parameter.periods:
                s = period.source
                where = f"{key} ({parameter.file}:{period.line})"
                out.append((where, s.document, s.clause, s.quote))
    return out


def test_every_quote_is_in_its_clause(ingested):
    with ingested.session() as session:
        assert check_quotes(session, _my_citations(), NOTICE) >= 30


def test_my_parameters_start_on_the_notice_date_and_open_readings_say_so():
    for key, parameter in pack.parameters.items():
        if key.split(".")[0] not in MY_FILES:
            continue
        for period in parameter.periods:
            assert period.valid_from == dt.date(2022, 9, 20), key
            assert period.note, f"{key}: a parameter of this pack explains its reading"
        if parameter.allowed:
            assert "interpretation" in parameter.periods[0].note.lower(), key
    assert pack.problems() == []


def test_regions_hold_the_38_districts_once_each():
    members = [
        name for code in REGION_KEYS for name in pack.parameters.get(f"regions.{code}", on=ON)
    ]
    assert len(members) == len(set(members)) == 38
    registry = {b.name for b in default_registry().districts() if b.kind == "district"}
    assert set(members) == registry


def _figure(scope: str, value: float, **changes) -> dict:
    row = {
        "indicator": "trade_total",
        "scope": scope,
        "year": 2024,
        "period": "year",
        "value": value,
        "unit": "亿元",
    }
    row.update(changes)
    return row


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_region_sums_agree_with_a_sum_done_here(seed):
    rng = random.Random(seed)
    groups = {code: pack.parameters.get(f"regions.{code}", on=ON) for code in REGION_KEYS}
    figures, expected = [], {}
    for code, names in groups.items():
        reported = [n for n in names if rng.random() < 0.8]
        values = {n: round(rng.uniform(0, 1500), 2) for n in reported}
        figures += [_figure(n, v) for n, v in values.items()]
        expected[code] = (sum(Decimal(str(v)) for v in values.values()), len(reported) < len(names))
    result = pack.run("trade.indicators", {"year": 2024, "figures": figures}, ON)
    rows = {row.scope: row for row in result.rows}
    for code in ("central_urban", "new_main_urban"):
        total, incomplete = expected[code]
        row = rows[code]
        assert Decimal(str(row.latest.value)) == total
        assert row.latest.bound == ("at_least" if incomplete else "exact")
        target = Decimal(str(row.target))
        if total > target:
            assert row.status == "met"
        else:
            assert row.status == ("unknown" if incomplete else "not_met")
    both = expected["northeast_group"][0] + expected["southeast_group"][0]
    assert Decimal(str(rows["county_groups"].latest.value)) == both


def test_a_part_year_figure_never_meets_a_target():
    figures = [
        _figure("全市", 99999, period=period, lower_bound=bound)
        for period, bound in (("2024Jan-Nov", False), ("2024H1", True))
    ]
    result = pack.run("trade.indicators", {"year": 2024, "figures": figures}, ON)
    row = result.rows[0]
    assert row.status == "partial_only" and row.latest is None
    assert [u.period for u in row.partial] == ["2024H1", "2024Jan-Nov"]
    assert result.met == 0


def test_a_region_figure_wins_over_its_districts_and_other_years_are_left_out():
    figures = [
        _figure("中心城区", 9000),
        _figure("渝中区", 100),
        _figure("渝中区", 5000, year=2023),
        _figure("全市", 20000, year=2025),
    ]
    result = pack.run("trade.indicators", {"year": 2024, "figures": figures}, ON)
    rows = {row.scope: row for row in result.rows}
    assert rows["central_urban"].latest.value == 9000
    assert rows["central_urban"].latest.made_from == []
    assert rows["全市"].status == "no_data"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"indicator": "trade_services"}, "figures[0].indicator: 'trade_services' is not one of"),
        ({"value": -1.5}, "figures[0].value: -1.5 is negative"),
        ({"unit": "万美元"}, "figures[0].unit: '万美元' is not 亿元 or billion yuan"),
    ],
)
def test_bad_figures_are_one_line_errors(change, message):
    with pytest.raises(RuleInputError) as raised:
        row = {**_figure("全市", 1), **change}
        pack.run("trade.indicators", {"year": 2024, "figures": [row]}, ON)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_the_same_figure_twice_is_refused():
    figures = [_figure("全市", 1), _figure("全市", 2)]
    with pytest.raises(RuleInputError, match=r"figures\[1\] repeats figures\[0\]"):
        pack.run("trade.indicators", {"year": 2024, "figures": figures}, ON)


def test_a_missing_field_names_the_field():
    with pytest.raises(RuleInputError, match=r"figures\[0\]\.unit"):
        row = _figure("全市", 1)
        del row["unit"]
        pack.run("trade.indicators", {"year": 2024, "figures": [row]}, ON)


def test_working_lines_explain_every_row_in_both_languages():
    result = pack.run(
        "trade.indicators",
        {"year": 2024, "figures": [_figure("全市", 10000), _figure("两江新区", 1)]},
        ON,
    )
    assert len(result.working) == len(result.working_en) == len(result.rows) + 1
    assert "10,000亿元" in result.working[0] and "未达到" in result.working[0]
    assert "not_met" in result.working_en[0]
    assert result.unassigned_districts == ["两江新区"]
