"""The input limits of report files (policyledger.limits): zip bombs refused from the central
directory without inflating anything, too many rows, overlong cells and text fields, non-web
source addresses, formulas read as their cached values. Every refusal is one exact line (or
one exact row error) and nothing reaches the ledger."""

from __future__ import annotations

import re
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from policyledger.errors import PolicyLedgerError
from policyledger.reporting import ImportRejected, ReportFileError, import_reports, write_template
from policyledger.reporting.errors import RowError
from policyledger.storage.models import AuditLog, ImportBatch, Observation
from policyledger.storage.queries import find_body
from tests.reporting.helpers import EV, LETTER, count, fill, row_of, target, write_csv

MB = 1024 * 1024


def ledger_counts(db) -> tuple[int, int, int]:
    with db.session() as s:
        return count(s, Observation), count(s, ImportBatch), count(s, AuditLog)


@pytest.fixture
def ev(ingested):
    with ingested.session() as s:
        return target(s, EV).lineage


@pytest.fixture
def swj_template(ingested, tmp_path):
    path = tmp_path / "swj-template.xlsx"
    with ingested.session() as s:
        write_template(s, find_body(s, "市商务委"), path)
    return path


def refused(db, path, reporter=None) -> str:
    """Import ``path``; return the one-line refusal, having checked nothing was written."""
    before = ledger_counts(db)
    with db.session() as s, pytest.raises(ReportFileError) as caught:
        import_reports(s, path, actor="clerk", reporter=reporter)
    assert ledger_counts(db) == before
    message = str(caught.value)
    assert "\n" not in message
    return message


def rejected(db, path) -> list[RowError]:
    """Import ``path``; return its row errors, having checked nothing was written."""
    before = ledger_counts(db)
    with db.session() as s, pytest.raises(ImportRejected) as caught:
        import_reports(s, path, actor="clerk")
    assert ledger_counts(db) == before
    return caught.value.errors


