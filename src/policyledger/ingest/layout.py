"""Find the parts of a gazette issue or policy document: issue metadata, contents, documents
(文号, title, issuer, recipients, signing date) and the plans each document carries.

Works on normalised paragraphs (see ``normalize``); knows nothing about clauses or targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyledger.ingest.normalize import Paragraph

_DOC_NUMBER = re.compile(r"^([\u4e00-\u9fff]{1,12})[〔\[［(（](\d{4})[〕\]］)）](\d+)号$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_GAZETTE_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,20}公报$")
_ISSUE = re.compile(r"第(\d+)期(?:（总第(\d+)期）)?")
_YEAR_LINE = re.compile(r"^(\d{4})(?:年)?$")
_PUBLISHED_EN = re.compile(
    r"Published on (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) (\d{1,2}), (\d{4})"
)
_PUBLISHED_ZH = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:出版|出刊|印发)")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    )
}
_TOC_ENTRY = re.compile(r"^(.*?)[….·]{2,}\s*[（(]?(\d+)[)）]?$")
_TOC_SECTION = re.compile(r"^【(.+)】$")
_COLOPHON = re.compile(r"^(?:主管单位|主办单位|编辑出版|全国统一刊号|发行范围|印刷单位)[：:]")
_PUBLIC_NOTE = re.compile(r"^[（(]此件(?:公开发布|有删减)[）)]$")
_PLAN_NAMES = re.compile(r"《([^《》]+)》")
_ISSUER_FROM_TITLE = re.compile(r"^(.+?)关于")
_SENTENCE_PUNCT = re.compile(r"[，。；：！？]")


@dataclass
class PlanSpan:
    """An attached plan (or the document itself): its name and its paragraph range [start, end)."""

    name: str
    start: int  # index of the first body paragraph (after the plan's title)
    end: int


@dataclass
class DocumentSpan:
    """One document of an issue: header fields and the plans it carries."""

    title: str
    doc_number: str | None
    issuer: str | None
    date: str | None
    recipients: list[str]
    first: int  # paragraph index where the document starts (its title)
    end: int  # paragraph index after the document
    plans: list[PlanSpan] = field(default_factory=list)
    notice_start: int = 0  # first paragraph of the covering notice's body
    notice_end: int = 0


@dataclass
class Layout:
    """The issue: metadata (or None for a single document), contents and documents."""

    gazette: dict | None
    contents: list[dict]
    documents: list[DocumentSpan]


def _iso(year: str | int, month: str | int, day: str | int) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _gazette_metadata(paras: list[Paragraph]) -> dict | None:
    head = [p.text for p in paras[:40]]
    title = next((t for t in head[:10] if _GAZETTE_TITLE.match(t)), None)
    if title is None:
        return None
    meta: dict = {
        "title": title,
        "year": None,
        "issue": None,
        "cumulative_issue": None,
        "published": None,
    }
    for text in head:
        if meta["year"] is None and (m := _YEAR_LINE.match(text)):
            meta["year"] = int(m.group(1))
        if meta["issue"] is None and (m := _ISSUE.search(text)):
            meta["issue"] = int(m.group(1))
            meta["cumulative_issue"] = int(m.group(2)) if m.group(2) else None
            if meta["year"] is None and (y := re.search(r"(\d{4})年", text)):
                meta["year"] = int(y.group(1))
        if meta["published"] is None:
            if m := _PUBLISHED_EN.search(text):
                meta["published"] = _iso(m.group(3), _MONTHS[m.group(1)], m.group(2))
            elif m := _PUBLISHED_ZH.search(text):
                meta["published"] = _iso(*m.groups())
    return meta


def _contents(paras: list[Paragraph], limit: int) -> list[dict]:
    """The table of contents: entries ending in a page number, with their section heading."""
    entries: list[dict] = []
    section = None
    pending = ""
    in_toc = False
    for p in paras[:limit]:
        text = p.text
        if re.sub(r"\s", "", text) in ("目录", "目次"):
            in_toc = True
            continue
        if not in_toc:
            continue
        if m := _TOC_SECTION.match(text):
            section, pending = m.group(1), ""
            continue
        if m := _TOC_ENTRY.match(text):
            entries.append(
                {"section": section, "title": pending + m.group(1).strip(), "page": int(m.group(2))}
            )
            pending = ""
        elif re.search(r"[\u4e00-\u9fff]", text) and len(text) < 120:
            pending += text  # a title wrapped onto the next line
        elif entries:
            break
    return entries


def _title_before(paras: list[Paragraph], index: int, floor: int) -> tuple[str, int]:
    """The document title ending just before paragraph ``index`` (may span up to 3 lines)."""
    first = index - 1
    title = paras[first].text
    while first - 1 >= floor and "关于" not in title and index - first < 3:
        prev = paras[first - 1].text
        if _SENTENCE_PUNCT.search(prev) or _DATE.match(prev) or len(prev) > 60:
            break
        first -= 1
        title = prev + title
    return title, first


def _signature(paras: list[Paragraph], start: int, end: int) -> tuple[int | None, str | None]:
    """Index of the first signing-date line in [start, end) and the issuer line above it."""
    for i in range(start, end):
        if _DATE.match(paras[i].text):
            above = paras[i - 1].text if i - 1 >= start else ""
            issuer = (
                above if above and len(above) <= 30 and not _SENTENCE_PUNCT.search(above) else None
            )
            return i, issuer
    return None, None


def _find_plan_title(paras: list[Paragraph], name: str, start: int, end: int) -> int | None:
    wanted = _plain(name)
    for i in range(start, end):
        text = _plain(paras[i].text)
        if text == wanted or (len(text) <= len(wanted) + 6 and wanted in text):
            return i
    return None


def _plain(text: str) -> str:
    return re.sub(r"[\s“”\"《》]", "", text)


def _split_recipients(text: str) -> list[str]:
    body = text.rstrip("：:")
    return [r for r in re.split(r"[，；]", body) if r]


def _document(
    paras: list[Paragraph], first: int, number_index: int | None, end: int, title: str
) -> DocumentSpan:
    """Read one document's header and find its plans within paragraphs [first, end)."""
    body_start = number_index + 1 if number_index is not None else first + 1
    first = max(first, 0)
    doc_number = None
    if number_index is not None:
        m = _DOC_NUMBER.match(paras[number_index].text)
        assert m is not None
        doc_number = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    recipients: list[str] = []
    if (
        body_start < end
        and paras[body_start].text.endswith(("：", ":"))
        and len(paras[body_start].text) < 120
    ):
        recipients = _split_recipients(paras[body_start].text)
        body_start += 1
    date_index, issuer = _signature(paras, body_start, end)
    body_end = end
    if date_index is not None:
        body_end = date_index - 1 if issuer else date_index
    if issuer is None and (m := _ISSUER_FROM_TITLE.match(title)):
        issuer = m.group(1)
    date = _iso(*_DATE.match(paras[date_index].text).groups()) if date_index is not None else None
    doc = DocumentSpan(
        title=title,
        doc_number=doc_number,
        issuer=issuer,
        date=date,
        recipients=recipients,
        first=first,
        end=end,
        notice_start=body_start,
        notice_end=end,
    )
    doc.plans = _plans(paras, doc, date_index, body_end)
    return doc


