"""The monthly bulletin on the sample ledger with the published statistics loaded, for 2024-12:
what the DOCX says and how it is laid out (GB/T 9704 page, fonts, page numbers), the same
content in HTML, a PDF whose pages are not blank and whose Chinese font is embedded; a plan's
bulletin, a chart left out when it has nothing to show, no Chinese font."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from sqlalchemy import func, select

from policyledger.reports.bulletin import make_bulletin
from policyledger.storage.models import AssessmentRow
from policyledger.storage.statistics import load_sample_statistics

TRADE_PLAN = "重庆市推动外贸高质量发展三年行动计划（2022—2024年）"
TRADE_URL = "https://app.ichongqing.info/mixmedia/a/202502/09/WS67a8c798e4b0f27cb3591a88.html"
AS_OF = dt.date(2024, 12, 31)


@pytest.fixture
def ledger(ingested):
    """The sample gazette with the published statistics as observations (nothing assessed)."""
    with ingested.session() as session:
        load_sample_statistics(session)
    return ingested


def _make(ledger, fmt: str, **options):
    with ledger.session() as session:
        return make_bulletin(session, "2024-12", fmt=fmt, **options)


def _counts(ledger) -> dict[str, int]:
    with ledger.session() as session:
        rows = session.execute(
            select(AssessmentRow.warning, func.count())
            .where(AssessmentRow.as_of == AS_OF)
            .group_by(AssessmentRow.warning)
        ).all()
    return dict(rows)


def _docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# --- DOCX ----------------------------------------------------------------------------------------


def test_docx_says_what_the_ledger_says_with_clauses_and_sources(ledger):
    from docx import Document

    output = _make(ledger, "docx")
    counts = _counts(ledger)  # assessed and stored by the bulletin: none was stored before
    assert sum(counts.values()) == 91
    document = Document(io.BytesIO(output.data))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "政策落实情况月度通报"
    assert paragraphs[1] == "（2024年12月）"
    summary = next(p for p in paragraphs if p.startswith("截至2024年12月31日"))
    assert "量化目标91个" in summary
    for colour, name in (("red", "红灯"), ("yellow", "黄灯"), ("green", "绿灯"), ("grey", "灰灯")):
        assert f"{name}{counts.get(colour, 0)}个" in summary
    assert "滞后于序时进度2个" in summary
    assert re.search(r"应报送进度报告\d+期，未收到\d+期", summary)

    yellow = next(t for t in document.tables if "外贸进出口总值" in _table_text(t))
    rows = [[c.text for c in row.cells] for row in yellow.rows]
    assert rows[0] == ["序号", "指标及目标", "责任单位", "最新值（期）", "序时进度", "差距"]
    trade = next(i for i, r in enumerate(rows) if "外贸进出口总值" in r[1])
    assert rows[trade][2] == "市商务委"
    assert rows[trade][3] == "0.71542万亿元\n2024年"
    assert rows[trade][4] == "1万亿元"
    assert rows[trade][5] == "−0.28458万亿元"
    source = rows[trade + 1][0]  # the merged 来源 row under it
    assert f"《{TRADE_PLAN}》二“" in source and "外贸进出口总值突破1万亿元" in source
    assert TRADE_URL in source and "iChongqing" in source
    assert yellow.rows[0]._tr.trPr.find(_w("tblHeader")) is not None  # repeated on each page

    text = _docx_text(document)
    districts = next(
        t
        for t in document.tables
        if _table_text(t).startswith("名次") and "渝中区" in _table_text(t)
    )
    departments = next(
        t
        for t in document.tables
        if _table_text(t).startswith("名次") and "市商务委" in _table_text(t)
    )
    for table in (districts, departments):
        header = [c.text for c in table.rows[0].cells]
        assert header[:3] == ["名次", "单位", "得分"]
        assert header[3:] == [f"{p}\n值×权重＝贡献" for p in ("绿灯占比", "红灯占比", "按时报送率")]
        first = [c.text for c in table.rows[1].cells]
        assert first[0] == "1" and re.fullmatch(r"\d+\.\d", first[2])
        assert re.match(r"\d\.\d\d×40=\d+\.\d", first[3]) and "×(−30)=" in first[4]
    assert "六、应报未报情况" in text and "缺报最多的目标" in text
    assert len(document.inline_shapes) == 3
    for shape in document.inline_shapes:
        assert abs(shape.width.mm - 156) < 0.5
    day = output.bulletin.generated
    assert paragraphs[-2:] == ["政策台账 自动生成", f"{day.year}年{day.month}月{day.day}日"]


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _table_text(table) -> str:
    return "\n".join(cell.text for row in table.rows for cell in row.cells)


def test_docx_page_fonts_and_page_numbers_follow_gb_t_9704(ledger):
    from docx import Document
    from docx.shared import Pt

    document = Document(io.BytesIO(_make(ledger, "docx").data))
    section = document.sections[0]
    for value, mm in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ):
        assert abs(value.mm - mm) < 0.05  # stored in twips: 1 twip ≈ 0.018 mm
    assert section.page_width == 11906 * 635  # EMU
    grid = section._sectPr.find(_w("docGrid"))
    assert grid.get(_w("type")) == "linesAndChars"
    assert grid.get(_w("linePitch")) == "578"
    assert int(grid.get(_w("charSpace"))) == -842  # 28 characters of 16 pt in 156 mm

    def fonts(style):
        found = style.element.rPr.find(_w("rFonts"))
        return found.get(_w("eastAsia")), found.get(_w("ascii"))

    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28.9)
    assert fonts(normal) == ("仿宋_GB2312", "Noto Serif CJK SC")
    assert fonts(document.styles["Heading 1"]) == ("黑体", "Noto Sans CJK SC")
    assert fonts(document.styles["Heading 2"]) == ("楷体_GB2312", "Noto Serif CJK SC")
    title = document.paragraphs[0]
    assert fonts(title.style) == ("方正小标宋简体", "Noto Serif CJK SC")
    assert title.style.font.size == Pt(22) and title.style.paragraph_format.alignment == 1
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["一、总体情况", "二、红灯目标", "三、黄灯目标"]

    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer._element.xml
        assert "PAGE" in "".join(t.text for t in footer._element.iter(_w("instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert paragraph.alignment == (2 if side == "right" else 0)
        assert paragraph.runs[0].font.size == Pt(14)


# --- HTML and PDF --------------------------------------------------------------------------------


def test_html_has_the_same_content_and_print_css(ledger):
    html = _make(ledger, "html").data.decode("utf-8")
    assert '<html lang="zh-CN">' in html
    assert "margin: 37mm 26mm 35mm 28mm" in html and "size: A4" in html
    assert '"— " counter(page) " —"' in html
    assert "Noto Serif CJK SC" in html and "Noto Sans CJK SC" in html
    assert "量化目标91个" in html
    yellow = html[html.index('data-testid="yellow-list"') :]
    yellow = yellow[: yellow.index("</table>")]
    assert "外贸进出口总值" in yellow and "0.71542万亿元" in yellow and ">1万亿元<" in yellow
    assert f'href="{TRADE_URL}"' in yellow and f"《{TRADE_PLAN}》二“" in yellow
    assert 'data-testid="ranking-district"' in html and 'data-testid="ranking-department"' in html
    assert "×40=" in html and "×(−30)=" in html and "−0.0" not in html
    assert html.count('src="data:image/png;base64,') == 3
    assert "http://" not in html.replace(TRADE_URL, "").split("<body>")[0]  # nothing fetched


def test_pdf_pages_are_not_blank_and_embed_a_chinese_font(ledger, tmp_path):
    if not (shutil.which("pdftoppm") and shutil.which("pdffonts")):
        pytest.skip("poppler-utils (pdftoppm, pdffonts) not installed")
    from PIL import Image

    output = _make(ledger, "pdf")
    assert output.pages and output.pages >= 5
    pdf = tmp_path / "bulletin.pdf"
    pdf.write_bytes(output.data)
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == output.pages
    for page in pages:
        image = Image.open(page).convert("L")
        inked = sum(image.histogram()[:200])  # pixels darker than light grey
        assert inked / (image.width * image.height) > 0.01, page.name
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    lines = fonts.stdout.splitlines()[2:]
    cjk = [line for line in lines if "CJK" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # the emb column
    assert all("CJK" in line for line in lines)  # no Latin-only fallback font was needed
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        text = "".join(text.split())  # lines wrap inside table cells
        assert "外贸进出口总值" in text and "0.71542万亿元" in text and TRADE_URL in text
        assert "—1—" in text and "—2—" in text


# --- options, web, command line ------------------------------------------------------------------


def test_plan_filter_and_stored_assessment_reused(ledger):
    from policyledger.reports.bulletin.data import load_bulletin

    with ledger.session() as session:
        trade = load_bulletin(session, "2024-12", "外贸")
        stored = session.scalar(select(func.count()).where(AssessmentRow.as_of == AS_OF))
    assert [p.name for p in trade.plans] == [TRADE_PLAN]
    assert trade.total == 33 and [i.metric for i in trade.yellow.items] == ["全市·外贸进出口总值"]
    assert "名称含“外贸”的" in trade.summary
    assert stored == 91  # the whole ledger was assessed and stored once
    with ledger.session() as session:
        again = load_bulletin(session, "2024-Q4")  # same last day: the stored run is reused
        assert session.scalar(select(func.count()).where(AssessmentRow.as_of == AS_OF)) == 91
    assert again.period_text == "2024年第四季度" and again.total == 91


def test_a_chart_with_nothing_to_show_is_left_out_and_said(ledger):
    from docx import Document

    # the mine-safety plan: no values reported, and no body named for its targets
    output = _make(ledger, "docx", plan="非煤矿山")
    assert set(output.bulletin.charts) == {"plans"}
    document = Document(io.BytesIO(output.data))
    paragraphs = [p.text for p in document.paragraphs]
    for key in ("trajectories", "ranking"):
        assert output.bulletin.chart_notes[key] in paragraphs
    assert "本期没有可排名的区县（含开发区）。" in paragraphs
    assert len(document.inline_shapes) == 1
    assert "图1　各方案目标预警情况" in paragraphs and not any(
        p.startswith("图2") for p in paragraphs
    )


def test_no_chinese_font_stops_before_drawing(ledger, monkeypatch):
    from matplotlib import font_manager

    from policyledger.errors import PolicyLedgerError

    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name],
    )
    with pytest.raises(PolicyLedgerError, match="no Chinese font found: install fonts-noto-cjk"):
        _make(ledger, "docx")
