"""The named paragraph styles of the DOCX bulletin: 三号 仿宋 body at exactly 28.9 pt with a
two-character first-line indent, 黑体 and 楷体 headings, the 二号 小标宋 title, 五号 table text
and the figure styles; the document defaults name the fonts and the Chinese language."""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from policyledger.reports.bulletin.docx_style import (
    BODY_PT,
    FANGSONG,
    HEITI,
    KAITI,
    LINE_PT,
    SONGTI,
    XIAOBIAOSONG,
    Face,
    no_grid,
    set_fonts,
)

TABLE_PT = 10.5  # 五号
# 28 characters of 16 pt fill the 156 mm line once each is condensed by 0.25 pt (5 twips):
# Word's character grid would squeeze them the same way, but other programs (LibreOffice)
# spread a character wider than its grid cell over two cells, so the grid stays declared only
BODY_CONDENSE = -5


def _style(
    document: Any,
    name: str,
    face: Face,
    size: float,
    base: str | None = "Normal",
    condense: int | None = None,
) -> Any:
    """The paragraph style ``name`` (created if new) in ``face`` at ``size``, black, upright,
    not bold, without space before or after."""
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else None
    if style is None:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    set_fonts(style.element.get_or_add_rPr(), face, size, bold=False, condense=condense)
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.italic = False
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    return style


def first_line_chars(style: Any, chars: int) -> None:
    """A first-line indent of ``chars`` characters, in points and in characters (Word prefers
    ``w:firstLineChars`` when it is there, so a style that indents nothing must say 0)."""
    style.paragraph_format.first_line_indent = Pt(BODY_PT * chars)
    ind = style.element.get_or_add_pPr().find(qn("w:ind"))
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def add_styles(document: Any) -> None:
    """Define the bulletin's styles (and the document defaults) in ``document``."""
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = defaults.find(qn("w:rPr"))
    set_fonts(rpr, FANGSONG, BODY_PT)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    normal = _style(document, "Normal", FANGSONG, BODY_PT, base=None, condense=BODY_CONDENSE)
    no_grid(normal.element.get_or_add_pPr(), normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = True
    first_line_chars(normal, 2)
    for name, face in (("Heading 1", HEITI), ("Heading 2", KAITI)):
        heading = _style(document, name, face, BODY_PT)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.line_spacing = Pt(LINE_PT)
        heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        first_line_chars(heading, 2)
    title = _style(document, "Bulletin Title", XIAOBIAOSONG, 22, condense=0)
    set_fonts(title.element.get_or_add_rPr(), XIAOBIAOSONG, 22, bold=True)
    title.paragraph_format.line_spacing = Pt(36)
    subtitle = _style(document, "Bulletin Subtitle", KAITI, BODY_PT)
    for style in (title, subtitle):
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        first_line_chars(style, 0)
    for name, face, size, align in (
        ("Table Text", SONGTI, TABLE_PT, WD_ALIGN_PARAGRAPH.LEFT),
        ("Table Head", HEITI, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER),
        ("Figure", FANGSONG, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER),
        ("Figure Caption", HEITI, 12, WD_ALIGN_PARAGRAPH.CENTER),
    ):
        style = _style(document, name, face, size, condense=0)
        first_line_chars(style, 0)
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        style.paragraph_format.alignment = align
    caption = document.styles["Figure Caption"].paragraph_format
    caption.space_after, caption.keep_with_next = Pt(6), False
    figure = document.styles["Figure"].paragraph_format
    figure.keep_with_next, figure.space_before = True, Pt(6)