def workbook_with(path, extra: dict[str, int], header=("target_id", "period", "value")) -> None:
    """A small valid workbook, plus parts of ``size`` zero bytes each ({name: size})."""
    book = Workbook()
    book.active.append(list(header))
    book.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, size in extra.items():
            with archive.open(name, "w") as part:
                for _ in range(size // MB):
                    part.write(bytes(MB))
                part.write(bytes(size % MB))


@pytest.fixture
def no_inflating(monkeypatch):
    """Fail if any part of any ZIP package is opened (inflated)."""

    def refuse(*args, **kwargs):
        raise AssertionError("a part was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


# --- zip bombs ---------------------------------------------------------------------------------


def test_a_part_compressed_too_well_is_refused_without_inflating(ingested, tmp_path, request):
    path = tmp_path / "bomb.xlsx"
    workbook_with(path, {"xl/media/image1.bin": 5 * MB})
    info = zipfile.ZipFile(path).getinfo("xl/media/image1.bin")
    ratio = f"{info.file_size / info.compress_size:,.0f}"
    assert info.file_size / info.compress_size > 500
    request.getfixturevalue("no_inflating")  # from here on, no part may be inflated
    assert refused(ingested, path) == (
        f"bomb.xlsx: its part xl/media/image1.bin is compressed {ratio}:1, "
        "over the 100:1 compression ratio limit"
    )


def test_a_workbook_unpacking_to_too_much_is_refused(ingested, tmp_path, request):
    path = tmp_path / "big.xlsx"
    # 1 MB parts are below the ratio check's floor: only the total refuses them
    workbook_with(path, {f"xl/media/part{n}.bin": MB for n in range(101)})
    total = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    request.getfixturevalue("no_inflating")  # from here on, no part may be inflated
    assert refused(ingested, path) == (
        f"big.xlsx: it unpacks to {total / MB:,.1f} MB, over the 100 MB unpacked size limit"
    )


def test_a_workbook_of_too_many_parts_is_refused(ingested, tmp_path, request):
    path = tmp_path / "parts.xlsx"
    workbook_with(path, {f"xl/media/p{n}.bin": 10 for n in range(1000)})
    parts = len(zipfile.ZipFile(path).infolist())
    request.getfixturevalue("no_inflating")  # from here on, no part may be inflated
    assert refused(ingested, path) == (
        f"parts.xlsx: it has {parts:,} parts, over the 1,000-part limit for Office files"
    )


def test_the_zip_limits_can_be_raised_by_the_environment(ingested, tmp_path, monkeypatch, ev):
    path = tmp_path / "ok.xlsx"
    workbook_with(path, {"xl/media/image1.bin": 2 * MB})
    monkeypatch.setenv("POLICYLEDGER_MAX_ZIP_RATIO", "100000")
    with ingested.session() as s:
        assert import_reports(s, path, actor="clerk").rows_imported == 0
    monkeypatch.setenv("POLICYLEDGER_MAX_ZIP_RATIO", "lots")
    with ingested.session() as s, pytest.raises(PolicyLedgerError) as caught:
        import_reports(s, tmp_path / "ok.xlsx", actor="clerk")
    assert str(caught.value) == (
        "POLICYLEDGER_MAX_ZIP_RATIO must be a positive whole number, not 'lots'"
    )


# --- sizes and rows ----------------------------------------------------------------------------


def test_the_upload_size_limit_follows_the_environment(ingested, tmp_path, monkeypatch, ev):
    path = write_csv(
        tmp_path / "big.csv",
        [{"target_id": ev, "period": "2024", "value": 1, "note": "x" * 1500}] * 1000,
    )
    size = path.stat().st_size
    monkeypatch.setenv("POLICYLEDGER_MAX_UPLOAD_MB", "1")
    assert refused(ingested, path) == (
        f"big.csv: {size / MB:.1f} MB is over the 1 MB upload size limit"
    )


def test_a_csv_of_too_many_rows_is_refused(ingested, tmp_path, ev):
    rows = [{"target_id": ev, "period": "2024", "value": n} for n in range(50_001)]
    path = write_csv(tmp_path / "rows.csv", rows)
    assert refused(ingested, path) == (
        "rows.csv: more than 50,000 rows, over the 50,000-row report limit; split the file"
    )


def test_a_workbook_stops_being_read_at_the_row_limit(ingested, tmp_path, monkeypatch, ev):
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["target_id", "period", "value"])
    for n in range(5_000):
        sheet.append([ev, "2024", n])
    path = tmp_path / "rows.xlsx"
    book.save(path)
    monkeypatch.setenv("POLICYLEDGER_MAX_REPORT_ROWS", "100")
    read: list[int] = []
    rows = ReadOnlyWorksheet._cells_by_row  # the rows of the reader's read-only sheet

    def counted(self, *args, **kwargs):
        for row in rows(self, *args, **kwargs):
            read.append(1)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counted)
    assert refused(ingested, path) == (
        "rows.xlsx: more than 100 rows, over the 100-row report limit; split the file"
    )
    assert len(read) == 102  # the header, 100 rows and the one too many: no further


def test_a_cell_over_the_cell_size_limit(ingested, tmp_path, ev):
    path = write_csv(
        tmp_path / "long.csv",
        [{"target_id": ev, "period": "2024", "value": 1, "note": "长" * 10_001}],
    )
    assert refused(ingested, path) == (
        "long.csv: row 2: a cell of 10,001 characters is over the 10,000-character cell size limit"
    )
    huge = tmp_path / "huge.csv"
    huge.write_text(
        f'target_id,period,value,note\n{ev},2024,1,"{"x" * 140_000}"\n', encoding="utf-8"
    )
    assert refused(ingested, huge) == (
        "huge.csv: row 2: a cell is over the 10,000-character cell size limit"
    )


