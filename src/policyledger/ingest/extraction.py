"""From document text to the extraction (`policyledger.extraction/1`): documents, plans, tasks,
targets and responsible units, each with the offsets of its source span.

This module ties the steps together: normalise → layout → clause tree → notes → targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyledger.ingest.clauses import Clause, PlanTree, build_tree, is_flat, task_clauses
from policyledger.ingest.layout import DocumentSpan, find_layout
from policyledger.ingest.normalize import NormalizedText, Paragraph, normalize
from policyledger.ingest.notes import Note, find_notes
from policyledger.ingest.targets import Region, Target, extract_targets, mask_spans
from policyledger.ingest.units import link_units

FORMAT = "policyledger.extraction/1"
_GOALS_PARAGRAPH = re.compile(r"^(?:具体|主要|发展|总体|工作|预期)?(?:指标|目标)")


@dataclass
class Task:
    """A numbered clause that assigns work, with the bodies responsible for it."""

    plan: str
    path: str
    heading: str
    units: list[str]
    lead_units: list[str]
    districts_responsible: bool
    start: int
    end: int


@dataclass
class Document:
    """One document of the input with its plans, tasks and targets."""

    doc_number: str | None
    title: str
    issuer: str | None
    date: str | None
    recipients: list[str]
    plans: list[str]
    tasks: list[Task] = field(default_factory=list)
    targets: list[tuple[str, str | None, Target]] = field(default_factory=list)
    start: int = 0
    end: int = 0


@dataclass
class Extraction:
    """The whole extraction of one input file."""

    source: str
    gazette: dict | None
    contents: list[dict]
    documents: list[Document]
    text: str  # the normalised text all offsets point into

    def to_dict(self) -> dict:
        """The JSON-ready form defined by the extraction spec, plus spans (offsets into
        ``text``), the issue's contents and the registry entries of the units named."""
        documents = [_document_dict(d) for d in self.documents]
        return {
            "format": FORMAT,
            "source": self.source,
            "gazette": self.gazette,
            "contents": self.contents,
            "documents": documents,
            "canonical_units": link_units(documents),
        }


def _document_dict(doc: Document) -> dict:
    return {
        "doc_number": doc.doc_number,
        "title": doc.title,
        "issuer": doc.issuer,
        "date": doc.date,
        "recipients": doc.recipients,
        "plans": doc.plans,
        "span": [doc.start, doc.end],
        "tasks": [
            {
                "plan": t.plan,
                "path": t.path,
                "heading": t.heading,
                "units": t.units,
                "lead_units": t.lead_units,
                "districts_responsible": t.districts_responsible,
                "span": [t.start, t.end],
            }
            for t in doc.tasks
        ],
        "targets": [_target_dict(plan, path, t) for plan, path, t in doc.targets],
    }


def _target_dict(plan: str, path: str | None, t: Target) -> dict:
    return {
        "plan": plan,
        "path": path,
        "metric": t.metric,
        "scope": t.scope,
        "value": t.value,
        "unit": t.unit,
        "change": t.change,
        "relation": t.relation,
        "baseline": t.baseline,
        "year": t.year,
        "per_year": t.per_year,
        "text": t.text,
        "span": [t.start, t.end],
    }


def extract_text(raw: str, source: str = "<text>") -> Extraction:
    """Extract documents, plans, tasks and targets from decoded text."""
    normalized = normalize(raw)
    paras = list(normalized.paragraphs)
    layout = find_layout(paras)
    for span in layout.documents:
        if not span.title:  # untitled text: name it after the file
            span.title = source.rsplit("/", 1)[-1].rsplit(".", 1)[0] or source
            for plan in span.plans:
                plan.name = plan.name or span.title
    documents = [_extract_document(normalized, paras, d) for d in layout.documents]
    return Extraction(source, layout.gazette, layout.contents, documents, normalized.text)


