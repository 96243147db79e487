"""The Excel template: one row per owned target, locked target columns, validated fill-in
cells, instructions, and the body it is for."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from policyledger.reporting import ReportFileError, write_template
from policyledger.reporting.columns import COLUMNS, column_key, format_target
from policyledger.reporting.template import PROP_BODY_ID
from policyledger.storage.queries import find_body, owners_of, targets_owned_by
from tests.reporting.helpers import LETTER, target


def test_template_for_swj_has_one_row_per_owned_target(ingested, tmp_path):
    path = tmp_path / "swj.xlsx"
    with ingested.session() as s:
        body = find_body(s, "市商务委")
        owned = targets_owned_by(s, body)
        written = write_template(s, body, path)
        ev = target(s, "新能源汽车产量")
    assert written == len(owned) == 31
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == [c.zh for c in COLUMNS]
    assert [c.value for c in sheet[2]] == [c.key for c in COLUMNS]
    ids = [sheet.cell(r, 1).value for r in range(3, 3 + written)]
    assert ids == [t.lineage for t in owned]
    assert sheet.cell(3 + written, 1).value is None
    row = 3 + ids.index(ev.lineage)
    assert [
        sheet[f"{LETTER[k]}{row}"].value for k in ("metric", "unit", "target", "target_year")
    ] == ["新能源汽车产量", "万辆", "≥ 100", 2025]
    assert "节能减排" in sheet[f"{LETTER['plan']}{row}"].value
    assert sheet[f"{LETTER['clause']}{row}"].value == "三/四/3"
    # the header is frozen, the target columns locked, the fill-in columns open
    assert sheet.freeze_panes == "A3"
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet[f"A{row}"].protection.locked and sheet[f"H{row}"].protection.locked
    for key in ("period", "value", "note", "source_url"):
        assert not sheet[f"{LETTER[key]}{row}"].protection.locked
    assert sheet.column_dimensions["D"].width >= 20
    # data validations on the fill-in cells
    rules = {dv.type: dv for dv in sheet.data_validations.dataValidation}
    assert set(rules) == {"custom", "decimal"}
    assert f"{LETTER['period']}{row}" in rules["custom"].sqref
    assert "LEN" in rules["custom"].formula1 and "2024-Q3" in rules["custom"].prompt
    decimal = [dv for dv in sheet.data_validations.dataValidation if dv.type == "decimal"]
    assert any(f"{LETTER['value']}{row}" in dv.sqref for dv in decimal)
    assert all(
        dv.showErrorMessage and dv.showInputMessage for dv in sheet.data_validations.dataValidation
    )
    # instructions, and the body the template is for
    assert workbook.sheetnames[1] == "说明 instructions"
    text = "\n".join(str(c.value) for c in workbook["说明 instructions"]["A"] if c.value)
    assert "市商务委" in text and "报告期" in text and "累计变化" in text
    props = {p.name: p.value for p in workbook.custom_doc_props}
    assert props[PROP_BODY_ID] == "cq.sww"


def test_plan_filter_and_period_list(ingested, tmp_path):
    path = tmp_path / "trade.xlsx"
    with ingested.session() as s:
        body = find_body(s, "市商务委")
        trade = [t for t in targets_owned_by(s, body) if "外贸高质量发展" in t.plan.name]
        written = write_template(
            s, body, path, plan="外贸高质量发展", periods=["2024", "2024年第三季度"]
        )
    assert written == len(trade) == 28
    sheet = load_workbook(path).worksheets[0]
    plans = {sheet.cell(r, 2).value for r in range(3, 3 + written)}
    assert len(plans) == 1 and "外贸高质量发展" in plans.pop()
    (period,) = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert period.formula1 == '"2024,2024-Q3"'


def test_a_long_period_list_goes_to_a_hidden_sheet(ingested, tmp_path):
    path = tmp_path / "monthly.xlsx"
    months = [f"{y}-{m:02d}" for y in (2022, 2023, 2024) for m in range(1, 13)]
    with ingested.session() as s:
        write_template(s, find_body(s, "市商务委"), path, periods=months)
    workbook = load_workbook(path)
    (period,) = [
        dv for dv in workbook.worksheets[0].data_validations.dataValidation if dv.type == "list"
    ]
    assert period.formula1 == "'lists'!$A$1:$A$36"
    assert workbook["lists"].sheet_state == "hidden" and workbook["lists"]["A36"].value == "2024-12"


def test_change_targets_say_what_to_enter(ingested, tmp_path):
    path = tmp_path / "change.xlsx"
    with ingested.session() as s:
        water = target(s, "万元工业增加值用水量")
        body = owners_of(s, water)[0][0]
        write_template(s, body, path)
    sheet = load_workbook(path).worksheets[0]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == water.lineage)
    assert sheet[f"{LETTER['target']}{row}"].value == "下降 15"
    assert sheet[f"{LETTER['baseline']}{row}"].value == "2020"
    cell = f"{LETTER['value']}{row}"
    (rule,) = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert rule.type == "decimal" and "累计变化" in rule.prompt and "negative" in rule.prompt
    assert "累计变化" in sheet[f"{LETTER['value']}1"].comment.text


def test_a_district_gets_its_targets(ingested, tmp_path):
    with ingested.session() as s:
        district = find_body(s, "渝中区")
        assert (
            write_template(s, district, tmp_path / "yz.xlsx")
            == len(targets_owned_by(s, district))
            > 0
        )


def test_format_target():
    assert format_target(">=", 14.0, "decrease", False) == "下降 14"
    assert format_target(">=", 1.0, None, False) == "≥ 1"
    assert format_target("<=", 6.0, None, False) == "≤ 6"
    assert format_target(">=", 10.0, None, True) == "每年 ≥ 10"
    assert format_target(">=", 4.32, "increase", True) == "年均 增长 4.32"


def test_header_cells_are_recognised_in_either_language():
    assert column_key("目标编号 target id") == "target_id"
    assert column_key("target_id") == "target_id"
    assert column_key("\ufeffTarget ID") == "target_id"
    assert column_key("数值 value（%）") == "value"
    assert column_key("报告期") == "period"
    assert column_key("Source URL") == "source_url"
    assert column_key("something else") is None and column_key(None) is None


def test_an_unwritable_path_gives_one_line(ingested, tmp_path):
    with ingested.session() as s, pytest.raises(ReportFileError) as caught:
        write_template(s, find_body(s, "市商务委"), tmp_path / "no-such-folder" / "t.xlsx")
    assert str(caught.value).startswith("t.xlsx: cannot write the template")
    assert not list(tmp_path.iterdir())