# --- text fields -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (
            {"note": "说" * 2_001},
            "note",
            "说明过长 note is 2,001 characters, over the 2,000-character limit",
        ),
        (
            {"source_url": "https://tjj.cq.gov.cn/" + "a" * 980},
            "source_url",
            "来源网址过长 source URL is 1,002 characters, over the 1,000-character limit",
        ),
        (
            {"source_url": "ftp://tjj.cq.gov.cn/2024.xls"},
            "source_url",
            "来源须为 http(s) 网址 source URL must be an http:// or https:// address, "
            "not 'ftp://tjj.cq.gov.cn/2024.xls'",
        ),
        (
            {"source_url": "javascript:alert(1)"},
            "source_url",
            "来源须为 http(s) 网址 source URL must be an http:// or https:// address, "
            "not 'javascript:alert(1)'",
        ),
        (
            {"source_url": "tjj.cq.gov.cn/2024"},
            "source_url",
            "来源须为 http(s) 网址 source URL must be an http:// or https:// address, "
            "not 'tjj.cq.gov.cn/2024'",
        ),
        (
            {"reporter": "委" * 301},
            "reporter",
            "报告单位名称过长 reporter name is 301 characters, over the 300-character limit",
        ),
    ],
    ids=["note", "url-length", "ftp", "javascript", "no-scheme", "reporter"],
)
def test_text_fields_over_their_limits(ingested, tmp_path, ev, cells, column, message):
    row = {"target_id": ev, "period": "2024", "value": 1, **cells}
    good = {"target_id": ev, "period": "2023", "value": 1}
    path = write_csv(tmp_path / "text.csv", [good, row])
    assert rejected(ingested, path) == [RowError(3, column, message)]


def test_text_fields_at_their_limits_are_kept(ingested, tmp_path, ev):
    note, url = "说" * 2_000, "HTTPS://tjj.cq.gov.cn/" + "a" * 978
    path = write_csv(
        tmp_path / "ok.csv",
        [{"target_id": ev, "period": "2024", "value": 1, "note": note, "source_url": url}],
    )
    with ingested.session() as s:
        assert import_reports(s, path, actor="clerk").rows_imported == 1
    with ingested.session() as s:
        row = s.query(Observation).one()
        assert (row.note, row.source_url) == (note, url)


# --- formulas ----------------------------------------------------------------------------------


def with_cached_value(path, cell: str, value: str) -> None:
    """Give the formula in ``cell`` of the first sheet the value Excel would have cached."""
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                pattern = rf'(<c r="{cell}"[^>]*>(?:<f>[^<]*</f>))<v\s*/?>(?:</v>)?'
                data, found = re.subn(pattern.encode(), rb"\1<v>" + value.encode() + b"</v>", data)
                assert found == 1
            archive.writestr(info, data)


def test_a_formula_without_a_cached_value_is_a_row_error(ingested, swj_template, tmp_path, ev):
    row = row_of(swj_template, ev)
    filled = tmp_path / "formula.xlsx"
    fill(swj_template, filled, {row: {"period": "2024", "value": "=90+5.32"}})
    cell = f"{LETTER['value']}{row}"
    assert rejected(ingested, filled) == [
        RowError(
            row,
            "value",
            f"公式没有计算结果 cell {cell} is a formula without a value; paste values",
        )
    ]


def test_a_formula_is_read_as_its_cached_value(ingested, swj_template, tmp_path, ev):
    row = row_of(swj_template, ev)
    filled = tmp_path / "cached.xlsx"
    fill(swj_template, filled, {row: {"period": "2024", "value": "=90+5.32", "note": "=A1"}})
    with_cached_value(filled, f"{LETTER['value']}{row}", "95.32")
    with_cached_value(filled, f"{LETTER['note']}{row}", "")  # a formula that gave nothing
    errors = rejected(ingested, filled)
    assert [(e.row, e.column) for e in errors] == [(row, "note")]
    fill(filled, filled, {row: {"note": "全年"}})  # openpyxl drops cached values on saving
    with_cached_value(filled, f"{LETTER['value']}{row}", "95.32")
    with ingested.session() as s:
        assert import_reports(s, filled, actor="clerk").rows_imported == 1
    with ingested.session() as s:
        stored = s.query(Observation).one()
        assert (stored.value, stored.note) == (95.32, "全年")


def test_a_formula_in_a_csv_is_text_not_a_formula(ingested, tmp_path, ev):
    path = write_csv(tmp_path / "f.csv", [{"target_id": ev, "period": "2024", "value": "=1+1"}])
    assert rejected(ingested, path) == [
        RowError(2, "value", "数值不是数字 value is not a number: '=1+1'")
    ]
