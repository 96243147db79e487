"""Build the numbered clause tree of one plan (`一、` › `（一）` › `1.`) and decide which clauses
are tasks, following the rules in the extraction spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyledger.ingest.normalize import Paragraph

_NUMERALS = "零一二三四五六七八九十百"
_MARKERS = (
    (1, re.compile(rf"^([{_NUMERALS}]{{1,4}})、")),
    (2, re.compile(rf"^（([{_NUMERALS}]{{1,4}})）")),
    (3, re.compile(r"^(\d{1,3})[.．、](?!\d)")),
)
_HEADING_END = re.compile(r"[。！？]")
_GOALS_HEADING = re.compile(r"目标|指标")


@dataclass
class Clause:
    """A numbered clause: its level (1-3), label as written, heading and text span.

    ``own`` holds the (start, end) offsets of the clause's own text — its paragraphs up to
    its first child clause — so that targets are attributed to the smallest clause.
    """

    level: int
    label: str
    heading: str
    start: int
    end: int
    parent: Clause | None = None
    children: list[Clause] = field(default_factory=list)
    own: list[tuple[int, int]] = field(default_factory=list)

    @property
    def path(self) -> str:
        parts = []
        node: Clause | None = self
        while node is not None:
            parts.append(node.label)
            node = node.parent
        return "/".join(reversed(parts))

    @property
    def is_goals(self) -> bool:
        """A goals section (主要目标, 发展目标, 工作目标 …): years carry across its sentences."""
        return bool(_GOALS_HEADING.search(self.heading)) and len(self.heading) <= 12


@dataclass
class PlanTree:
    """The clauses of one plan, plus the text before the first numbered clause."""

    preamble: list[tuple[int, int]]
    roots: list[Clause]

    def walk(self) -> list[Clause]:
        out: list[Clause] = []
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


def _marker(text: str) -> tuple[int, str, int] | None:
    """(level, label, length of the marker) for a numbered paragraph, else None."""
    for level, pattern in _MARKERS:
        m = pattern.match(text)
        if m:
            return level, m.group(1), m.end()
    return None


def _heading(text: str) -> str:
    m = _HEADING_END.search(text)
    head = text[: m.start()] if m else text
    return head.strip()


def build_tree(paragraphs: list[Paragraph]) -> PlanTree:
    """Nest the plan's paragraphs under their numbered clauses."""
    preamble: list[tuple[int, int]] = []
    roots: list[Clause] = []
    open_clauses: list[Clause] = []  # the current chain, outermost first
    for p in paragraphs:
        found = _marker(p.text)
        if found is None:
            target = open_clauses[-1] if open_clauses else None
            if target is None:
                preamble.append((p.start, p.end))
            else:
                target.own.append((p.start, p.end))
                for node in open_clauses:
                    node.end = p.end
            continue
        level, label, length = found
        while open_clauses and open_clauses[-1].level >= level:
            open_clauses.pop()
        parent = open_clauses[-1] if open_clauses else None
        clause = Clause(level, label, _heading(p.text[length:]), p.start, p.end, parent)
        clause.own.append((p.start + length, p.end))
        (parent.children if parent else roots).append(clause)
        open_clauses.append(clause)
        for node in open_clauses:
            node.end = p.end
    return PlanTree(preamble, roots)


def task_clauses(tree: PlanTree, flat_with_notes: bool) -> list[Clause]:
    """The clauses that are tasks, in text order.

    The deepest numbered clauses are tasks; a second-level section without numbered items is
    itself a task; a top-level section without subsections is not, except in a flat document
    whose sections carry their own responsibility notes (``flat_with_notes``).
    """
    tasks = []
    for node in tree.walk():
        if node.children:
            continue
        if node.level == 1 and not (flat_with_notes and node.parent is None):
            continue
        tasks.append(node)
    return tasks


def is_flat(tree: PlanTree) -> bool:
    """Whether the plan's only numbering is the top level (一、二、…)."""
    return all(not root.children for root in tree.roots)
