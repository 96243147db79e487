"""Normalise decoded document text into clean paragraphs.

Gazette text arrives with line-wrap spaces inside Chinese text ("节能减排 综合"), paragraphs
split by page breaks ("按职责分\\n\\n工负责"), full-width digits and a mix of half- and full-width
punctuation. Everything downstream works on the normalised text this module produces; the
character offsets the extractor emits point into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WIDTH_MAP = {"\u3000": " ", "\t": " ", "\u00a0": " ", "％": "%"}
_WIDTH_MAP.update({chr(0xFF10 + i): str(i) for i in range(10)})  # ０-９
_WIDTH_MAP.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})  # Ａ-Ｚ
_WIDTH_MAP.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})  # ａ-ｚ
_WIDE_CHARS = re.compile("[" + "".join(_WIDTH_MAP) + "]")
# Characters that count as "Chinese context" (with CJK ideographs and full-width forms) when
# deciding whether a space is a line-wrap space or half-width punctuation belongs to Chinese text.
_CJK_PUNCTUATION = frozenset(chr(c) for c in range(0x3000, 0x3040)) | frozenset(
    "\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
)

_SPACE_RUN = re.compile(r"[ ]+")
_SPACE_BEFORE_PERCENT = re.compile(r"(\d) +([%‰])")
_FULLWIDTH_DOT_IN_NUMBER = re.compile(r"(?<=\d)．(?=\d)")
_HALF_BRACKETS = re.compile(r"\(([^()\n]*)\)")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_HALF_PUNCT = re.compile(r"[,;:!?]")
_PUNCT_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}

# A paragraph that ends with one of these is complete; a page break after anything else may
# have split a sentence.
_TERMINAL = set("。！？；：…）】〕」』>);:!?")
_NUMBERED_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、](?!\d)|"
    r"[（(]\d{1,3}[）)]|第[一二三四五六七八九十百]+[章节条部分]|——|附件)"
)
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\d+号$")
_SENTENCE_PUNCT = re.compile(r"[，。；,;]")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of normalised text and where it sits in the normalised document."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class NormalizedText:
    """The normalised document: its text (paragraphs joined by newlines) and its paragraphs."""

    text: str
    paragraphs: tuple[Paragraph, ...]


def _normalize_characters(text: str) -> str:
    """Widths, line-wrap spaces and full-width dots inside numbers, over the whole text."""
    text = _WIDE_CHARS.sub(lambda m: _WIDTH_MAP[m.group()], text)
    if "．" in text:
        text = _FULLWIDTH_DOT_IN_NUMBER.sub(".", text)
    text = _SPACE_RUN.sub(lambda m: "" if _in_cjk_context(text, m) else m.group(), text)
    return _SPACE_BEFORE_PERCENT.sub(r"\1\2", text) if " %" in text or " ‰" in text else text


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or char in _CJK_PUNCTUATION or "\uff00" <= char <= "\uffef"


def _in_cjk_context(text: str, m: re.Match[str]) -> bool:
    """Whether the character just before or just after the match is Chinese text."""
    start, end = m.start(), m.end()
    return (start > 0 and _is_cjk(text[start - 1])) or (end < len(text) and _is_cjk(text[end]))


def _normalize_punctuation(text: str) -> str:
    """Half-width brackets and punctuation inside Chinese text become full-width."""
    if "(" in text:
        text = _convert_brackets(text)
    return _HALF_PUNCT.sub(
        lambda m: (
            _PUNCT_TO_FULL[m.group()]
            if _in_cjk_context(text, m) or _ends_number_line(text, m)
            else m.group()
        ),
        text,
    )


def _ends_number_line(text: str, m: re.Match[str]) -> bool:
    """ "达到40%;" at the end of a line is Chinese punctuation too."""
    start, end = m.start(), m.end()
    return start > 0 and text[start - 1] in "%‰" and (end == len(text) or text[end] == "\n")


def _convert_brackets(line: str) -> str:
    """Turn half-width brackets around Chinese content into full-width ones (innermost first)."""

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1)
        if _HAS_CJK.search(inner):
            return f"（{inner}）"
        return f"\x00{inner}\x01"  # keep ASCII brackets, but let outer pairs still be matched

    previous = None
    while previous != line:
        previous = line
        line = _HALF_BRACKETS.sub(repl, line)
    return line.replace("\x00", "(").replace("\x01", ")")


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the paragraph ``previous`` that a page break or wrap split."""
    last, first = previous[-1], line[0]
    if previous.count("（") + previous.count("(") > previous.count("）") + previous.count(")"):
        return not _NUMBERED_START.match(line)  # a bracket left open: "（…按职责分" + "工负责）"
    if last in _TERMINAL:
        return False
    if not (_is_cjk_or_digit(last) and (_is_cjk_or_digit(first) or first in "%“《")):
        return False
    if _NUMBERED_START.match(line) or _DATE_LINE.match(line) or _DOC_NUMBER_LINE.match(line):
        return False
    if _NUMBERED_START.match(previous) and not _SENTENCE_PUNCT.search(previous):
        return False  # a bare heading such as "三、工作任务"
    return bool(_SENTENCE_PUNCT.search(previous)) or len(previous) >= 40


def _is_cjk_or_digit(char: str) -> bool:
    return char.isdigit() or "\u3400" <= char <= "\u9fff" or char in "，、“”《》（,("


def normalize(raw: str) -> NormalizedText:
    """Normalise a decoded document into paragraphs.

    Blank lines and single newlines both end a line; lines are then re-joined where a page
    break or hard wrap split a sentence.
    """
    merged: list[str] = []
    for raw_line in _normalize_characters(raw).split("\n"):
        line = raw_line.strip()
        if not line:
            continue
        if merged and _continues(merged[-1], line):
            merged[-1] += line
        else:
            merged.append(line)
    merged = _normalize_punctuation("\n".join(merged)).split("\n")
    paragraphs = []
    offset = 0
    for text in merged:
        paragraphs.append(Paragraph(offset, text))
        offset += len(text) + 1
    return NormalizedText("\n".join(merged), tuple(paragraphs))
