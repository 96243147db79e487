"""Models of responsible bodies and of the rankings of districts and departments."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from policyledger.api.schemas.common import Out, Page
from policyledger.api.schemas.targets import TargetOut


class BodyOut(Out):
    """责任单位 · A department, central agency, district, development zone, or a name kept as
    written (``registered`` false)."""

    id: str
    kind: str
    jurisdiction: str | None
    name: str
    full_name: str | None
    name_en: str | None
    aliases: list[str]
    parent_id: str | None
    registered: bool


class BodyDetail(BodyOut):
    """A body with how many current tasks it has and the targets it owns (the first 100;
    page through ``/targets?body=ID`` for all)."""

    tasks_count: int
    targets_owned_count: int
    targets_owned: list[TargetOut]


class ScorePart(Out):
    """One part of a score: ``value × weight = contribution`` (value a share, 0–1)."""

    name: str
    label: str
    value: float
    weight: float
    contribution: float
    detail: str = Field(description="所计数量，如 3/5 · what was counted, e.g. 3/5")


class RankingEntry(Out):
    """排名 · One body's place, score and how the score was made."""

    rank: int
    body_id: str
    name: str
    name_en: str | None
    score: float
    targets: int = Field(description="评估的目标数 · targets assessed")
    parts: list[ScorePart]
    explanation: str


class RankingPage(Page[RankingEntry]):
    kind: str
    as_of: dt.date | None
