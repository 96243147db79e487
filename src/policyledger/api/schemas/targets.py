"""Models of targets, the values reported against them, and their stored assessments."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from policyledger.api.schemas.common import BodyRef, DocumentRef, Out, PlanRef, Span, TaskRef


class TargetOut(Out):
    """量化目标 · A quantified target, with its status in the assessment used for the list."""

    id: int
    lineage: int | None = Field(description="首个版本的 id · id of its first version")
    plan_id: int
    task_id: int | None
    position: int
    path: str | None
    metric: str
    scope: str | None
    value: float
    unit: str
    change: str | None = Field(description="increase | decrease | null")
    relation: str = Field(description=">= | <= | ≈ | =")
    baseline: str | None
    year: int | None
    per_year: bool
    text: str
    district_id: str | None
    status: str | None = Field(default=None, description="评估状态 · status at `as_of`")
    warning: str | None = Field(default=None, description="预警颜色 · warning colour at `as_of`")


class ObservationOut(Out):
    """进展数据 · A reported value (one version of it)."""

    id: int
    target_lineage: int
    period: str
    period_end: dt.date
    value: float
    unit: str
    note: str | None
    source_url: str | None
    source_title: str | None
    reporter_id: str | None
    received_on: dt.date | None
    version: int
    supersedes_id: int | None
    is_current: bool
    status: str
    actor: str
    created_at: dt.datetime
    reviewed_by: str | None = None
    reviewed_at: dt.datetime | None = None
    review_note: str | None = None


class AssessmentOut(Out):
    """评估 · A stored assessment of one target at one date."""

    target_id: int
    as_of: dt.date
    status: str
    warning: str
    expected: float | None
    latest_value: float | None
    latest_period_end: dt.date | None
    previous_value: float | None
    progress: float | None
    reports_due: int
    reports_missing: int
    reports_late: int
    reasons: list[str]
    computed_at: dt.datetime


class AssessedTarget(Out):
    id: int
    lineage: int | None
    plan_id: int
    metric: str
    scope: str | None
    value: float
    unit: str
    year: int | None


class AssessmentWithTarget(AssessmentOut):
    target: AssessedTarget


class SourceText(BaseModel):
    """The words a target was read from, and the clause around them."""

    source_id: int
    span: Span
    text: str = Field(description="原文 · Source.text[span]")
    clause_text: str | None = Field(description="所在条款原文 · the text of the target's task")
    highlight: Span | None = Field(description="``text`` inside ``clause_text``")


class TargetDetail(TargetOut):
    """A target with who owns it, where it was read, its current values and latest
    assessment."""

    plan: PlanRef
    document: DocumentRef
    task: TaskRef | None
    owners: list[BodyRef]
    source: SourceText
    observations: list[ObservationOut] = Field(description="当前有效的数据 · current values")
    assessment: AssessmentOut | None = Field(description="最近一次评估 · the latest stored one")


class NewObservationIn(BaseModel):
    """报送进展 · A value to record for a target and a period."""

    period: str = Field(min_length=1, max_length=20, examples=["2024", "2024-Q3", "2024年9月"])
    value: float = Field(allow_inf_nan=False)
    unit: str | None = Field(
        default=None, max_length=50, description="must be the target's unit when given"
    )
    note: str | None = Field(default=None, max_length=2000)
    source_url: str | None = Field(default=None, max_length=1000, pattern=r"^https?://\S+$")
    reporter: str | None = Field(
        default=None,
        max_length=300,
        description="报送单位（id 或名称），须为目标责任单位 · reporting body, must own the target",
    )


class CorrectionIn(BaseModel):
    """更正 · A corrected value and why."""

    value: float = Field(allow_inf_nan=False)
    note: str = Field(min_length=1, max_length=2000, description="更正说明 · why the value changed")
