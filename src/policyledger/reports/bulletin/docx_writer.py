"""The bulletin as a DOCX in the official-document style (GB/T 9704—2012, as far as free fonts
allow): A4, margins 37/35/28/26 mm, 22 lines × 28 characters of 三号 仿宋 at exactly 28.9 pt,
the title in 二号 小标宋, level-1 headings in 黑体 and level-2 in 楷体, "— N —" page numbers
in 四号 宋体 at the right on odd and the left on even pages, the issuer and date at the end.
Tables are 10.5 pt with their header row repeated on every page; charts sit at text width."""

from __future__ import annotations

import io
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from policyledger.reports.bulletin import text
from policyledger.reports.bulletin.docx_style import (
    BODY_PT,
    FANGSONG,
    HEITI,
    KAITI,
    SONGTI,
    TEXT_WIDTH_MM,
    XIAOBIAOSONG,
    fix_widths,
    font_alternates,
    keep_row_whole,
    page_numbers,
    page_setup,
    repeat_header,
)
from policyledger.reports.bulletin.docx_styles import add_styles
from policyledger.reports.bulletin.model import (
    COLOURS,
    Bulletin,
    FlagList,
    RankTable,
    SectionTable,
    Subheading,
)

LIST_WIDTHS = [12, 35, 20, 30, 24, 35]  # mm, measured on Noto Serif CJK SC at 10.5 pt
PLAN_WIDTHS = [50, 32, 12, 12, 12, 12, 12, 14]
MISSING_WIDTHS = [32, 20, 20, 84]


