"""The bulletin as PDF: the HTML page laid out by WeasyPrint (which embeds the fonts it uses).
WeasyPrint is imported only here; when it or the Pango library under it cannot be loaded, the
bulletin stops with a one-line error."""

from __future__ import annotations

import logging
from typing import Any

from policyledger.errors import PolicyLedgerError
from policyledger.reports.bulletin.html import render_html
from policyledger.reports.bulletin.model import Bulletin


def weasyprint_installed() -> None:
    """A quick check before any work (without importing it): is WeasyPrint installed at all?"""
    import importlib.util

    if importlib.util.find_spec("weasyprint") is None:
        raise PolicyLedgerError("cannot make a PDF: WeasyPrint is not installed")


def ensure_weasyprint() -> Any:
    """The WeasyPrint ``HTML`` class; a one-line error when WeasyPrint or Pango is unusable."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        lines = str(error).strip().splitlines()
        reason = lines[0] if lines else type(error).__name__
        raise PolicyLedgerError(
            f"cannot make a PDF: WeasyPrint or its Pango library is unusable ({reason})"
        ) from None
    return HTML


def render_pdf(bulletin: Bulletin) -> tuple[bytes, int]:
    """The PDF bytes and the number of pages (draw the charts into ``bulletin`` first)."""
    html_class = ensure_weasyprint()
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter
    document = html_class(string=render_html(bulletin)).render()
    return document.write_pdf(), len(document.pages)
