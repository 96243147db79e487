"""The template of a pack's kind of record: Chinese headers with units and the English field
names, Excel validation for lists, yes/no, dates and numbers, an instructions sheet citing the
clauses, no example rows; filled in with openpyxl as a person would, it imports whole."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from policyledger.packdata import import_records, write_pack_template
from policyledger.packdata.kinds import INSTRUCTIONS_TITLE, LISTS_TITLE, SHEET_TITLE
from policyledger.reporting import ReportFileError
from policyledger.rules import PackError
from policyledger.storage.models import AuditLog, PackBatch, PackRecord
from tests.packdata.helpers import count, energy


def _validations(sheet) -> dict[str, tuple[str, str | None]]:
    """Column letter → (validation type, formula1) of the data sheet."""
    found = {}
    for rule in sheet.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            letter = cell_range.coord.split(":")[0].rstrip("0123456789")
            found[letter] = (rule.type, rule.formula1)
    return found


def test_the_district_template_is_headed_validated_and_explained(tmp_path):
    path = tmp_path / "district.xlsx"
    assert write_pack_template(energy, "district_energy", path) == 11
    book = load_workbook(path)
    assert book.sheetnames == [SHEET_TITLE, INSTRUCTIONS_TITLE, LISTS_TITLE]
    sheet = book[SHEET_TITLE]
    chinese = [c.value for c in sheet[1]]
    english = [c.value for c in sheet[2]]
    assert chinese[:5] == [
        "*区县",
        "*年份",
        "季度（自年初累计；全年留空）",
        "*地区生产总值（2020年不变价）（亿元）",
        "*能源消费总量（万吨标准煤）",
    ]
    assert english[:5] == ["district", "year", "quarter", "gdp", "total_energy"]
    assert "单位 unit：亿元" in sheet["D1"].comment.text
    assert sheet.max_row == 2 or all(
        cell.value is None for row in sheet.iter_rows(min_row=3) for cell in row
    )  # no example rows
    rules = _validations(sheet)
    assert rules["A"] == ("list", f"'{LISTS_TITLE}'!$A$1:$A$38")  # the registry's districts
    assert rules["B"][0] == "whole" and rules["C"] == ("whole", "1")
    assert rules["D"][0] == "decimal"
    assert book[LISTS_TITLE].sheet_state == "hidden" and book[LISTS_TITLE]["A4"].value == "渝中区"
    instructions = "\n".join(
        str(c.value) for c in book[INSTRUCTIONS_TITLE]["A"] if c.value is not None
    )
    assert "渝府发〔2022〕39号 四、（一）1" in instructions
    assert "加强节能形势的季度监测" in instructions
    assert "energy.barometer" in instructions
    props = {p.name: p.value for p in book.custom_doc_props}
    assert props["policyledger.pack"] == "energy"
    assert props["policyledger.kind"] == "district_energy"


def test_a_filled_template_imports_whole(db, tmp_path):
    template, filled = tmp_path / "projects.xlsx", tmp_path / "filled.xlsx"
    write_pack_template(energy, "two_high_project", template)
    book = load_workbook(template)
    sheet = book[SHEET_TITLE]
    header = [c.value for c in sheet[2]]
    assert _validations(sheet)[chr(ord("A") + header.index("status"))] == (
        "list",
        '"拟建,在建,已投产"',
    )
    assert _validations(sheet)[chr(ord("A") + header.index("eia_approved"))][1] == '"是,否"'
    assert _validations(sheet)[chr(ord("A") + header.index("eia_date"))][0] == "date"
    rows = [
        {
            "code": "2401-500113-07-02-000001",
            "name": "某钢铁项目",
            "district": "巴南区",
            "sector": "钢铁",
            "energy_use": 15000,
            "status": "在建",
            "energy_review_approved": "是",
            "energy_review_date": dt.datetime(2024, 4, 15),
            "eia_approved": "是",
            "eia_date": dt.datetime(2024, 2, 20),
            "construction_start": dt.datetime(2024, 3, 1),
        },
        {
            "code": "2404-500113-07-02-000002",
            "name": "某建材项目",
            "sector": "建材",
            "energy_use": 4999.5,
        },
    ]
    for number, row in enumerate(rows, start=3):
        for key, value in row.items():
            sheet.cell(number, header.index(key) + 1, value)
    book.save(filled)
    with db.session() as session:
        result = import_records(session, energy, "two_high_project", filled, actor="clerk")
    assert (result.rows, result.added, result.superseded) == (2, 2, 0)
    with db.session() as session:
        records = session.scalars(select(PackRecord).order_by(PackRecord.record_key)).all()
        assert [r.record_key for r in records] == [
            "2401-500113-07-02-000001",
            "2404-500113-07-02-000002",
        ]
        first = records[0]
        assert first.body_id == "cq.d.banan" and first.period is None and first.is_current
        assert first.data["energy_review_date"] == "2024-04-15"
        assert first.data["eia_approved"] is True and first.data["energy_use"] == 15000.0
        assert records[1].data["district"] is None and records[1].data["status"] == "拟建"
        assert count(session, PackBatch) == 1
        actions = session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
        assert actions == ["add", "add", "import"]


def test_a_template_of_another_kind_is_refused(db, tmp_path):
    template = tmp_path / "units.xlsx"
    write_pack_template(energy, "key_unit", template)
    with db.session() as session, pytest.raises(ReportFileError) as caught:
        import_records(session, energy, "district_energy", template, actor="clerk")
    assert str(caught.value) == (
        "units.xlsx: this template is for energy/key_unit, not energy/district_energy; "
        "import it as that kind"
    )


def test_an_unknown_kind_is_one_line(tmp_path):
    with pytest.raises(PackError, match="pack energy has no kind of record 'nope'"):
        write_pack_template(energy, "nope", tmp_path / "x.xlsx")
