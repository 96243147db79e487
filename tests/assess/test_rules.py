"""The rules file: every entry has a source, the engine reads it, and the engine stays pure."""

from __future__ import annotations

import ast
import sys
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from policyledger.assess import STATUSES, TargetSpec, load_rules, scorecard
from policyledger.assess.rules import rule_tables

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "policyledger" / "assess"


def packaged_text() -> str:
    return resources.files("policyledger.assess").joinpath("rules.toml").read_text("utf-8")


def test_every_entry_has_a_source() -> None:
    tables = list(rule_tables(tomllib.loads(packaged_text())))
    assert len(tables) >= 13
    for name, table in tables:
        assert isinstance(table.get("source"), str) and table["source"].strip(), name


def test_defaults_from_the_design(rules) -> None:
    assert rules.blue_days == 90
    assert rules.report_due_days == 15
    assert rules.approx_tolerance == 0.05
    assert (rules.green.weight, rules.red.weight, rules.on_time.weight) == (40, -30, 30)
    assert {rules.colour(s) for s in STATUSES} == {"red", "yellow", "green", "grey"}
    assert rules.colour("off_track") == rules.colour("overdue") == "red"
    assert "629号" in rules.sources["warning.red"]
    # TargetSpec's default reporting frequency is the rules' default.
    plain = TargetSpec("k", 1, "家", None, ">=", date(2020, 12, 31), None)
    assert plain.frequency == rules.default_frequency


def test_default_rules_are_loaded_once() -> None:
    assert load_rules() is load_rules()


def test_changing_a_weight_in_a_copy_changes_the_score(tmp_path: Path, rules) -> None:
    copy = tmp_path / "rules.toml"
    copy.write_text(packaged_text().replace("weight = 40.0", "weight = 50.0"), encoding="utf-8")
    edited = load_rules(copy)
    assert edited.green.weight == 50.0
    # No targets and no reports: every share is 0, so use a pack measure to see its weight too.
    text = packaged_text().replace("weight = 10.0", "weight = 20.0")
    copy.write_text(text, encoding="utf-8")
    extra = {"mine_safety_enforcement": 1.0}
    assert scorecard("A", [], [], rules, extra).score == 10.0
    assert scorecard("A", [], [], load_rules(copy), extra).score == 20.0


def test_a_rule_without_source_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "rules.toml"
    text = packaged_text().replace(
        "source = \"design/assessment.md, 'Warning level': grey", 'source = "  "\n# grey'
    )
    copy.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[warning.grey\] has no source"):
        load_rules(copy)


def test_a_status_without_colour_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "rules.toml"
    copy.write_text(packaged_text().replace('statuses = ["behind"]', "statuses = []"), "utf-8")
    with pytest.raises(ValueError, match="behind"):
        load_rules(copy)


def test_engine_imports_only_the_standard_library_and_itself() -> None:
    allowed = set(sys.stdlib_module_names) | {"policyledger"}
    for module in PACKAGE.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, (module.name, name)
                if name.startswith("policyledger"):
                    assert name.startswith("policyledger.assess"), (module.name, name)
        # no file access besides reading the packaged rules (rules.py uses Path.open for a copy)
        calls = {
            n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        assert "open" not in calls and "print" not in calls, module.name
