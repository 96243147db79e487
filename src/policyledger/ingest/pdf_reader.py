"""Read the text of a PDF with pdfplumber, rebuilding its paragraphs from the page layout.

A PDF has lines, not paragraphs. A line that runs to the right edge of the text block continues
into the next one (also across a page break); a line that stops short, a first-line indent (two
characters in Chinese official documents) or a wider vertical gap starts a new paragraph. Running
headers and footers that are bare page numbers ("- 1 -", "第1页" …) are dropped. Wrapped lines are
joined without a space next to Chinese text and with one between Latin words.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from policyledger.errors import InputError
from policyledger.ingest._messages import PDF_MAGIC, looks_like, one_line, read_head, shown_path

# Characters next to which a line wrap is joined without a space: CJK ideographs, kana, hangul,
# CJK and full-width punctuation, and the dashes and ellipsis Chinese text uses.
_NO_SPACE_RE = re.compile(
    "[\u1100-\u11ff\u2014\u2015\u2026\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe10-\ufe1f"
    "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)
_QUOTES = "\"'‘’“”«»"
_CJK_RE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# Punctuation that may not start a line: typesetters pull the character before it down too.
_CLOSING = "，。、；：？！）》」』】〕”’…—,.;:?!)]"

_DASHES = "-–—―－~·•・"
_DECORATED_PAGE_NUMBER_RE = re.compile(
    rf"[{_DASHES}]+\d{{1,4}}[{_DASHES}]+"  # - 1 -, — 1 —, ·1·
    r"|第\d{1,4}页(共\d{1,4}页)?|共\d{1,4}页第\d{1,4}页"  # 第1页, 第1页共9页
    r"|(?i:page)\d{1,4}((?i:of)\d{1,4})?|\d{1,4}/\d{1,4}"  # Page 1 of 9, 1/9
)
_BARE_NUMBER_RE = re.compile(r"\d{1,4}")

_WRAP_TOLERANCE_EM = 1.5  # a line ending this close to the right edge is wrapped
_INDENT_EM = 0.8  # a line starting this far right of the left edge is a first line
_X_TOLERANCE_RATIO = 0.2  # a gap wider than this share of the font size separates words
_DEDUPE_PT = 1.0  # copies of a character this close are one character printed twice


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # median font size: the width of one CJK character
    first_word: float  # width of the first word (a CJK character and any closing punctuation)
    page: int


def read_pdf(path: Path) -> str:
    """Return the text of the PDF at ``path``: one paragraph per line, separated by blank lines.

    Raises :class:`InputError` for files that are not PDFs, are damaged or password-protected,
    and for PDFs without a text layer (scans: OCR is not supported).
    """
    name = shown_path(path)
    _check_header(path, name)
    pages = [_page_lines(chars, number) for number, chars in enumerate(_page_chars(path, name))]
    pages = _drop_page_numbers(pages)
    paragraphs = _paragraphs(pages)
    if not paragraphs:
        raise InputError(
            f"{name} has no extractable text: it looks like a scanned image, and OCR is not"
            " supported (convert it with an OCR tool first)"
        )
    return "\n\n".join(paragraphs)


def _check_header(path: Path, name: str) -> None:
    try:
        head = read_head(path)
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {one_line(exc.strerror or exc)}") from exc
    if PDF_MAGIC not in head:
        what = looks_like(head)
        detail = f"it is {what}" if what else "it does not start with %PDF-"
        raise InputError(f"{name} is not a valid PDF: {detail}")


def _page_chars(path: Path, name: str) -> Iterator[list[dict[str, Any]]]:
    """Each page's characters, as pdfplumber finds them; damage becomes an InputError."""
    import pdfplumber  # imported here so that reading a text file does not pay for it

    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                chars = page.chars
                page.close()  # drop the page's cached objects: big documents stay small
                yield chars
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise InputError(f"{name} is not a valid PDF: {_explain(exc)}") from exc


def _explain(exc: BaseException) -> str:
    # pdfplumber wraps pdfminer's errors: PdfminerException(original_exception)
    if exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    kind = type(exc).__name__
    if kind == "PDFPasswordIncorrect":
        return "it is password-protected"
    if kind == "PDFEncryptionError":
        return "it is encrypted in a way that cannot be read"
    return f"the file is damaged ({one_line(exc)})"


