"""Tests for read_source: text, DOCX and PDF round trips of the sample gazette, and bad input."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from policyledger.errors import InputError
from policyledger.ingest import sources
from policyledger.ingest.pdf_reader import _drop_page_numbers, _Line, _page_number_kind
from policyledger.ingest.sources import read_source
from tests.ingest.document_builders import build_docx, build_pdf

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "cq-gazette-2022-18.txt"


def squeezed_paragraphs(text: str) -> list[str]:
    """Paragraphs with all whitespace inside them removed, empty ones dropped."""
    return [re.sub(r"\s+", "", p) for p in text.split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_documents(sample, tmp_path_factory) -> dict[str, bytes]:
    """A two-page PDF and a small DOCX of the sample's first paragraphs, as bytes."""
    folder = tmp_path_factory.mktemp("small")
    beginning = sample[:2500]
    build_pdf(beginning, folder / "small.pdf")
    build_docx(beginning, folder / "small.docx")
    return {kind: (folder / f"small.{kind}").read_bytes() for kind in ("pdf", "docx")}


# --- round trips -------------------------------------------------------------------------------


def test_text_file_reads_as_is(sample):
    source = read_source(SAMPLE)
    assert source == sources.SourceText(
        text=sample, name="cq-gazette-2022-18.txt", kind="txt", encoding="utf-8"
    )


def test_docx_round_trip_keeps_every_paragraph(sample, sample_docx):
    source = read_source(sample_docx)
    assert (source.name, source.kind, source.encoding) == ("gazette.docx", "docx", None)
    assert squeezed_paragraphs(source.text) == squeezed_paragraphs(sample)
    # python-docx keeps the text exactly, spaces included
    assert source.text.split("\n\n") == [p.strip() for p in sample.split("\n\n") if p.strip()]


def test_pdf_round_trip_rebuilds_every_paragraph(sample, pdf_source):
    source = pdf_source
    assert (source.name, source.kind, source.encoding) == ("gazette.pdf", "pdf", None)
    # The builder lays the text out over many pages with page-number footers: paragraphs must
    # come back whole (lines and page breaks joined), footers gone, characters unchanged.
    assert squeezed_paragraphs(source.text) == squeezed_paragraphs(sample)
    assert "\n\n\n" not in source.text
    assert not re.search(r"^- \d+ -$", source.text, flags=re.MULTILINE)


def test_pdf_joins_wrapped_chinese_lines_without_spaces(pdf_source):
    text = pdf_source.text
    assert "为加快推进全市经济社会发展全面绿色转型，助力实现碳达峰、碳中和目标，根据国务院" in text


def test_pdf_pages_turned_to_landscape_are_read(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "turned.pdf"
    page = canvas.Canvas(str(path))
    page.setPageRotation(90)  # shown in landscape: pdfplumber reports the text as not upright
    page.setFont("STSong-Light", 12)
    page.drawString(72, 700, "一、总体要求")
    page.drawString(72, 670, "到2025年完成目标。")
    page.showPage()
    page.save()
    assert read_source(path).text == "一、总体要求\n\n到2025年完成目标。"


def test_docx_tables_are_read_in_place(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("表前段落")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "目标值"
    table.cell(1, 0).text = "单位GDP能耗下降"
    table.cell(1, 1).paragraphs[0].text = "14%"
    table.cell(1, 1).add_paragraph("（约束性）")
    document.add_paragraph("表后段落")
    path = tmp_path / "table.docx"
    document.save(path)
    assert read_source(path).text.split("\n\n") == [
        "表前段落",
        "指标",
        "目标值",
        "单位GDP能耗下降",
        "14%\n（约束性）",
        "表后段落",
    ]


def test_file_without_known_suffix_is_sniffed(small_documents, tmp_path):
    pdf_copy = tmp_path / "gazette-pdf"
    pdf_copy.write_bytes(small_documents["pdf"])
    docx_copy = tmp_path / "gazette.bin"
    docx_copy.write_bytes(small_documents["docx"])
    text_copy = tmp_path / "gazette"
    text_copy.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    assert read_source(pdf_copy).kind == "pdf"
    assert read_source(docx_copy).kind == "docx"
    assert read_source(text_copy).encoding == "gb18030"
    misnamed_pdf = tmp_path / "gazette.txt"
    misnamed_pdf.write_bytes(small_documents["pdf"])
    assert read_source(misnamed_pdf).kind == "pdf"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("- 12 -", "decorated"),
        ("— 3 —", "decorated"),
        ("·1·", "decorated"),
        ("第 4 页", "decorated"),
        ("第4页 共9页", "decorated"),
        ("１２", "bare"),
        ("2022", "bare"),
        ("2022 年", None),
        ("（一）", None),
    ],
)
def test_page_number_patterns(text, kind):
    assert _page_number_kind(text) == kind


