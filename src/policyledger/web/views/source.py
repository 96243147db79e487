"""Source text for the pages: a slice of an ingested text (read with SQL ``substr``, never the
whole text), cut into pieces so that templates can mark each target's statement and its figure
(``<mark>``) without building HTML in Python."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyledger.storage.models import Source, Target

PLAIN, STATEMENT, FIGURE = 0, 1, 2
_CONTEXT = 160  # characters read either side of a target stated outside any task
_SENTENCE_END = "。；\n"


@dataclass(frozen=True)
class Piece:
    """A run of source text: plain, part of a target's statement, or the figure itself."""

    text: str
    kind: int = PLAIN
    target_id: int | None = None

    @property
    def is_figure(self) -> bool:
        return self.kind == FIGURE

    @property
    def is_statement(self) -> bool:
        return self.kind == STATEMENT


def source_slice(session: Session, source_id: int, start: int, end: int) -> str:
    """``Source.text[start:end]``; SQL ``substr`` counts characters on SQLite and PostgreSQL."""
    if end <= start:
        return ""
    text = session.scalar(
        select(func.substr(Source.text, start + 1, end - start)).where(Source.id == source_id)
    )
    return text or ""


def _decimal(value: float) -> str:
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text or "0"


def figure_in(statement: str, target: Target) -> tuple[int, int] | None:
    """Where the target's figure ("20个", "1万亿元", "14%") is in its statement, if written in
    Arabic digits; None otherwise (the whole statement is then marked)."""
    number = re.escape(_decimal(target.value))
    found = re.search(rf"(?<![\d.]){number}\s*{re.escape(target.unit)}", statement)
    return found.span() if found else None


def pieces(text: str, offset: int, targets: Iterable[Target]) -> list[Piece]:
    """Cut ``text`` (which starts at ``offset`` in the source) into pieces, marking each target
    whose span lies inside it: its statement, and within it its figure."""
    kinds = [PLAIN] * len(text)
    owner: list[int | None] = [None] * len(text)
    for target in targets:
        start, end = target.span_start - offset, target.span_end - offset
        if start < 0 or end > len(text) or end <= start:
            continue
        figure = figure_in(text[start:end], target)
        first, last = (start + figure[0], start + figure[1]) if figure else (start, end)
        for i in range(start, end):
            level = FIGURE if first <= i < last else STATEMENT
            if level > kinds[i]:
                kinds[i], owner[i] = level, target.id
    out: list[Piece] = []
    run_start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or (kinds[i], owner[i]) != (kinds[run_start], owner[run_start]):
            out.append(Piece(text[run_start:i], kinds[run_start], owner[run_start]))
            run_start = i
    return out


def target_context(session: Session, source_id: int, target: Target) -> tuple[str, int]:
    """The sentence around a target stated outside any task: its text and where it starts."""
    start = max(target.span_start - _CONTEXT, 0)
    text = source_slice(session, source_id, start, target.span_end + _CONTEXT)
    before, after = target.span_start - start, target.span_end - start
    cut = max(text.rfind(mark, 0, before) for mark in _SENTENCE_END) + 1
    ends = [i for i in (text.find(mark, after) for mark in _SENTENCE_END) if i >= 0]
    stop = min(ends) + 1 if ends else len(text)
    while cut < before and text[cut] in _SENTENCE_END:
        cut += 1
    return text[cut:stop].rstrip("\n"), start + cut
