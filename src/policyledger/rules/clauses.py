"""Find a cited clause's text in the ledger.

Citations write clause paths as the document does (``四、（一）1``, ``二``); the ledger stores
them as ``四/一/1``. :func:`ledger_path` converts one to the other. :func:`clause_text` looks up
the current version of the document by its number (文号) and returns the clause: a stored task
(a numbered clause that assigns work) when there is one, otherwise the paragraphs under the
clause's heading in the document's text (for example the goals section ``二、主要目标``, which
assigns no work and is not stored as a task).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERALS = "零一二三四五六七八九十百"
_WRITTEN = re.compile(
    rf"^\s*([{_NUMERALS}]{{1,4}})\s*、?\s*"
    rf"(?:[（(]\s*([{_NUMERALS}]{{1,4}})\s*[）)])?\s*"
    r"(\d{1,3})?\s*[.．、]?\s*$"
)


@dataclass(frozen=True)
class ClauseText:
    """A clause found in the ledger: the document's title, the stored path and the text."""

    document_title: str
    path: str
    text: str


_PLAN = re.compile(r"^\s*《([^》]+)》\s*")


def split_plan(clause: str) -> tuple[str | None, str]:
    """``《…行动计划》三、（四）10`` → (``…行动计划``, ``三、（四）10``); no plan named → (None,
    the clause)."""
    match = _PLAN.match(clause)
    if match is None:
        return None, clause
    return match.group(1).strip(), clause[match.end() :]


def ledger_path(clause: str) -> str | None:
    """``四、（一）1`` → ``四/一/1``; ``二`` → ``二``; a path already in ledger form is kept;
    ``None`` when the text is not a clause path (e.g. ``正文第二段``). A plan named first
    (``《…》``) is left out of the path."""
    text = split_plan(clause)[1].strip()
    if re.fullmatch(rf"[{_NUMERALS}]{{1,4}}(/[{_NUMERALS}]{{1,4}}(/\d{{1,3}})?)?", text):
        return text
    match = _WRITTEN.match(text)
    if not match:
        return None
    return "/".join(part for part in match.groups() if part)


def clause_text(session, document: str, clause: str) -> tuple[ClauseText | None, str]:
    """The clause ``clause`` of the current document numbered ``document``, or ``None`` and
    the reason (one line)."""
    from sqlalchemy import select

    from policyledger.storage.models import Document, Plan, Task

    plan_name, _ = split_plan(clause)
    path = ledger_path(clause)
    stored = session.scalar(
        select(Document)
        .where(Document.doc_number == document, Document.is_current.is_(True))
        .order_by(Document.id.desc())
    )
    if stored is None:
        return None, f"{document} is not in the ledger"
    if path is None:
        return None, f"'{clause}' is not a numbered clause of {document}"
    source = stored.source.text
    plans = session.scalars(
        select(Plan).where(Plan.document_id == stored.id).order_by(Plan.position)
    ).all()
    title, start, end = stored.title, stored.span_start, stored.span_end
    if plan_name is not None:
        named = [p for p in plans if plan_name in p.name]
        if len(named) != 1:
            found = "no" if not named else "more than one"
            return None, f"{document} in the ledger has {found} plan named 《{plan_name}》"
        plans = named
        title = named[0].name
        start, end = _plan_span(source, stored.span_start, stored.span_end, named[0].name)
    task = session.scalar(
        select(Task)
        .where(Task.plan_id.in_([p.id for p in plans]), Task.path == path)
        .order_by(Task.plan_id, Task.position)
    )
    if task is not None:
        return ClauseText(title, path, source[task.span_start : task.span_end].strip()), ""
    text = _section(source[start:end], path)
    if text is None:
        return None, f"{document} in the ledger has no clause {clause}"
    return ClauseText(title, path, text), ""


def _squeezed_find(text: str, wanted: str, last: bool) -> int:
    """Where ``wanted`` (compared without white space) starts in ``text``, -1 if nowhere."""
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[i] for i in kept)
    at = squeezed.rfind(wanted) if last else squeezed.find(wanted)
    return -1 if at < 0 else kept[at]


def _plan_span(source: str, start: int, end: int, plan_name: str) -> tuple[int, int]:
    """The span of a document's text from the heading of the plan ``plan_name`` (its last
    mention, after the notice that names it) to the end of the document."""
    head = re.sub(r"[（(].*$", "", re.sub(r"\s+", "", plan_name))
    at = _squeezed_find(source[start:end], head, last=True)
    return (start if at < 0 else start + at), end


def _section(text: str, path: str) -> str | None:
    """The lines of ``text`` under the clause ``path`` (its heading line to the next heading
    of the same or a higher level)."""
    wanted = path.split("/")
    current: list[str] = []
    lines: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        marker = _marker(stripped)
        if marker is not None:
            level, label = marker
            if lines is not None and level < len(wanted):
                break
            current = [*current[:level], label]
            if lines is None and current == wanted:
                lines = []
        if lines is not None and stripped:
            lines.append(stripped)
    return "\n".join(lines) if lines else None


def _marker(line: str) -> tuple[int, str] | None:
    """(level 0–2, label) of a numbered heading line, else None — recognised exactly as the
    extractor recognised it when it stored the clause paths."""
    from policyledger.ingest.clauses import _marker as extractor_marker

    found = extractor_marker(line)
    return None if found is None else (found[0] - 1, found[1])
