"""The English titles a gazette issue prints for its documents.

A Chinese gazette issue often prints its table of contents twice: in Chinese (``目录``) and in
English. Both lists end each entry with the page the document starts on, so the page numbers
pair a Chinese title with its English one. :func:`english_titles` reads both lists from a
gazette's text (raw or normalised) and pairs them; :func:`issued_plan_titles` splits an English
notice title ("Notice … on Issuing the X and the Y") into the titles of the plans it issues, and
:func:`plan_titles_en` pairs those with the plans' Chinese names.

Everything here is a pure function over text: nothing is translated, only what the gazette
itself prints is returned.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_CONTENTS_HEADING = ("目录", "目次")
_ZH_SECTION = re.compile(r"^【.+】$")
# "…标题……………(14)" or "…标题 （14）": the page number closes the line
_ZH_ENTRY = re.compile(r"^(?P<title>.*?)[….·]*[（(](?P<page>\d{1,3})[)）]$")
# "Notice of … (2022~2024) (14)" or "… Period ... (1)"
_EN_ENTRY = re.compile(r"^(?P<title>.*?[A-Za-z)\]].*?)[\s.…·]*\((?P<page>\d{1,3})\)$")
_EN_CONNECTOR = re.compile(r"(?:\b(?:and|of|on|for|the|in|to|at|by|with|a|an)|[,;:\-–])$", re.I)
_ISSUING = re.compile(
    r"\bon\s+(?:Issuing|Printing\s+and\s+Distributing|Distributing|Promulgating)\s+(?P<rest>.+)$",
    re.I,
)
_PLAN_SEPARATOR = re.compile(r",\s+(?:and\s+)?the\s+|\s+and\s+the\s+", re.I)
_DOCUMENT_KIND = re.compile(
    r"\b(?:Plans?|Programmes?|Programs?|Schemes?|Measures|Opinions|Rules|Regulations|"
    r"Provisions|Methods|Catalogues?|Lists?|Guidelines|Outlines?|Policies|Standards)\b",
    re.I,
)


@dataclass(frozen=True)
class EnglishTitle:
    """One document of the issue: its page, its title in the Chinese contents, its title in
    the English contents, and the English titles of the plans it issues (empty when the title
    does not say "on Issuing …")."""

    page: int
    title_zh: str
    title_en: str
    plans_en: tuple[str, ...]


def title_key(title: str) -> str:
    """A title compared without white space and width differences (``（`` equals ``(``)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", title))


def english_titles(text: str) -> list[EnglishTitle] | None:
    """Each document's English title as the issue prints it, paired with its Chinese title
    through the page number; ``None`` when the text has no English contents. A page shared by
    several documents is paired in order when both lists name as many; otherwise it is left
    out rather than guessed."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    start = _contents_start(lines)
    chinese, after = _chinese_entries(lines, start)
    english = _english_entries(lines, after)
    if not english:
        return None
    by_page: dict[int, list[str]] = defaultdict(list)
    for page, title in english:
        by_page[page].append(title)
    chinese_by_page: dict[int, list[str]] = defaultdict(list)
    for page, title in chinese:
        chinese_by_page[page].append(title)
    paired: list[EnglishTitle] = []
    for page, titles_zh in chinese_by_page.items():
        titles_en = by_page.get(page, [])
        if len(titles_en) != len(titles_zh):
            continue
        for title_zh, title_en in zip(titles_zh, titles_en, strict=True):
            paired.append(EnglishTitle(page, title_zh, title_en, issued_plan_titles(title_en)))
    return sorted(paired, key=lambda entry: entry.page)


def english_title_for(
    titles: Iterable[EnglishTitle] | None, document_title: str
) -> EnglishTitle | None:
    """The entry whose Chinese title is ``document_title`` (ignoring spaces and widths)."""
    wanted = title_key(document_title)
    for entry in titles or ():
        if title_key(entry.title_zh) == wanted:
            return entry
    return None


def issued_plan_titles(notice_title: str) -> tuple[str, ...]:
    """The titles of the plans an English notice title issues: "… on Issuing the X and the Y"
    → (X, Y); one plan → (X,); a title that issues nothing (an opinion, a decision) → ()."""
    match = _ISSUING.search(" ".join(notice_title.split()))
    if match is None:
        return ()
    rest = re.sub(r"^the\s+", "", match.group("rest").strip(), flags=re.I).rstrip(" .")
    parts = [part.strip() for part in _PLAN_SEPARATOR.split(rest)]
    if len(parts) > 1 and all(_DOCUMENT_KIND.search(part) for part in parts):
        return tuple(parts)
    return (rest,) if _DOCUMENT_KIND.search(rest) else ()


def plan_titles_en(entry: EnglishTitle | None, plan_names: Iterable[str]) -> dict[str, str]:
    """The English title of each plan (by its Chinese name) of the document ``entry`` is
    about: the plans are ordered by where their names appear in the Chinese title and paired
    with the English plan titles in order. Empty when the names and titles do not match up."""
    if entry is None or not entry.plans_en:
        return {}
    names = list(plan_names)
    title = title_key(entry.title_zh)
    places = {name: title.find(title_key(name)) for name in names}
    if not names or any(at < 0 for at in places.values()) or len(names) != len(entry.plans_en):
        return {}
    ordered = sorted(names, key=lambda name: places[name])
    return dict(zip(ordered, entry.plans_en, strict=True))


# --- reading the two lists ---------------------------------------------------------------------


def _contents_start(lines: list[str]) -> int:
    """The line after the Chinese contents heading; 0 when there is none."""
    for index, line in enumerate(lines[:200]):
        if re.sub(r"\s+", "", line) in _CONTENTS_HEADING:
            return index + 1
    return 0


def _chinese_entries(lines: list[str], start: int) -> tuple[list[tuple[int, str]], int]:
    """The (page, title) entries of the Chinese contents from ``start``, a title wrapped over
    several lines joined, and the index of the first line that is not Chinese."""
    entries: list[tuple[int, str]] = []
    pending = ""
    index = start
    while index < len(lines):
        line = re.sub(r"\s+", "", lines[index])
        if not _CJK.search(line):
            if _LATIN_WORD.search(line):
                break  # the English contents (or the English masthead) begin
            index += 1
            continue
        if _ZH_SECTION.match(line):
            pending = ""
        elif match := _ZH_ENTRY.match(line):
            entries.append((int(match.group("page")), pending + match.group("title")))
            pending = ""
        elif len(line) < 120 and len(pending) < 240:
            pending += line  # a title wrapped onto the next line
        else:
            pending = ""
        index += 1
    return entries, index


def _english_entries(lines: list[str], start: int) -> list[tuple[int, str]]:
    """The (page, title) entries of the English contents from ``start`` up to the next
    Chinese line. A line without a page number is joined to the next when it ends on a
    connecting word or the next begins in lower case; otherwise it is a heading, dropped."""
    entries: list[tuple[int, str]] = []
    pending = ""
    for index in range(start, len(lines)):
        line = " ".join(lines[index].split())
        if _CJK.search(line):
            break
        if not _LATIN_WORD.search(line) and not pending:
            continue
        joined = f"{pending} {line}".strip()
        if match := _EN_ENTRY.match(joined):
            title = match.group("title").strip()
            entries.append((int(match.group("page")), title))
            pending = ""
            continue
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        continues = _EN_CONNECTOR.search(line) or following[:1].islower()
        pending = joined if continues else ""
    return entries