def _reading_frame(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's characters as read: text turned by 90 degrees is turned back.

    A page shown in landscape (/Rotate) has all its text "not upright": then those characters
    are given coordinates in their own reading direction. Otherwise the few characters that are
    not upright (a stamp or a margin note set sideways) are left out.
    """
    upright = [c for c in chars if c.get("upright", True)]
    if 2 * len(upright) >= len(chars):
        return upright
    turned = [c for c in chars if not c.get("upright", True)]
    downward = 2 * sum(1 for c in turned if c["matrix"][1] < 0) > len(turned)
    result = []
    for char in turned:
        if downward:  # lines run top to bottom and follow each other from right to left
            x0, x1, top, bottom = char["top"], char["bottom"], -char["x1"], -char["x0"]
        else:  # lines run bottom to top and follow each other from left to right
            x0, x1, top, bottom = -char["bottom"], -char["top"], char["x0"], char["x1"]
        result.append(
            {
                **char,
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "width": x1 - x0,
                "height": bottom - top,
                "upright": True,
            }
        )
    return result


def _unique_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Characters without the copies that "fake bold" prints 1 pt or less apart.

    (pdfplumber's own dedupe_chars does the same in quadratic time: seconds per document.)
    """
    kept: list[dict[str, Any]] = []
    seen: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for char in chars:
        text, x0, top = char["text"], char["x0"], char["top"]
        cell_x, cell_y = int(x0 // _DEDUPE_PT), int(top // _DEDUPE_PT)
        if not text.isspace() and any(
            abs(other["x0"] - x0) <= _DEDUPE_PT
            and abs(other["top"] - top) <= _DEDUPE_PT
            and other["size"] == char["size"]
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in seen.get((text, cell_x + dx, cell_y + dy), ())
        ):
            continue
        seen.setdefault((text, cell_x, cell_y), []).append(char)
        kept.append(char)
    return kept


def _page_lines(page_chars: list[dict[str, Any]], number: int) -> list[_Line]:
    """A page's text lines in reading order."""
    from pdfplumber.utils import chars_to_textmap

    chars = _unique_chars(_reading_frame(page_chars))
    if not chars:
        return []
    textmap = chars_to_textmap(chars, x_tolerance_ratio=_X_TOLERANCE_RATIO)
    lines = []
    for found in textmap.extract_text_lines(strip=True, return_chars=True):
        chars = [c for c in found["chars"] if not c["text"].isspace()]
        text = found["text"].strip()
        if not chars or not text:
            continue
        size = statistics.median(c["size"] for c in chars) or 1.0
        x0 = min(c["x0"] for c in chars)
        lines.append(
            _Line(
                text=text,
                x0=x0,
                x1=max(c["x1"] for c in chars),
                top=min(c["top"] for c in chars),
                bottom=max(c["bottom"] for c in chars),
                size=size,
                first_word=_first_word_end(chars, size) - x0,
                page=number,
            )
        )
    return lines


def _first_word_end(chars: list[dict[str, Any]], size: float) -> float:
    end = chars[0]["x1"]
    cjk = bool(_CJK_RE.match(chars[0]["text"]))
    for char in chars[1:]:
        gap = char["x0"] - end
        if char["text"] in _CLOSING and gap < 0.3 * size:
            end = char["x1"]
        elif cjk or _CJK_RE.match(char["text"]) or gap > _X_TOLERANCE_RATIO * size:
            break
        else:
            end = char["x1"]
    return end


def _page_number_kind(text: str) -> str | None:
    """'decorated' for "- 1 -", "第1页" …, 'bare' for "12", None for anything else."""
    compact = _compact(text)
    if _DECORATED_PAGE_NUMBER_RE.fullmatch(compact):
        return "decorated"
    if _BARE_NUMBER_RE.fullmatch(compact):
        return "bare"
    return None


def _drop_page_numbers(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Remove page-number headers/footers: the first or last line of a page.

    A decorated number ("- 3 -") always goes. A bare one ("3") goes when it stands apart from the
    body (more than a blank line away) or when its difference from the page index recurs on
    another page (a running number), so that "2022" alone on a cover line is kept.
    """
    candidates: list[tuple[int, int, str]] = []  # (page, line index, kind)
    for number, lines in enumerate(pages):
        ends = {0, len(lines) - 1} if lines else set()
        for index in sorted(ends):
            kind = _page_number_kind(lines[index].text)
            if kind:
                candidates.append((number, index, kind))
    if not candidates:
        return pages

    gap_limit = _gap_limit(pages)
    offsets = Counter(
        int(_compact(pages[p][i].text)) - p for p, i, kind in candidates if kind == "bare"
    )
    drop: set[tuple[int, int]] = set()
    for number, index, kind in candidates:
        lines = pages[number]
        line = lines[index]
        if kind == "bare" and offsets[int(_compact(line.text)) - number] < 2 and len(lines) > 1:
            neighbour = lines[1] if index == 0 else lines[index - 1]
            gap = neighbour.top - line.bottom if index == 0 else line.top - neighbour.bottom
            if gap <= 2 * gap_limit:
                continue  # close to the body text: a number in the text, not a page number
        drop.add((number, index))
    return [
        [line for index, line in enumerate(lines) if (number, index) not in drop]
        for number, lines in enumerate(pages)
    ]


def _compact(text: str) -> str:
    """The text with full-width forms folded (NFKC) and all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _gap_limit(pages: list[list[_Line]]) -> float:
    """The vertical gap between two lines above which they belong to different paragraphs."""
    gaps = [b.top - a.bottom for lines in pages for a, b in pairwise(lines) if b.top > a.top]
    heights = [line.bottom - line.top for lines in pages for line in lines]
    if not gaps:
        return statistics.median(heights) if heights else 0.0
    return max(statistics.median(gaps), 0.0) + 0.6 * statistics.median(heights)


def _page_edges(lines: list[_Line]) -> tuple[float, float]:
    """Where the page's lines typically start and end.

    The right edge is the median end of the longest lines (those within two characters of the
    90th percentile), so that punctuation hanging into the margin and a stray wide line do not
    push it out; the left edge is the median start of the lines that start furthest left.
    """
    em = statistics.median(line.size for line in lines)
    ends = sorted(line.x1 for line in lines)
    longest = ends[min(len(ends) - 1, int(0.9 * len(ends)))]
    starts = sorted(line.x0 for line in lines)
    leftmost = starts[int(0.1 * len(starts))]
    return (
        statistics.median(x for x in starts if x <= leftmost + 0.5 * em),
        statistics.median(x for x in ends if x >= longest - 2 * em),
    )


def _edges(pages: list[list[_Line]]) -> list[tuple[float, float]]:
    """The left and right edge of each page's text block.

    Taken from the page's own lines, except on pages whose lines are all indented or short,
    which use the document's typical edges.
    """
    own = [_page_edges(lines) if lines else None for lines in pages]
    known = [edge for edge, lines in zip(own, pages, strict=True) if edge and len(lines) >= 5] or [
        edge for edge in own if edge
    ]
    if not known:
        return [(0.0, 0.0)] * len(pages)
    doc_left = statistics.median(edge[0] for edge in known)
    doc_right = statistics.median(edge[1] for edge in known)
    result = []
    for edge, lines in zip(own, pages, strict=True):
        if edge is None:
            result.append((doc_left, doc_right))
            continue
        em = statistics.median(line.size for line in lines)
        left = edge[0] if edge[0] < doc_left + 2 * em else doc_left
        right = edge[1] if edge[1] > doc_right - 2 * em else doc_right
        result.append((left, right))
    return result


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    edges = _edges(pages)
    gap_limit = _gap_limit(pages)
    paragraphs: list[str] = []
    current = ""
    previous: _Line | None = None
    for line in (line for lines in pages for line in lines):
        if previous is not None and _continues(previous, line, edges, gap_limit):
            current = _join(current, line.text)
        else:
            if current:
                paragraphs.append(current)
            current = line.text
        previous = line
    if current:
        paragraphs.append(current)
    return paragraphs


def _continues(
    previous: _Line, line: _Line, edges: list[tuple[float, float]], gap_limit: float
) -> bool:
    """Whether ``line`` carries on the paragraph that ``previous`` belongs to."""
    right = edges[previous.page][1]
    left = edges[line.page][0]
    room = right - previous.x1
    # Stopped short: the next line's first word would have fitted after it.
    if room > max(_WRAP_TOLERANCE_EM * previous.size, line.first_word + 0.3 * previous.size):
        return False
    if line.x0 - left > _INDENT_EM * line.size:
        return False
    if abs(line.size - previous.size) > 0.15 * max(line.size, previous.size):
        return False  # a heading in a larger type, or a note in a smaller one
    return not (line.page == previous.page and line.top - previous.bottom > gap_limit)


def _join(text: str, more: str) -> str:
    """Join a wrapped line onto the paragraph so far: no space next to Chinese text."""
    end = text.rstrip(_QUOTES)[-1:] or text[-1]
    start = more.lstrip(_QUOTES)[:1] or more[0]
    if _NO_SPACE_RE.match(end) or _NO_SPACE_RE.match(start):
        return text + more
    if text[-1] in "-\u2010" and text[-2:-1].isalpha() and start.isalpha():
        return text + more  # a hyphenated word or compound split at the line end
    return f"{text} {more}"
