"""The mines pack's inputs and findings: labelled fields for templates, every fact optional, a
missing fact never a silent pass, every finding naming a clause its rule cites, and every rule
with worked cases."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from policyledger.packs.mines import MINE_RULES, pack
from policyledger.packs.mines.inputs import Mine, district_name, fact_label
from policyledger.packs.mines.ledgers import Hazard, HazardCheck
from policyledger.packs.mines.synthetic import synthetic_registry
from policyledger.rules import describe, load_cases
from policyledger.rules.cases import case_parameters

ON = dt.date(2024, 3, 31)
TYPES = ["open_pit", "underground", "tailings_pond", None]
STATUSES = ["construction", "producing", "suspended", "closed", None]


def test_fields_carry_labels_and_units_and_only_identity_is_required():
    fields = {f.name: f for f in describe(Mine)}
    assert [f.name for f in fields.values() if f.required] == ["id", "name"]
    assert all(f.zh for f in fields.values())
    assert (fields["slope_height"].zh, fields["slope_height"].unit) == ("边坡现状最大高度", "米")
    assert fields["annual_output"].unit == "万吨/年"
    assert fields["controller_onsite_days"].unit == "个工作日"
    assert fields["pond_capacity"].unit == "万立方米"
    assert fact_label("hoist_persons") == "单次提升人数"
    for cls in (Hazard, HazardCheck):
        assert all(f.zh for f in describe(cls))


def test_district_names_follow_the_body_registry():
    assert district_name("秀山县") == "秀山土家族苗族自治县"
    assert district_name("重庆市万州区") == "万州区"
    assert district_name("綦江县") == "綦江区"
    assert district_name("某某 区") == "某某区"
    assert district_name(None) is None


@pytest.mark.parametrize(("kind", "status"), list(itertools.product(TYPES, STATUSES)))
def test_a_mine_without_facts_never_passes(kind, status):
    mine = Mine(id="X", name="空白矿", type=kind, status=status)
    for r in MINE_RULES:
        for finding in r.run(mine, on=ON, parameters=pack.parameters).findings:
            assert finding.status in ("unknown", "not_applicable"), (r.id, finding)
            if finding.status == "unknown":
                assert finding.fix_zh.startswith("补充填报")


def test_every_finding_cites_a_clause_of_its_rule():
    registry = synthetic_registry(seed=11)
    for mine in registry.mines:
        report = pack.run("mines.compliance", mine, ON)
        for result in report.rules:
            rule = pack.rule(result.rule)
            cited = {c.cite() for c in rule.citations}
            for f in result.findings:
                assert f.clause in cited, (rule.id, f.check, f.clause)
                if f.status in ("fail", "advised"):
                    assert f.fix_zh and f.fix_en, (rule.id, f.check)
        order = ["fail", "unknown", "advised"]
        assert [order.index(a.status) for a in report.actions] == sorted(
            order.index(a.status) for a in report.actions
        )
        assert sum(report.counts.values()) == sum(len(r.findings) for r in report.rules)


def test_every_rule_has_cases_and_every_compliance_rule_each_outcome():
    cases = load_cases(pack)
    by_rule = {r.id: [c for c in cases if c.rule == r.id] for r in pack.rules}
    assert all(by_rule.values()), [k for k, v in by_rule.items() if not v]
    assert len(cases) >= 120
    for r in MINE_RULES:
        seen = set()
        for c in by_rule[r.id]:
            if c.expected:
                output = r.run(c.inputs, on=c.on, parameters=case_parameters(c))
                seen |= {f.status for f in output.findings}
        assert {"unknown", "not_applicable"} <= seen, r.id
        assert seen & {"fail", "advised"} and seen & {"pass", "advised"}, r.id


def test_rules_list_shows_every_mines_rule_with_its_clause(capsys):
    from policyledger import cli

    assert cli.main(["rules", "list", "--pack", "mines"]) == 0
    out = capsys.readouterr().out
    for r in pack.rules:
        assert f"  {r.id}  {r.title_zh}" in out
    assert out.count("条款: ") == len(pack.rules)
    assert "条款: 渝府办发〔2022〕105号 二、（四）1" in out
