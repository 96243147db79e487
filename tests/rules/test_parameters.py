"""Parameter files: wrong files are rejected with the file and the exact line; a parameter is
answered only on a date one of its values covers."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from policyledger.rules import ParameterExpired, ParameterFileError, load_parameters
from policyledger.rules.parameters import read_parameter_files

GOOD = """\
# a comment
reduction_target:
  title: 下降目标
  value: 14
  unit: "%"
  valid_from: 2021-01-01
  valid_until: 2025-12-31
  source:
    document: 渝府发〔2022〕39号
    clause: 二
    quote: 比2020年下降14%
"""


def write(tmp_path, text: str, name: str = "dual_control.yaml"):
    folder = tmp_path / "parameters"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def problems(tmp_path, text: str) -> list[str]:
    folder = write(tmp_path, text)
    _found, found_problems = read_parameter_files(sorted(folder.glob("*.yaml")), folder)
    return found_problems


def test_a_good_file_loads(tmp_path):
    params = load_parameters(write(tmp_path, GOOD))
    assert list(params) == ["dual_control.reduction_target"]
    parameter = params["dual_control.reduction_target"]
    assert parameter.title == "下降目标" and parameter.line == 2
    period = parameter.periods[0]
    assert (period.value, period.unit, period.source.clause) == (14, "%", "二")
    assert params.get("dual_control.reduction_target", on=dt.date(2023, 6, 30)) == 14


def test_duplicate_key_is_rejected_with_its_line(tmp_path):
    text = GOOD + "reduction_target:\n  value: 15\n"
    assert problems(tmp_path, text) == [
        "parameters/dual_control.yaml:12: duplicate key 'reduction_target'"
    ]


def test_duplicate_key_inside_a_value_is_rejected(tmp_path):
    text = GOOD.replace('  unit: "%"\n', '  unit: "%"\n  value: 15\n')
    assert problems(tmp_path, text) == ["parameters/dual_control.yaml:6: duplicate key 'value'"]


def test_wrong_date_is_rejected_with_its_line(tmp_path):
    assert problems(tmp_path, GOOD.replace("2021-01-01", "bad-date")) == [
        "parameters/dual_control.yaml:6: 'bad-date' is not a date (YYYY-MM-DD)"
    ]
    assert problems(tmp_path, GOOD.replace("2025-12-31", "2025-13-01")) == [
        "parameters/dual_control.yaml:7: '2025-13-01' is not a date (YYYY-MM-DD)"
    ]


def test_valid_until_before_valid_from_is_rejected(tmp_path):
    text = GOOD.replace("2021-01-01", "2025-01-01").replace("2025-12-31", "2021-01-01")
    assert problems(tmp_path, text) == [
        "parameters/dual_control.yaml:7: valid_until 2021-01-01 is before valid_from 2025-01-01"
    ]


def test_missing_source_is_rejected_at_the_parameter(tmp_path):
    text = GOOD.split("  source:")[0]
    assert problems(tmp_path, text) == [
        "parameters/dual_control.yaml:2: parameter 'reduction_target' has no source "
        "(document and clause)"
    ]


def test_source_without_clause_is_rejected(tmp_path):
    text = GOOD.replace("    clause: 二\n", "")
    assert problems(tmp_path, text) == [
        "parameters/dual_control.yaml:2: parameter 'reduction_target' has no source "
        "(document and clause)"
    ]


def test_missing_source_in_a_list_of_values_names_the_item(tmp_path):
    text = """\
    base_year:
      values:
        - value: 2020
          unit: 年
          valid_from: 2021-01-01
          valid_until: 2025-12-31
          source: {document: 渝府发〔2022〕39号, clause: 二}
        - value: 2025
          unit: 年
          valid_from: 2026-01-01
    """
    assert problems(tmp_path, text) == [
        "parameters/dual_control.yaml:8: parameter 'base_year' has no source (document and clause)"
    ]


def test_other_mistakes_are_one_line_each(tmp_path):
    cases = {
        GOOD.replace("valid_from", "vaild_from"): "dual_control.yaml:6: parameter "
        "'reduction_target': unknown field 'vaild_from'",
        GOOD.replace('  unit: "%"\n', ""): "dual_control.yaml:4: parameter 'reduction_target': "
        "the number 14 has no unit",
        GOOD.replace("reduction_target:", "Reduction-Target:"): "dual_control.yaml:2: "
        "parameter key 'Reduction-Target'",
        GOOD + "  : [\n": "dual_control.yaml:12: not valid YAML",
        GOOD.replace("  title: 下降目标\n", "  allowed: [10, 12]\n"): "dual_control.yaml:4: "
        "parameter 'reduction_target': '14' is not one of the allowed values (10, 12)",
    }
    for text, expected in cases.items():
        found = problems(tmp_path, text)
        assert len(found) == 1 and found[0].startswith("parameters/" + expected), found


def test_a_title_belongs_to_the_parameter_not_to_one_of_its_values(tmp_path):
    text = """\
    x:
      values:
        - {value: 1, unit: 个, valid_from: 2021-01-01, source: {document: D, clause: 一}}
        - title: 标题
          value: 2
    """
    assert problems(tmp_path, text) == [
        "parameters/dual_control.yaml:4: parameter 'x': unknown field 'title' (expected value, "
        "unit, valid_from, valid_until, source, note)"
    ]


def test_overlapping_periods_are_rejected(tmp_path):
    text = """\
    x:
      values:
        - {value: 1, unit: 个, valid_from: 2021-01-01, valid_until: 2023-12-31, source: {document: D, clause: 一}}
        - {value: 2, unit: 个, valid_from: 2023-06-30, source: {document: D, clause: 一}}
    """
    (problem,) = problems(tmp_path, text)
    assert problem.startswith(
        "parameters/dual_control.yaml:4: parameter 'x': the value from "
        "2023-06-30 overlaps the value valid 2021-01-01 to 2023-12-31"
    )


def test_every_problem_of_a_file_is_reported(tmp_path):
    text = GOOD + GOOD.replace("reduction_target", "other").replace("2021-01-01", "someday")
    text = text.replace("    clause: 二\n", "", 1)
    found = problems(tmp_path, text)
    assert len(found) == 2
    assert found[0].endswith("parameter 'reduction_target' has no source (document and clause)")
    assert found[1] == "parameters/dual_control.yaml:16: 'someday' is not a date (YYYY-MM-DD)"


def test_loading_a_bad_folder_raises_the_first_problem(tmp_path):
    folder = write(tmp_path, GOOD.replace("2021-01-01", "bad-date"))
    with pytest.raises(ParameterFileError, match=r"^parameters/dual_control.yaml:6: "):
        load_parameters(folder)


def test_the_value_valid_on_a_date_is_answered(tmp_path):
    text = """\
    target:
      values:
        - {value: 14, unit: "%", valid_from: 2021-01-01, valid_until: 2025-12-31, source: {document: A, clause: 二}}
        - {value: 12, unit: "%", valid_from: 2026-01-01, valid_until: 2030-12-31, source: {document: B, clause: 二}}
    """
    params = load_parameters(write(tmp_path, text))
    assert params.get("dual_control.target", on=dt.date(2025, 12, 31)) == 14
    assert params.get("dual_control.target", on=dt.date(2026, 1, 1)) == 12
    assert params.period("dual_control.target", dt.date(2028, 1, 1)).source.document == "B"


def test_a_date_after_the_last_value_is_an_error_not_a_reuse(tmp_path):
    params = load_parameters(write(tmp_path, GOOD))
    with pytest.raises(ParameterExpired) as raised:
        params.get("dual_control.reduction_target", on=dt.date(2026, 3, 31))
    assert str(raised.value) == (
        "parameter 'dual_control.reduction_target' has no value on 2026-03-31: its values "
        "are valid 2021-01-01 to 2025-12-31"
    )
    assert raised.value.key == "dual_control.reduction_target"


def test_a_date_before_the_first_value_is_an_error(tmp_path):
    params = load_parameters(write(tmp_path, GOOD.replace("  valid_until: 2025-12-31\n", "")))
    with pytest.raises(
        ParameterExpired, match="no value on 2020-12-31: its values are valid from 2021-01-01"
    ):
        params.get("dual_control.reduction_target", on=dt.date(2020, 12, 31))
    assert params.get("dual_control.reduction_target", on=dt.date(2040, 1, 1)) == 14