class _Writer:
    """Adds paragraphs, tables and figures to a document in the bulletin's styles."""

    def __init__(self, document: Any) -> None:
        self.doc = document
        self.figures = 0
        # style ids looked up once: python-docx looks a style name up anew on every paragraph
        self.ids = {
            s.name: s.style_id for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH
        }

    def para(self, content: str, style: str = "Normal", align: Any = None) -> Any:
        paragraph = self.doc.add_paragraph(content)
        paragraph._p.style = self.ids[style]
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def heading(self, content: str, level: int = 1) -> None:
        self.para(content, f"Heading {level}")

    def cell(self, cell: Any, content: str, style: str = "Table Text", align: Any = None) -> None:
        for index, line in enumerate(content.split("\n")):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph._p.style = self.ids[style]
            paragraph.add_run(line)
            if align is not None:
                paragraph.alignment = align

    def table(
        self,
        headers: list[str],
        rows: list[list[str]],
        widths: list[float],
        sources: list[str] | None = None,
        numeric: tuple[int, ...] = (),
    ) -> Any:
        """A fixed-width table with a repeated header row; with ``sources``, each row is
        followed by a full-width 来源 row kept on the same page."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        lengths = fix_widths(table, widths)
        for cell, header, length in zip(table.rows[0].cells, headers, lengths, strict=True):
            cell.width = length
            self.cell(cell, header, "Table Head")
        repeat_header(table.rows[0])
        for index, values in enumerate(rows):
            row = table.add_row()
            keep_row_whole(row)
            cells = row.cells
            for column, value in enumerate(values):
                cells[column].width = lengths[column]
                align = WD_ALIGN_PARAGRAPH.RIGHT if column in numeric else None
                self.cell(cells[column], value, align=align)
            if sources is not None:
                for paragraph in cells[0].paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
                source = table.add_row()
                keep_row_whole(source)
                merged = source.cells[0].merge(source.cells[-1])
                merged.width = Twips(sum(length.twips for length in lengths))
                self.cell(merged, sources[index])
        return table

    def figure(self, bulletin: Bulletin, key: str) -> None:
        chart = bulletin.charts.get(key)
        if chart is None:
            if key in bulletin.chart_notes:
                self.para(bulletin.chart_notes[key])
            return
        self.figures += 1
        paragraph = self.para("", style="Figure")
        paragraph.add_run().add_picture(io.BytesIO(chart.png), width=Mm(TEXT_WIDTH_MM))
        self.para(f"图{self.figures}　{chart.title}", style="Figure Caption")


def _flag_section(w: _Writer, flags: FlagList) -> None:
    w.para(text.list_intro(flags.warning, flags.total, len(flags.items)))
    if not flags.items:
        return
    rows, sources = [], []
    for number, item in enumerate(flags.items, start=1):
        rows.append(
            [
                str(number),
                f"{item.metric}\n目标{item.goal}",
                item.owners,
                f"{item.latest_text}\n{item.latest_period}",
                item.expected_text,
                item.gap_text,
            ]
        )
        sources.append("来源　" + item.source_line)
    headers = ["序号", "指标及目标", "责任单位", "最新值（期）", "序时进度", "差距"]
    w.table(headers, rows, LIST_WIDTHS, sources, numeric=(3, 4, 5))
    if flags.rest:
        w.para(text.rest_note(flags.rest))


def _rank_section(w: _Writer, table: RankTable) -> None:
    w.heading(text.RANK_HEADINGS[table.kind], 2)
    w.para(text.ranking_intro(table.kind, table.total, len(table.rows)))
    if not table.rows:
        return
    parts = len(table.part_labels)
    fixed = [12, 32, 16]
    widths = fixed + [(TEXT_WIDTH_MM - sum(fixed)) / parts] * parts
    rows = [
        [
            str(row.rank),
            row.name,
            row.score_text,
            *(f"{p.formula}\n（{p.detail}）" if p.detail else p.formula for p in row.parts),
        ]
        for row in table.rows
    ]
    headers = ["名次", "单位", "得分", *(f"{label}\n值×权重＝贡献" for label in table.part_labels)]
    w.table(headers, rows, widths, numeric=(2,))
    if table.rest:
        w.para(text.rest_note(table.rest, "个"))


def write_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as DOCX bytes (draw the charts into ``bulletin`` first)."""
    from docx import Document

    document = Document()
    add_styles(document)
    section = document.sections[0]
    page_setup(section)
    page_numbers(document, section)
    font_alternates(document, [FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI])
    document.core_properties.title = f"{bulletin.title}（{bulletin.period_text}）"
    document.core_properties.author = "政策台账"
    w = _Writer(document)
    w.para(bulletin.title, style="Bulletin Title")
    w.para(f"（{bulletin.period_text}）", style="Bulletin Subtitle")
    w.para(text.scope_line(bulletin))
    w.heading(text.HEADINGS["overview"])
    w.para(bulletin.summary)
    w.table(
        ["方案", "文号", *(text.WARNING_NAMES[c][0] for c in COLOURS), "合计"],
        [
            [p.name, p.doc_number or "—", *(str(p.counts.get(c, 0)) for c in COLOURS), str(p.total)]
            for p in bulletin.plans[: text.PLAN_ROWS]
        ],
        PLAN_WIDTHS,
        numeric=(2, 3, 4, 5, 6, 7),
    )
    if len(bulletin.plans) > text.PLAN_ROWS:
        w.para(text.rest_note(len(bulletin.plans) - text.PLAN_ROWS, "个方案"))
    w.figure(bulletin, "plans")
    w.heading(text.HEADINGS["red"])
    _flag_section(w, bulletin.red)
    w.heading(text.HEADINGS["yellow"])
    _flag_section(w, bulletin.yellow)
    w.heading(text.HEADINGS["trend"])
    w.para(text.trend_intro(bulletin))
    w.figure(bulletin, "trajectories")
    w.heading(text.HEADINGS["ranking"])
    for table in bulletin.rankings:
        _rank_section(w, table)
    w.figure(bulletin, "ranking")
    w.heading(text.HEADINGS["missing"])
    missing = bulletin.missing
    w.para(text.missing_intro(missing.periods, missing.owners, len(missing.rows)))
    if missing.rows:
        w.table(
            ["责任单位", "未报期数", "涉及目标", "缺报最多的目标"],
            [[r.owner, str(r.periods), str(r.targets), "；".join(r.worst)] for r in missing.rows],
            MISSING_WIDTHS,
            numeric=(1, 2),
        )
        if missing.rest:
            w.para(text.rest_note(missing.rest, "个责任单位"))
    for heading, section in zip(text.pack_headings(bulletin), bulletin.sections, strict=True):
        w.heading(heading)
        for block in section.blocks:
            if isinstance(block, Subheading):
                w.heading(block.text, 2)
            elif isinstance(block, SectionTable):
                w.table(block.headers, block.rows, block.widths, numeric=block.numeric)
            else:
                w.para(block)
    w.heading(text.notes_heading(bulletin))
    for number, note in enumerate(text.method_notes(), start=1):
        w.para(f"{number}．{note}").paragraph_format.keep_with_next = True
    _signature(w, bulletin)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _signature(w: _Writer, bulletin: Bulletin) -> None:
    """The issuer and the date, right-aligned four characters in, after two blank lines."""
    for _ in range(2):
        w.para("").paragraph_format.keep_with_next = True
    for line in (text.ISSUER, text.date_text(bulletin.generated)):
        paragraph = w.para(line, align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.keep_with_next = line == text.ISSUER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.right_indent = Pt(BODY_PT * 4)
        ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), "0")
