"""Models of what was ingested: gazette issues, documents and their versions, plans with their
clause tree, and tasks with the clause text they come from."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from policyledger.api.schemas.common import BodyRef, DocumentRef, Out, PlanRef, Span


class GazetteOut(Out):
    """公报 · A gazette issue."""

    id: int
    title: str
    year: int | None
    issue: int | None
    cumulative_issue: int | None
    published: dt.date | None
    document_count: int = 0


class DocumentOut(Out):
    """文件 · One version of a document (通知, 意见 …)."""

    id: int
    identity: str = Field(description="文号，无文号时为标题 · 文号, or the title without one")
    version: int
    is_current: bool
    doc_number: str | None
    title: str
    issuer: str | None
    signed: dt.date | None
    recipients: list[str]
    gazette_id: int | None
    ingested_at: dt.datetime
    published: bool = Field(description="公开视图可见 · shown in the public view")


class PlanOut(Out):
    """方案 · A plan a document carries, with its schedule."""

    id: int
    document_id: int
    position: int
    name: str
    start: dt.date = Field(description="目标起算日 · the date its targets start from")
    end_year: int | None
    frequency: str = Field(description="报送频次 · how often owners report")
    task_count: int = 0
    target_count: int = 0


class DocumentVersion(Out):
    id: int
    version: int
    is_current: bool
    title: str
    content_hash: str
    ingested_at: dt.datetime


class DocumentDetail(DocumentOut):
    """A document with its plans, its source and every version of it."""

    source_id: int
    source_name: str
    span: Span
    plans: list[PlanOut]
    versions: list[DocumentVersion]


class TargetBrief(Out):
    """A target in short, as listed under its task."""

    id: int
    lineage: int | None
    path: str | None
    metric: str
    scope: str | None
    value: float
    unit: str
    change: str | None
    relation: str
    year: int | None
    per_year: bool
    text: str


class TaskOut(Out):
    """任务 · A numbered clause that assigns work, with the bodies it assigns it to."""

    id: int
    plan_id: int
    position: int
    path: str = Field(description="条款编号路径，如 三/一/1 · the clause numbers, e.g. 三/一/1")
    heading: str
    districts_responsible: bool = Field(
        description="由各区县落实 · whether the districts carry the task out"
    )
    assignments: list[BodyRef]


class TaskWithTargets(TaskOut):
    targets: list[TargetBrief]


class ClauseNode(Out):
    """A node of a plan's clause tree (一、 › （一） › 1.): a task at the leaves."""

    path: str
    number: str
    task: TaskWithTargets | None = None
    targets: list[TargetBrief] = Field(
        default_factory=list, description="stated at this clause, outside any task (the goals)"
    )
    children: list[ClauseNode] = Field(default_factory=list)


class PlanDetail(PlanOut):
    """A plan with its document and its clause tree."""

    document: DocumentRef
    clauses: list[ClauseNode]
    other_targets: list[TargetBrief] = Field(
        description="targets without a clause number · 无条款编号的目标"
    )


class Highlight(Out):
    """Where a target's figure sits in the clause text (offsets relative to the clause)."""

    target_id: int
    metric: str
    start: int
    end: int


class TaskDetail(TaskWithTargets):
    """A task with its plan, document and source clause text, and where its targets' figures
    are in that text (``highlights``, offsets into ``text``)."""

    plan: PlanRef
    document: DocumentRef
    source_id: int
    span: Span = Field(description="span in the source's normalised text · 原文位置")
    text: str = Field(description="条款原文 · the clause text (Source.text[start:end])")
    highlights: list[Highlight]