def _extract_document(
    normalized: NormalizedText, paras: list[Paragraph], span: DocumentSpan
) -> Document:
    text = normalized.text
    end_para = paras[span.end - 1] if span.end > span.first else paras[span.first]
    doc = Document(
        span.doc_number,
        span.title,
        span.issuer,
        span.date,
        span.recipients,
        [p.name for p in span.plans],
        start=paras[span.first].start,
        end=end_para.end,
    )
    first_is_lead = False
    if span.plans and span.notice_end > span.notice_start and span.plans[0].start > span.notice_end:
        # targets stated in the covering notice itself have no clause path
        notice = paras[span.notice_start : span.notice_end]
        if notice:
            regions = [Region(notice[0].start, notice[-1].end, goals=True)]
            notes = find_notes(text, notice[0].start, notice[-1].end)
            for t in extract_targets(text, regions, [(n.start, n.end) for n in notes]):
                doc.targets.append((span.plans[0].name, None, t))
    for plan in span.plans:
        plan_paras = paras[plan.start : plan.end]
        if not plan_paras:
            continue
        tree = build_tree(plan_paras)
        notes = find_notes(text, plan_paras[0].start, plan_paras[-1].end)
        first_is_lead = _plan_tasks(doc, plan.name, tree, notes, first_is_lead)
        _plan_targets(doc, plan.name, mask_spans(text, [(n.start, n.end) for n in notes]), tree)
    if doc.date:
        # a figure for a year before the document was signed reports the past, it is no target
        signed = int(doc.date[:4])
        doc.targets = [t for t in doc.targets if t[2].year is None or t[2].year >= signed]
    return doc


def _plan_tasks(
    doc: Document, plan: str, tree: PlanTree, notes: list[Note], first_is_lead: bool
) -> bool:
    """Add the plan's tasks to ``doc``; return whether "first listed leads" is in force."""
    flat = is_flat(tree) and any(
        any(root.start <= n.start < root.end for n in notes) for root in tree.roots
    )
    tasks = task_clauses(tree, flat)
    carry = False
    note_index = 0
    for clause in tasks:
        units: list[str] = []
        leads: list[str] = []
        districts = carry
        # notes before this task (in non-task text) can still start a carry-forward
        while note_index < len(notes) and notes[note_index].start < clause.start:
            note = notes[note_index]
            carry = carry or note.carry_forward
            first_is_lead = first_is_lead or note.declares_first_lead
            note_index += 1
        districts = districts or carry
        while note_index < len(notes) and notes[note_index].start < clause.end:
            note = notes[note_index]
            first_is_lead = first_is_lead or note.declares_first_lead
            for unit in note.units:
                if unit not in units:
                    units.append(unit)
            note_leads = note.leads
            if (
                first_is_lead
                and note.units
                and not any(u in note.leads and u != note.units[0] for u in note.units)
            ):
                note_leads = [note.units[0]]
            for unit in note_leads:
                if unit not in leads:
                    leads.append(unit)
            districts = districts or note.districts
            carry = carry or note.carry_forward
            note_index += 1
        doc.tasks.append(
            Task(
                plan, clause.path, clause.heading, units, leads, districts, clause.start, clause.end
            )
        )
    return first_is_lead


def _plan_targets(doc: Document, plan: str, text: str, tree: PlanTree) -> None:
    """Targets of each clause of the plan (``text`` has its notes masked)."""
    if tree.preamble:
        regions = [
            Region(a, b, goals=bool(_GOALS_PARAGRAPH.match(text[a:b]))) for a, b in tree.preamble
        ]
        for t in extract_targets(text, regions):
            doc.targets.append((plan, None, t))
    for clause in tree.walk():
        goals = _in_goals(clause)
        regions = [Region(a, b, goals=goals) for a, b in clause.own]
        for t in extract_targets(text, regions):
            doc.targets.append((plan, clause.path, t))


def _in_goals(clause: Clause) -> bool:
    node: Clause | None = clause
    while node is not None:
        if node.is_goals:
            return True
        node = node.parent
    return False
