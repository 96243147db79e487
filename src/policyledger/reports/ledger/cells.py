"""Cells of a write-only workbook: named styles registered once per workbook (a cell takes a
style by name, which stays fast on a large ledger), safe text (never a formula, no characters
Excel refuses), number formats, links only to web addresses, and column widths for Chinese
text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from policyledger.reports.ledger.columns import COLOURS, DATE_FORMAT, NUMBER_FORMATS, width

Styles = dict[str, Any]  # a named style → its style array (see add_styles)
MAX_TEXT = 32_767  # the most characters an Excel cell holds
TEXT, WRAPPED, BOLD, TITLE = "ledger-text", "ledger-wrap", "ledger-bold", "ledger-title"
HEADER, HEADER_EN, LINK = "ledger-header", "ledger-header-en", "ledger-link"
INTEGER, DECIMAL, YEAR, DATE = "ledger-integer", "ledger-decimal", "ledger-year", "ledger-date"
TOTAL = "ledger-total"
_FONT = {"name": "Calibri", "size": 11}
_TOP = Alignment(vertical="top")
_HEADER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_STYLES: dict[str, dict] = {
    TEXT: {"alignment": _TOP},
    WRAPPED: {"alignment": Alignment(vertical="top", wrap_text=True)},
    BOLD: {"alignment": _TOP, "font": Font(bold=True, **_FONT)},
    TITLE: {"font": Font(name="Calibri", size=13, bold=True)},
    HEADER: {
        "alignment": _HEADER,
        "font": Font(bold=True, **_FONT),
        "fill": PatternFill("solid", fgColor="D9D9D9"),
    },
    HEADER_EN: {
        "alignment": _HEADER,
        "font": Font(name="Calibri", size=9, italic=True, color="595959"),
        "fill": PatternFill("solid", fgColor="F2F2F2"),
    },
    LINK: {"alignment": _TOP, "font": Font(color="0563C1", underline="single", **_FONT)},
    INTEGER: {"alignment": _TOP, "number_format": NUMBER_FORMATS["integer"]},
    DECIMAL: {"alignment": _TOP, "number_format": NUMBER_FORMATS["decimal"]},
    YEAR: {"alignment": _TOP, "number_format": NUMBER_FORMATS["year"]},
    DATE: {"alignment": _TOP, "number_format": DATE_FORMAT},
    TOTAL: {
        "alignment": _TOP,
        "font": Font(bold=True, **_FONT),
        "number_format": NUMBER_FORMATS["integer"],
    },
}
for _colour, (_fill, _ink) in COLOURS.items():
    _STYLES[f"ledger-{_colour}"] = {
        "alignment": Alignment(horizontal="center", vertical="top"),
        "fill": PatternFill("solid", fgColor=_fill),
        "font": Font(bold=True, color=_ink, **_FONT),
    }
_WEB = re.compile(r"^https?://[^\s\"<>]+$", re.IGNORECASE)


def add_styles(workbook) -> Styles:
    """Register the ledger's named styles with ``workbook`` (once, before any cell); return
    each style's array, for ``Cells``."""
    arrays = {}
    for name, attributes in _STYLES.items():
        style = NamedStyle(name=name)
        style.font = attributes.get("font", Font(**_FONT))
        for key in ("alignment", "fill", "number_format"):
            if key in attributes:
                setattr(style, key, attributes[key])
        workbook.add_named_style(style)
        arrays[name] = style.as_tuple()
    return arrays


def clean(text: str) -> str:
    """Text an Excel cell can hold: without control characters, at most 32,767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_TEXT]


class Cells:
    """Makes the cells of one write-only sheet in the ledger's named styles (a cell starts
    from its style's array: no per-cell style look-ups on a large ledger)."""

    def __init__(self, sheet, styles: Styles) -> None:
        self.sheet = sheet
        self.styles = styles

    def _new(self, style: str, value=None) -> Cell:
        return Cell(self.sheet, row=1, column=1, value=value, style_array=self.styles[style])

    def text(self, text: str | None, style: str = TEXT) -> Cell | None:
        """``text`` as text — never a formula, even when it starts with "="."""
        if text is None or text == "":
            return None
        cell = self._new(style)
        cell.value = clean(text)
        cell.data_type = "s"
        return cell

    def value(self, value, style: str | None = None) -> Cell | None:
        """A number or a date, formatted to show it whole (``style`` overrides)."""
        if value is None:
            return None
        if style is None:
            if isinstance(value, dt.date):
                style = DATE
            elif isinstance(value, int) or float(value).is_integer():
                style = INTEGER
            else:
                style = DECIMAL
        return self._new(style, value)

    def link(self, url: str | None) -> Cell | None:
        """A web address as a link (other schemes stay plain text, never clickable)."""
        if not url:
            return None
        url = clean(url.strip())
        if not _WEB.match(url):
            return self.text(url)
        cell = self.text(url, LINK)
        if cell is not None:
            cell.hyperlink = Hyperlink(ref="", target=url, tooltip="打开来源 open the source")
        return cell

    def sheet_link(self, text: str, target_sheet: str) -> Cell | None:
        """A link to cell A1 of another sheet of the workbook."""
        cell = self.text(text, LINK)
        if cell is not None:
            quoted = target_sheet.replace("'", "''")
            cell.hyperlink = Hyperlink(ref="", location=f"'{quoted}'!A1", display=text)
        return cell

    def warning(self, colour: str | None, word: str | None) -> Cell | None:
        """The warning level: the word, and the cell filled with its colour."""
        if colour is None or word is None:
            return None
        return self.text(word, f"ledger-{colour}" if colour in COLOURS else TEXT)


def fit_widths(
    sheet, columns: Iterable[tuple[Iterable[str], float, float]], padding: float = 2
) -> None:
    """Set each column's width from its texts (CJK counting double), between a floor (the
    header) and a cap; ``columns`` gives (texts, floor, cap) per column, first column first."""
    for index, (texts, floor, cap) in enumerate(columns, start=1):
        longest = max((width(t) for t in set(texts) if t), default=0)
        wanted = max(floor, longest + padding)
        sheet.column_dimensions[get_column_letter(index)].width = min(cap, wanted)
