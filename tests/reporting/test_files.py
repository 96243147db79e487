"""Files that are not what they claim give one line naming the file, and nothing is written."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook

from policyledger.errors import PolicyLedgerError
from policyledger.reporting import ReportFileError, import_reports, write_template
from policyledger.storage.models import ImportBatch, Observation
from policyledger.storage.queries import find_body
from tests.reporting.helpers import count, fill, row_of, target


def corrupt_xlsx(path):
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)


def truncated_xlsx(path):
    workbook = Workbook()
    workbook.active.append(["target_id", "period", "value"])
    workbook.save(path)
    path.write_bytes(path.read_bytes()[:-400])


def zip_without_workbook(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")


def text_named_xlsx(path):
    path.write_text("target_id,period,value\n1,2024,1\n", encoding="utf-8")


def gbk_csv(path):
    path.write_bytes("target_id,period,value,note\n1,2024,1,全年数据\n".encode("gb18030"))


def no_header_csv(path):
    path.write_text("目标,时间,多少\n1,2024,1\n", encoding="utf-8")


def no_header_xlsx(path):
    workbook = Workbook()
    for n in range(12):
        workbook.active.append([n, "2024", 1])
    workbook.save(path)


def empty(path):
    path.write_bytes(b"")


def blank_csv(path):
    path.write_text("\ufeff\r\n  \r\n", encoding="utf-8")


def too_big(path):
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)


def xlsx_named_csv(path):
    Workbook().save(path)


def binary_csv(path):
    path.write_bytes(b"target_id,period\x00\x00\x01\x02")


def old_xls(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("corrupt.xlsx", corrupt_xlsx, "not a readable Excel workbook"),
        ("truncated.xlsx", truncated_xlsx, "not a readable Excel workbook"),
        ("nobook.xlsx", zip_without_workbook, "not a readable Excel workbook"),
        ("text.xlsx", text_named_xlsx, "not an Excel workbook"),
        ("gbk.csv", gbk_csv, "not UTF-8"),
        ("no-header.csv", no_header_csv, "no header row"),
        ("no-header.xlsx", no_header_xlsx, "no header row"),
        ("empty.csv", empty, "empty"),
        ("empty.xlsx", empty, "empty"),
        ("blank.csv", blank_csv, "empty"),
        ("big.csv", too_big, "over the 20 MB upload size limit"),
        ("book.csv", xlsx_named_csv, "is an Excel workbook, not a CSV"),
        ("binary.csv", binary_csv, "binary"),
        ("old.xls", old_xls, "not a .xlsx or .csv file"),
    ],
)
def test_bad_files_give_one_line(ingested, tmp_path, name, make, words):
    path = tmp_path / name
    make(path)
    with ingested.session() as s, pytest.raises(ReportFileError) as caught:
        import_reports(s, path, actor="clerk")
    message = str(caught.value)
    assert isinstance(caught.value, PolicyLedgerError)
    assert message.startswith(f"{name}: ") and words in message and "\n" not in message
    with ingested.session() as s:
        assert count(s, Observation) == count(s, ImportBatch) == 0


def test_a_missing_file_and_a_folder(db, tmp_path):
    with db.session() as s:
        with pytest.raises(ReportFileError, match=r"missing\.csv: no such file"):
            import_reports(s, tmp_path / "missing.csv", actor="clerk")
        with pytest.raises(ReportFileError, match="is a folder"):
            import_reports(s, tmp_path, actor="clerk")


def test_a_template_written_for_another_body(ingested, tmp_path):
    template, filled = tmp_path / "swj.xlsx", tmp_path / "filled.xlsx"
    with ingested.session() as s:
        write_template(s, find_body(s, "市商务委"), template)
        ev = target(s, "新能源汽车产量")
    fill(template, filled, {row_of(template, ev.lineage): {"period": "2024", "value": 1}})
    with ingested.session() as s, pytest.raises(ReportFileError) as caught:
        import_reports(s, filled, actor="clerk", reporter=find_body(s, "渝中区"))
    assert str(caught.value) == (
        "filled.xlsx: this template was written for 市商务委 (cq.sww), not 渝中区 (cq.d.yuzhong)"
    )
    with ingested.session() as s:
        assert (
            import_reports(
                s, filled, actor="clerk", reporter=find_body(s, "市商务委")
            ).rows_imported
            == 1
        )
