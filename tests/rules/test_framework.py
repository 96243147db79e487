"""The rule framework: registration refuses rules without a clause, packs are found through
entry points (the built-in energy pack and a third-party one), inputs are checked field by
field, and case files are checked and run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from importlib.metadata import EntryPoint
from typing import Annotated

import pytest

from policyledger.rules import (
    GROUP,
    CaseFileError,
    Pack,
    PackError,
    ParameterView,
    RuleDefinitionError,
    RuleInputError,
    UnknownParameter,
    build,
    cite,
    describe,
    discover_packs,
    find_rule,
    label,
    load_cases,
    rule,
    run_case,
)
from policyledger.rules import packs as packs_module
from policyledger.rules.yamlio import loads_yaml
from tests.rules.sample_pack import Amount, Doubled


def test_entry_points_find_the_energy_pack():
    points = {p.name: p.value for p in packs_module.entry_points(group=GROUP)}
    assert points["energy"] == "policyledger.packs.energy:pack"
    packs = {p.name: p for p in discover_packs()}
    energy = packs["energy"]
    assert {r.id for r in energy.rules} == {
        "energy.intensity",
        "energy.pro_rata",
        "energy.budget",
        "energy.barometer",
        "energy.two_high",
        "energy.key_units",
        "energy.pollutants",
    }
    assert energy.problems() == []
    assert find_rule("energy.barometer")[1].title_en.startswith("Quarterly")


def test_every_rule_of_every_pack_cites_a_clause_and_declares_known_parameters():
    for pack in discover_packs():
        for r in pack.rules:
            assert r.citations, r.id
            for c in r.citations:
                assert c.document.strip() and c.clause.strip(), r.id
            assert r.doc, r.id
            for key in r.parameters:
                assert key in pack.parameters, f"{r.id}: {key}"


@pytest.fixture
def with_sample_pack(monkeypatch):
    real = packs_module.entry_points

    def fake(group):
        return [*real(group=group), EntryPoint("sample", "tests.rules.sample_pack:pack", group)]

    monkeypatch.setattr(packs_module, "entry_points", fake)


def test_a_third_party_pack_is_found_and_its_cases_run(with_sample_pack):
    packs = {p.name: p for p in discover_packs()}
    assert set(packs) >= {"energy", "sample"}
    cases = load_cases(packs["sample"])
    assert [c.id for c in cases] == ["sample/scaled.yaml/doubles", "sample/scaled.yaml/expired"]
    assert [run_case(c) for c in cases] == [[], []]
    assert packs["sample"].run("sample.scaled", {"amount": 1.5}, dt.date(2024, 1, 1)) == Doubled(3)


def test_a_broken_pack_is_one_line(monkeypatch):
    monkeypatch.setattr(
        packs_module,
        "entry_points",
        lambda group: [EntryPoint("broken", "no_such_module_xyz:pack", group)],
    )
    with pytest.raises(
        PackError,
        match=r"^pack 'broken' \(no_such_module_xyz:pack\) cannot be "
        "loaded: ModuleNotFoundError",
    ):
        discover_packs()


def test_a_rule_without_a_clause_cannot_be_registered():
    with pytest.raises(RuleDefinitionError, match="has no clause citation"):

        @rule("sample.nothing", zh="无", en="Nothing", cites=[])
        def nothing(inputs: Amount, p: ParameterView) -> Doubled:
            """Nothing."""
            return Doubled(0)

    with pytest.raises(RuleDefinitionError, match="document number and a clause path"):

        @rule("sample.blank", zh="无", en="Blank", cites=[cite("示例〔2024〕1号", " ")])
        def blank(inputs: Amount, p: ParameterView) -> Doubled:
            """Blank."""
            return Doubled(0)


def test_rule_definitions_are_checked():
    with pytest.raises(RuleDefinitionError, match="input type must be a dataclass"):

        @rule("sample.untyped", zh="无", en="Untyped", cites=[cite("D", "一")])
        def untyped(inputs: dict, p: ParameterView) -> Doubled:
            """Untyped."""
            return Doubled(0)

    with pytest.raises(RuleDefinitionError, match=re.escape("'pack.name'")):

        @rule("NoPack", zh="无", en="Bad id", cites=[cite("D", "一")])
        def bad_id(inputs: Amount, p: ParameterView) -> Doubled:
            """Bad id."""
            return Doubled(0)


def test_a_rule_reads_only_the_parameters_it_declares(with_sample_pack):
    sample = {p.name: p for p in discover_packs()}["sample"]

    @rule("sample.sneaky", zh="偷读", en="Sneaky", cites=[cite("D", "一")])
    def sneaky(inputs: Amount, p: ParameterView) -> Doubled:
        """Reads a parameter it did not declare."""
        return Doubled(p["factors.factor"])

    with pytest.raises(UnknownParameter, match="does not declare it"):
        sneaky.run({"amount": 1}, on=dt.date(2024, 6, 1), parameters=sample.parameters)


def test_a_pack_refuses_foreign_or_duplicate_rule_ids(tmp_path):
    from tests.rules.sample_pack import scaled

    with pytest.raises(RuleDefinitionError, match=re.escape("must start with 'other.'")):
        Pack("other", "别", "Other", "1", (scaled,), tmp_path)
    with pytest.raises(RuleDefinitionError, match="registered twice"):
        Pack("sample", "示例", "Sample", "1", (scaled, scaled), tmp_path)


@dataclasses.dataclass(frozen=True)
class Row:
    when: Annotated[dt.date, label("日期")]
    count: Annotated[int, label("数量", "个")]
    ok: Annotated[bool, label("是否")] = False
    share: Annotated[float | None, label("比例", "%")] = None


@dataclasses.dataclass(frozen=True)
class Rows:
    rows: Annotated[list[Row], label("行")] = dataclasses.field(default_factory=list)


def test_inputs_are_converted_and_errors_name_the_field_and_line():
    data = loads_yaml("rows:\n  - {when: 2023-01-02, count: '1,200', ok: 是}\n", "t.yaml")
    assert build(Rows, data) == Rows([Row(dt.date(2023, 1, 2), 1200, True)])
    bad = loads_yaml(
        "rows:\n  - {when: 2023-01-02, count: 1}\n  - {when: soon, count: 1}\n", "t.yaml"
    )
    with pytest.raises(
        RuleInputError,
        match=r"^t.yaml:3: inputs.rows\[1\].when: 'soon' is "
        r"not a date",
    ):
        build(Rows, bad)
    with pytest.raises(RuleInputError, match=r"inputs.rows\[0\].count \(数量\): missing"):
        build(Rows, {"rows": [{"when": "2023-01-02"}]})
    with pytest.raises(RuleInputError, match=r"inputs.rows\[0\].cnt: unknown field"):
        build(Rows, {"rows": [{"when": "2023-01-02", "count": 1, "cnt": 2}]})
    with pytest.raises(RuleInputError, match=re.escape("'1.5' is not a whole number")):
        build(Row, {"when": "2023-01-02", "count": 1.5})


def test_fields_are_described_for_templates():
    fields = {f.name: f for f in describe(Row)}
    assert (fields["count"].zh, fields["count"].unit, fields["count"].required) == (
        "数量",
        "个",
        True,
    )
    assert fields["share"].nullable and not fields["share"].required


def test_case_files_are_checked(tmp_path):
    from tests.rules.sample_pack import scaled

    (tmp_path / "parameters").mkdir()
    (tmp_path / "cases").mkdir()
    pack = Pack("sample", "示例", "Sample", "1", (scaled,), tmp_path)
    bad = {
        "- name: x\n  rule: sample.scaled\n  date: 2024-01-01\n  inputs: {}\n  expected: {}\n": "cases/c.yaml:1: the case has no working",
        "- name: X Y\n  rule: sample.scaled\n  date: 2024-01-01\n  inputs: {}\n  working: w\n"
        "  expected: {}\n": "cases/c.yaml:1: case name 'X Y'",
        "- name: x\n  rule: sample.other\n  date: 2024-01-01\n  inputs: {}\n  working: w\n"
        "  expected: {}\n": "cases/c.yaml:2: pack sample has no rule sample.other",
        "- name: x\n  rule: sample.scaled\n  date: 2024-01-01\n  inputs: {}\n  working: w\n": "cases/c.yaml:1: case 'x' needs either expected or error",
        "- name: x\n  rule: sample.scaled\n  date: someday\n  inputs: {}\n  working: w\n"
        "  expected: {}\n": "cases/c.yaml:3: 'someday' is not a date",
    }
    for text, message in bad.items():
        (tmp_path / "cases" / "c.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(CaseFileError) as raised:
            load_cases(pack)
        assert str(raised.value).startswith(message), str(raised.value)


def test_a_wrong_expectation_is_reported_with_its_line():
    (case,) = [
        c for c in load_cases(find_rule("energy.two_high")[0]) if c.name == "exactly-5000-tce"
    ]
    expected = dict(case.expected)
    expected["key_guidance"] = 0
    expected["nonsense"] = 1
    problems = run_case(dataclasses.replace(case, expected=expected))
    assert "expected.key_guidance: expected 0, got 1 (difference 1 > tolerance 1e-09)" in problems
    assert any("the rule has no output 'nonsense'" in p for p in problems)
