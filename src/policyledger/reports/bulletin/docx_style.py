"""The official-document page and type of GB/T 9704—2012 in python-docx terms: A4 with the
standard margins, the 22 × 28 text grid, the fonts by East Asian name with a free fallback,
the "— 1 —" page numbers on alternating sides, and table helpers.

No free 仿宋/小标宋/楷体 exists, so each run names the official face in ``w:eastAsia`` (it is
used wherever it is installed) and a Noto CJK face in the ASCII/hAnsi slots; the font table
also gives the Noto face as each official face's ``w:altName``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

PAGE_W_MM, PAGE_H_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
TEXT_WIDTH_MM = PAGE_W_MM - LEFT_MM - RIGHT_MM  # 156
BODY_PT = 16  # 三号
LINE_PT = 28.9  # 22 lines in the 225 mm text height
LINE_PITCH = 578  # twips: 28.9 pt
CHARS_PER_LINE = 28
FOOTER_MM = 21  # the page number's top 7 mm below the text area


@dataclass(frozen=True)
class Face:
    """A face as a DOCX names it: the official East Asian font and the free fallback."""

    east_asia: str
    latin: str


FANGSONG = Face("仿宋_GB2312", "Noto Serif CJK SC")
XIAOBIAOSONG = Face("方正小标宋简体", "Noto Serif CJK SC")
HEITI = Face("黑体", "Noto Sans CJK SC")
KAITI = Face("楷体_GB2312", "Noto Serif CJK SC")
SONGTI = Face("宋体", "Noto Serif CJK SC")


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def char_space() -> int:
    """``w:charSpace`` for 28 characters a line: (pitch − 16 pt) in 1/4096 pt, as Word rounds.

    The text width in whole twips (page minus both margins, each rounded as Word stores it),
    divided by 28, is the character pitch; Word keeps the floor of the difference."""
    width = _twips(PAGE_W_MM) - _twips(LEFT_MM) - _twips(RIGHT_MM)
    pitch = width / 20 / CHARS_PER_LINE
    return math.floor((pitch - BODY_PT) * 4096)


# the order of the children of w:rPr and w:pPr in the schema (CT_RPr, CT_PPr)
_RPR = (
    "w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps w:smallCaps w:strike w:dstrike w:outline "
    "w:shadow w:emboss w:imprint w:noProof w:snapToGrid w:vanish w:webHidden w:color w:spacing "
    "w:w w:kern w:position w:sz w:szCs w:highlight w:u w:effect w:bdr w:shd w:fitText "
    "w:vertAlign w:rtl w:cs w:em w:lang w:eastAsianLayout w:specVanish w:oMath"
)
_PPR = (
    "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr "
    "w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap "
    "w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd "
    "w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc "
    "w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr "
    "w:sectPr w:pPrChange"
)


def child(parent: Any, tag: str) -> Any:
    """``parent``'s ``tag`` child, created in its schema place (Word rejects misordered XML)."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    order = (_RPR if parent.tag == qn("w:rPr") else _PPR).split()
    element = OxmlElement(tag)
    later = {qn(t) for t in order[order.index(tag) + 1 :]}
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


def set_val(parent: Any, tag: str, value: str | int) -> None:
    child(parent, tag).set(qn("w:val"), str(value))


def set_fonts(
    rpr: Any,
    face: Face,
    size: float | None = None,
    bold: bool | None = None,
    condense: int | None = None,
) -> None:
    """Name ``face`` in a run's or a style's ``w:rPr`` (theme fonts removed); set its size,
    weight and character spacing (``condense`` in twips, negative to condense)."""
    fonts = child(rpr, "w:rFonts")
    for name in list(fonts.attrib):
        if name.endswith(("Theme", "theme")):
            del fonts.attrib[name]
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), face.latin)
    fonts.set(qn("w:eastAsia"), face.east_asia)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        set_val(rpr, "w:sz", round(size * 2))
        set_val(rpr, "w:szCs", round(size * 2))
    if bold is not None:
        set_val(rpr, "w:b", int(bold))
        set_val(rpr, "w:bCs", int(bold))
    if condense is not None:
        set_val(rpr, "w:spacing", condense)


def no_grid(ppr: Any, rpr: Any = None) -> None:
    """Keep a paragraph (and, given its ``w:rPr``, its characters) off the document grid."""
    set_val(ppr, "w:snapToGrid", 0)
    if rpr is not None:
        set_val(rpr, "w:snapToGrid", 0)


def page_setup(section: Any) -> None:
    """A4, margins 37/35/28/26 mm, the footer 21 mm from the edge, the 22 × 28 grid."""
    section.page_width, section.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.footer_distance = Mm(FOOTER_MM)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(char_space()))


def _run(paragraph: Any, text: str | None = None, face: Face = SONGTI, size: float = 14) -> Any:
    run = paragraph.add_run(text or "")
    set_fonts(run._r.get_or_add_rPr(), face, size)
    set_val(run._r.get_or_add_rPr(), "w:snapToGrid", 0)
    return run


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (``PAGE``) shown as ``shown`` until Word updates it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = _run(paragraph)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
    _run(paragraph, shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    _run(paragraph)._r.append(end)


def page_numbers(document: Any, section: Any) -> None:
    """ "— N —" in 四号 宋体: odd pages at the right, even pages at the left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(20)
        fmt.space_before = fmt.space_after = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = Pt(14)
        else:
            fmt.left_indent = Pt(14)
        fmt.first_line_indent = Pt(0)  # the Footer style inherits the body's indent
        ppr = paragraph._p.get_or_add_pPr()
        ppr.find(qn("w:ind")).set(qn("w:firstLineChars"), "0")
        no_grid(ppr)
        _run(paragraph, "— ")
        _field(paragraph, " PAGE ", "1")
        _run(paragraph, " —")


def repeat_header(row: Any) -> None:
    """Repeat this row at the top of every page the table runs onto; never split it."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):  # w:trPr takes its children in any order
        element = OxmlElement(tag)
        element.set(qn("w:val"), "1")
        trpr.append(element)


def keep_row_whole(row: Any) -> None:
    """Never split this row across two pages."""
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "1")
    row._tr.get_or_add_trPr().append(element)


def fix_widths(table: Any, widths_mm: list[float]) -> list[Twips]:
    """Fixed layout at the given column widths (they add up to at most the text width); the
    widths to give each cell (python-docx writes them on the cells, not only on the grid)."""
    if sum(widths_mm) > TEXT_WIDTH_MM + 0.01:
        raise ValueError(f"table wider than the text: {sum(widths_mm)} mm")
    table.autofit = False  # w:tblLayout fixed
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = table._tbl.tblPr.find(qn("w:tblW"))  # python-docx always writes one
    width.set(qn("w:type"), "dxa")
    widths = [Twips(_twips(mm)) for mm in widths_mm]
    width.set(qn("w:w"), str(sum(w.twips for w in widths)))
    for column, length in zip(table.columns, widths, strict=True):
        column.width = length
    return widths


def font_alternates(document: Any, faces: list[Face]) -> None:
    """Name each official face in the font table with its free fallback as ``w:altName``
    (python-docx keeps the font table as bytes: it is parsed, extended and stored back)."""
    from lxml import etree

    parts = [r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")]
    if not parts:
        return
    part = parts[0]
    root = etree.fromstring(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for face in faces:
        if face.east_asia in known:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), face.east_asia)
        for tag, value in (("w:altName", face.latin), ("w:charset", "86"), ("w:family", "auto")):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
        known.add(face.east_asia)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