def test_bare_page_numbers_are_dropped_but_numbers_in_the_text_kept():
    def line(text: str, top: float, page: int) -> _Line:
        return _Line(text, 80, 500, top, top + 12, 12, 12, page)

    pages = [
        [line("重庆市人民政府公报", 100, 0), line("2022", 118, 0), line("1", 800, 0)],
        [line("正文第一行", 100, 1), line("正文第二行", 118, 1), line("2", 800, 1)],
        [line("正文第三行", 100, 2), line("2022", 118, 2)],
    ]
    assert [[x.text for x in lines] for lines in _drop_page_numbers(pages)] == [
        ["重庆市人民政府公报", "2022"],
        ["正文第一行", "正文第二行"],
        ["正文第三行", "2022"],
    ]


def test_docx_tracked_insertions_and_hyperlinks_are_read(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("到2025年，")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.append(
        parse_xml(f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        )
    )
    paragraph._p.append(parse_xml(f"<w:hyperlink {w}><w:r><w:t>链接</w:t></w:r></w:hyperlink>"))
    path = tmp_path / "changes.docx"
    document.save(path)
    assert read_source(path).text == "到2025年，新增链接"


# --- bad input ---------------------------------------------------------------------------------


def assert_one_line_error(path: Path, expected: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message
    assert message.startswith(str(path))
    assert expected in message
    return caught.value


def test_png_renamed_to_pdf(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(2000))
    assert_one_line_error(path, "is not a valid PDF: it is a PNG image")


def test_truncated_pdf(small_documents, tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(small_documents["pdf"][:3000])
    assert_one_line_error(path, "is not a valid PDF")


def test_password_protected_pdf(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt="secret")
    page.drawString(72, 700, "confidential")
    page.showPage()
    page.save()
    assert_one_line_error(path, "is not a valid PDF: it is password-protected")


def test_pdf_without_text_is_a_scan(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scanned.pdf"
    page = canvas.Canvas(str(path))
    page.rect(100, 100, 300, 400, fill=1)
    page.showPage()
    page.save()
    assert_one_line_error(path, "has no extractable text")


def test_random_bytes_as_docx(tmp_path):
    path = tmp_path / "random.docx"
    path.write_bytes(random.Random(2).randbytes(5000))
    assert_one_line_error(path, "is not a valid Word (.docx) document")


def test_zip_without_word_document_as_docx(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    assert_one_line_error(path, "is not a valid Word (.docx) document")


def test_docx_with_broken_xml(sample_docx, tmp_path):
    path = tmp_path / "broken.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(sample_docx) as original, zipfile.ZipFile(buffer, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            copy.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    assert_one_line_error(path, "is not a valid Word (.docx) document")


def test_truncated_docx(sample_docx, tmp_path):
    path = tmp_path / "truncated.docx"
    path.write_bytes(sample_docx.read_bytes()[:2000])
    assert_one_line_error(path, "is not a valid Word (.docx) document")


def test_legacy_doc(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    assert_one_line_error(path, "save it as .docx")


def test_directory(tmp_path):
    assert_one_line_error(tmp_path, "is a directory, not a file")


def test_missing_path(tmp_path):
    assert_one_line_error(tmp_path / "nowhere.txt", "does not exist")


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", 10 * 1024)
    path = tmp_path / "big.txt"
    path.write_bytes("一二三四五\n".encode() * 1000)
    assert_one_line_error(path, "is 15.7 KB, over the 10 KB limit")


def test_size_message_in_megabytes():
    with pytest.raises(InputError, match=r"^x\.pdf is 61\.2 MB, over the 50 MB limit$"):
        sources._check_size(int(61.2 * 1024 * 1024), "x.pdf")


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty"])
def test_empty_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert_one_line_error(path, "is empty")


def test_image_named_txt(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0" + random.Random(4).randbytes(3000))
    assert_one_line_error(path, "is a JPEG image, not a text, PDF or Word document")


def test_random_bytes_as_txt(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(3).randbytes(10_000))
    assert_one_line_error(path, "is not a text document (looks like binary data)")


def test_file_name_with_newline_stays_one_line(tmp_path):
    path = tmp_path / "two\nlines.pdf"
    path.write_bytes(b"not a pdf")
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert "\n" not in str(caught.value)
    assert "two\\nlines.pdf is not a valid PDF" in str(caught.value)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx", ""])
def test_mangled_documents_raise_only_input_error(small_documents, tmp_path, seed, suffix):
    """Damaged copies of real documents never raise anything but a one-line InputError."""
    rng = random.Random(seed)
    data = bytearray(small_documents["docx" if seed % 2 else "pdf"])
    for _ in range(rng.randint(1, 30)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if seed % 3 == 0:
        data = data[: rng.randrange(len(data))]
    path = tmp_path / f"mangled{suffix}"
    path.write_bytes(bytes(data))
    try:
        read_source(path)
    except InputError as error:
        assert "\n" not in str(error)
