"""Importing a pack's data: all or nothing (one bad row and nothing is stored, every error listed
with its row and column), a re-import supersedes and keeps the history, the same file twice
writes nothing, districts are found by any name the registry knows, and the progress reports'
guards (rows, zip parts, formulas without a value) apply."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from policyledger.packdata import import_records
from policyledger.packdata.kinds import SHEET_TITLE
from policyledger.reporting import ImportRejected, ReportFileError
from policyledger.storage.integrity import check_integrity
from policyledger.storage.models import AuditLog, PackBatch, PackRecord
from policyledger.storage.packs import current_records, record_history
from tests.packdata.helpers import ENERGY_HEADER, count, energy, write_rows

GOOD = [
    ["渝中区", 2023, 1, 360.5, 58.1, None],
    ["渝中区", 2023, 2, 770.2, 120.4, None],
    ["长寿区", 2023, None, 820.0, 1010.0, 150.0],
]


def _import(db, path, kind="district_energy"):
    with db.session() as session:
        return import_records(session, energy, kind, path, actor="clerk")


def test_one_bad_row_and_nothing_is_stored_every_error_listed(db, tmp_path):
    rows = [
        *GOOD,  # rows 2-4 are good
        ["不存在区", 2023, 1, 100, 10, None],  # 5: unknown district
        ["江北区", 2023, 5, "一百", 10, None],  # 6: quarter 5, GDP not a number
        ["江北区", "2023年", 1, 100, None, None],  # 7: year not a number, total missing
        ["渝中区", 2023, 1, 360.5, 58.1, None],  # 8: same key as row 2
        ["长寿区", 2024, None, 850, 100, 150],  # 9: feedstock over the total
        ["市商务委", 2024, 1, 100, 10, None],  # 10: not a district
        ["南岸区", 2024, 1, -3, 10, None],  # 11: GDP below its bound
    ]
    path = write_rows(tmp_path / "bad.csv", ENERGY_HEADER, rows)
    with pytest.raises(ImportRejected) as caught:
        _import(db, path)
    found = sorted((e.row, e.column) for e in caught.value.errors)
    assert found == [
        (5, "district"),
        (6, "gdp"),
        (6, "quarter"),
        (7, "total_energy"),
        (7, "year"),
        (8, "district"),
        (9, "feedstock"),
        (10, "district"),
        (11, "gdp"),
    ]
    messages = {(e.row, e.column): str(e) for e in caught.value.errors}
    assert messages[(5, "district")] == (
        "第5行 row 5, district: 区县“不存在区”不在单位名录中 unknown district or body"
    )
    assert "应为数字：'一百' is not a number" in messages[(6, "gdp")]
    assert "季度（自年初累计；全年留空）应不大于 4：5 is above 4" in messages[(6, "quarter")]
    assert "必填，不能为空 required" in messages[(7, "total_energy")]
    assert "应为整数" in messages[(7, "year")]
    assert "与第2行重复（区县、年份、季度相同）duplicate of row 2" in messages[(8, "district")]
    assert "大于能源消费总量" in messages[(9, "feedstock")]
    assert "“市商务委”不是区县 not a district" in messages[(10, "district")]
    assert str(caught.value).startswith("bad.csv: 7 rows have errors; nothing was imported")
    with db.session() as session:
        assert count(session, PackRecord) == count(session, PackBatch) == 0
        assert count(session, AuditLog) == 0


def test_a_reimport_supersedes_and_keeps_the_history(db, tmp_path):
    first = _import(db, write_rows(tmp_path / "first.csv", ENERGY_HEADER, GOOD))
    assert (first.added, first.superseded, first.unchanged) == (3, 0, 0)
    second_rows = [
        GOOD[0],  # the same: left as it is
        ["渝中区", 2023, 2, 770.2, 118.9, None],  # corrected
        ["江北区", 2023, 1, 330.0, 70.0, None],  # new
    ]
    second = _import(db, write_rows(tmp_path / "second.csv", ENERGY_HEADER, second_rows))
    assert (second.rows, second.added, second.superseded, second.unchanged) == (3, 1, 1, 1)
    again = _import(db, tmp_path / "second.csv")
    assert again.already_imported and again.batch_id == second.batch_id
    assert (again.added, again.superseded, again.unchanged) == (1, 1, 1)
    with db.session() as session:
        history = record_history(session, "energy", "district_energy", "cq.d.yuzhong|2023|2")
        assert [(r.version, r.is_current, r.data["total_energy"]) for r in history] == [
            (1, False, 120.4),
            (2, True, 118.9),
        ]
        assert history[1].supersedes_id == history[0].id
        assert history[0].batch_id == first.batch_id and history[1].batch_id == second.batch_id
        current = current_records(session, "energy", "district_energy")
        assert len(current) == 4
        assert {r.period for r in current} == {"2023-Q1", "2023-Q2", "2023"}
        assert count(session, PackBatch) == 2
        assert count(session, PackRecord) == 5
        supersede = session.query(AuditLog).filter(AuditLog.action == "supersede").one()
        assert supersede.entity == "pack_record" and supersede.entity_id == str(history[1].id)
        assert supersede.detail["supersedes"] == history[0].id
        assert check_integrity(session) == []


def test_districts_are_found_by_any_name_the_registry_knows(db, tmp_path):
    rows = [["綦江县", 2023, 1, 100, 20, None], ["cq.d.nanan", 2023, 1, 200, 30, None]]
    _import(db, write_rows(tmp_path / "names.csv", ENERGY_HEADER, rows))
    with db.session() as session:
        found = {
            r.body_id: r.data["district"]
            for r in current_records(session, "energy", "district_energy")
        }
    assert found == {"cq.d.qijiang": "綦江区", "cq.d.nanan": "南岸区"}


def test_chinese_headers_and_a_title_line_are_read(db, tmp_path):
    path = tmp_path / "zh.csv"
    path.write_text(
        "某区县2023年能源数据\n"
        "*区县,*年份,季度（自年初累计；全年留空）,*地区生产总值（亿元）,能源消费总量 total energy\n"
        '渝中区,2023,1,"1,360.5",58.1\n',
        encoding="utf-8",
    )
    result = _import(db, path)
    assert result.rows == 1
    with db.session() as session:
        (record,) = current_records(session, "energy", "district_energy")
        assert record.data["gdp"] == 1360.5 and record.period == "2023-Q1"


def test_the_report_guards_apply(db, tmp_path, monkeypatch):
    rows = write_rows(tmp_path / "rows.csv", ENERGY_HEADER, GOOD)
    monkeypatch.setenv("POLICYLEDGER_MAX_REPORT_ROWS", "2")
    with pytest.raises(ReportFileError, match="more than 2 rows, over the 2-row report limit"):
        _import(db, rows)
    monkeypatch.delenv("POLICYLEDGER_MAX_REPORT_ROWS")
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append(ENERGY_HEADER)
    sheet.append(["渝中区", 2023, 1, 360.5, "=50+8.1", None])  # a formula with no saved value
    book.save(tmp_path / "formula.xlsx")
    with pytest.raises(ImportRejected) as caught:
        _import(db, tmp_path / "formula.xlsx")
    assert (caught.value.errors[0].row, caught.value.errors[0].column) == (2, "total_energy")
    assert "is a formula without a value; paste values" in str(caught.value.errors[0])
    monkeypatch.setenv("POLICYLEDGER_MAX_ZIP_PARTS", "3")
    with pytest.raises(ReportFileError, match="over the 3-part limit for Office files"):
        _import(db, tmp_path / "formula.xlsx")
    with db.session() as session:
        assert count(session, PackRecord) == 0


def test_all_four_energy_kinds_take_their_rows(db, tmp_path):
    from policyledger.packs.energy.synthetic import KINDS, synthetic_file

    for kind in KINDS:
        result = _import(db, synthetic_file(kind), kind)
        assert result.rows == {"district_energy": 160, "two_high_project": 15}.get(
            kind, result.rows
        )
    with db.session() as session:
        units = current_records(session, "energy", "key_unit")
        assert len(units) == 20 and {r.period for r in units} == {"2024"}
        assert count(session, PackRecord, PackRecord.kind == "pollutant_project") == 16