def _plans(
    paras: list[Paragraph], doc: DocumentSpan, date_index: int | None, body_end: int
) -> list[PlanSpan]:
    """A notice that issues (印发) plans carries them after its signature; otherwise the
    document is its own single plan."""
    issues_plans = "印发" in doc.title or "转发" in doc.title
    if issues_plans and date_index is not None:
        notice = "".join(p.text for p in paras[doc.notice_start : date_index])
        names = list(dict.fromkeys(_PLAN_NAMES.findall(notice)))
        after = date_index + 1
        while after < doc.end and (
            _PUBLIC_NOTE.match(paras[after].text) or re.match(r"^附件\d*[：:]?$", paras[after].text)
        ):
            after += 1
        found = [(name, _find_plan_title(paras, name, after, doc.end)) for name in names]
        located = [(n, i) for n, i in found if i is not None]
        if located:
            doc.notice_end = date_index
            spans = []
            for k, (name, i) in enumerate(located):
                stop = located[k + 1][1] if k + 1 < len(located) else doc.end
                spans.append(PlanSpan(name, i + 1, stop))
            return spans
        if after < doc.end:  # plan title worded differently from the notice: take what follows
            name = names[0] if names else paras[after].text
            doc.notice_end = date_index
            return [PlanSpan(name, after + 1, doc.end)]
    return [PlanSpan(doc.title, doc.notice_start, body_end)]


def find_layout(paras: list[Paragraph]) -> Layout:
    """Split normalised paragraphs into gazette metadata, contents and documents."""
    gazette = _gazette_metadata(paras)
    numbers = [i for i, p in enumerate(paras) if _DOC_NUMBER.match(p.text) and i > 0]
    stop = len(paras)
    for i, p in enumerate(paras):
        if _COLOPHON.match(p.text) and (not numbers or i > numbers[-1]):
            stop = i
            break
    contents = _contents(paras, numbers[0] if numbers else min(len(paras), 60)) if gazette else []
    documents: list[DocumentSpan] = []
    if not numbers:
        first = _first_content_paragraph(paras, gazette is not None)
        if first is None:
            return Layout(gazette, contents, [])
        title = paras[first].text
        if _SENTENCE_PUNCT.search(title.rstrip("。")) or title.endswith("。") or len(title) > 80:
            # no title line: the text starts straight away with its body
            documents.append(_document(paras, first - 1, None, stop, ""))
        else:
            documents.append(_document(paras, first, None, stop, title))
        return Layout(gazette, contents, documents)
    starts = []
    floor = 0
    for n in numbers:
        title, first = _title_before(paras, n, floor)
        starts.append((first, n, title))
        floor = n + 1
    for k, (first, n, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else stop
        documents.append(_document(paras, first, n, end, title))
    return Layout(gazette, contents, documents)


def _first_content_paragraph(paras: list[Paragraph], is_gazette: bool) -> int | None:
    """For a document without 文号: its title is the first Chinese paragraph (after any issue
    front matter)."""
    for i, p in enumerate(paras):
        if (
            is_gazette
            and i < 40
            and (
                _GAZETTE_TITLE.match(p.text)
                or _YEAR_LINE.match(p.text)
                or _ISSUE.search(p.text)
                or _TOC_ENTRY.match(p.text)
            )
        ):
            continue
        if re.search(r"[\u4e00-\u9fff]", p.text):
            return i
    return None
