"""The worked example of docs/rules.md: its inputs are the case ``worked-example`` of the
energy pack, and every result in its table is what the rules compute (so the document, the case
and the rules cannot drift apart)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from policyledger.packs.energy import pack
from policyledger.rules import load_cases, to_plain

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
MARKER = "<!-- worked-example: energy/barometer.yaml/worked-example -->"
ROW = re.compile(
    r"^\|(?P<step>[^|]*)\|(?P<arithmetic>[^|]*)\|(?P<result>[^|]*)\|\s*`(?P<output>energy\.\w+\.\w+)`\s*\|$"
)


def _doc_inputs(text: str) -> dict:
    after = text[text.index(MARKER) + len(MARKER) :]
    block = re.match(r"\s*```yaml\n(.*?)```", after, re.S)
    assert block, "the worked example's inputs must follow the marker as a ```yaml block"
    return yaml.safe_load(block.group(1))


def _doc_results(text: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in text.splitlines():
        match = ROW.match(line.strip())
        if match:
            rows.append((match["step"].strip(), match["result"].strip(), match["output"]))
    return rows


def _case():
    (case,) = [c for c in load_cases(pack) if c.id == "energy/barometer.yaml/worked-example"]
    return case


def _plain(value):
    """YAML data as plain dicts and lists (the case file keeps line numbers)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_doc_inputs_are_the_case_inputs():
    text = DOC.read_text(encoding="utf-8")
    assert _doc_inputs(text) == _plain(_case().inputs)


def test_doc_results_are_what_the_rules_compute():
    text = DOC.read_text(encoding="utf-8")
    case = _case()
    inputs = _doc_inputs(text)
    on = dt.date(2023, 9, 30)
    assert case.on == on
    outputs = {
        "energy.intensity": to_plain(pack.run("energy.intensity", inputs, on)),
        "energy.barometer": to_plain(pack.run("energy.barometer", inputs, on)),
        "energy.pro_rata": to_plain(
            pack.run("energy.pro_rata", {"district": inputs["district"], "year": 2023}, on)
        ),
    }
    # the barometer's requirement is step 10, the pro-rata rule's yearly rate
    assert (
        outputs["energy.barometer"]["required_reduction"]
        == (outputs["energy.pro_rata"]["required_reduction_in_year"])
    )
    rows = _doc_results(text)
    assert len(rows) >= 12, "the worked example's table lost its rows"
    for step, shown, output in rows:
        rule_id, field = output.rsplit(".", 1)
        actual = outputs[rule_id][field]
        if re.fullmatch(r"-?\d+(\.\d+)?", shown):
            decimals = len(shown.split(".")[1]) if "." in shown else 0
            assert abs(actual - float(shown)) <= 0.5 * 10**-decimals + 1e-12, (
                f"docs/rules.md step '{step}' shows {shown}, the rule computes {actual}"
            )
        else:
            assert str(actual) == shown, f"docs/rules.md step '{step}': {shown} ≠ {actual}"


def test_doc_level_is_the_case_level():
    text = DOC.read_text(encoding="utf-8")
    levels = [r for r in _doc_results(text) if r[2] == "energy.barometer.level"]
    assert levels and int(levels[0][1]) == _case().expected["level"] == 2
