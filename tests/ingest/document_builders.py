"""Build DOCX and PDF test documents from plain text (paragraphs separated by blank lines)."""

from __future__ import annotations

import os
from xml.sax.saxutils import escape

FONT = "STSong-Light"  # a CID font built into PDF readers: no font file is needed


def paragraphs_of(text: str) -> list[str]:
    """The non-empty blank-line-separated paragraphs of ``text``, stripped."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def build_docx(text: str, path: str | os.PathLike[str]) -> None:
    """Write a DOCX with one paragraph per blank-line-separated paragraph of ``text``."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs_of(text):
        document.add_paragraph(paragraph)
    document.save(os.fspath(path))


def build_pdf(text: str, path: str | os.PathLike[str]) -> None:
    """Write a multi-page A4 PDF the way Chinese official documents are laid out.

    One paragraph per blank-line-separated paragraph, CJK line wrapping, a first-line indent of
    two characters, and a page number footer ("- 3 -") on every page.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    size = 12
    style = ParagraphStyle(
        "body", fontName=FONT, fontSize=size, leading=18, wordWrap="CJK", firstLineIndent=2 * size
    )

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(A4[0] / 2, 1.5 * cm, f"- {document.page} -")
        canvas.restoreState()

    document = SimpleDocTemplate(
        os.fspath(path),
        pagesize=A4,
        leftMargin=2.8 * cm,
        rightMargin=2.6 * cm,
        topMargin=3.7 * cm,
        bottomMargin=3.5 * cm,
    )
    story = [Paragraph(escape(paragraph), style) for paragraph in paragraphs_of(text)]
    document.build(story, onFirstPage=footer, onLaterPages=footer)
