"""What a monthly bulletin says, as plain data: the period and data date, the summary, the red
and yellow lists (each figure with its clause and source), the rankings with their parts, the
reports not received, the trajectories behind the headline chart, the sections rule packs add
(:class:`PackSection`), and the charts once drawn.

The writers (DOCX, HTML, PDF) only lay this out; every number is computed in ``data``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from policyledger.storage.periods import Period

COLOURS = ("red", "yellow", "blue", "green", "grey")
_KIND_WORDS = {"month": "月度", "quarter": "季度", "half": "半年", "year": "年度"}


def fixed(value: float, digits: int | None) -> str:
    """A number with ``digits`` decimals (None: as short as it goes), a true minus sign and
    no "−0.0"."""
    text = f"{value:g}" if digits is None else f"{value:.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", "−")


@dataclass(frozen=True)
class Flagged:
    """One red or yellow target as a list shows it; texts are ready to print."""

    target_id: int
    warning: str
    status: str
    metric: str
    goal: str
    owners: str
    latest: float | None
    latest_text: str
    latest_period: str
    expected: float | None
    expected_text: str
    gap: float | None
    gap_text: str
    plan: str
    clause: str
    excerpt: str
    source_title: str | None
    source_url: str | None

    @property
    def source_line(self) -> str:
        """Where the figure comes from, on one line: the clause and the observation source."""
        clause = f"条款：《{self.plan}》{self.clause}"
        if self.excerpt:
            clause += f"“{self.excerpt}”"
        data = "数据：" + "，".join(t for t in (self.source_title, self.source_url) if t)
        return f"{clause}；{data if self.source_title or self.source_url else '数据：报送值'}"


@dataclass(frozen=True)
class FlagList:
    """The worst targets of one warning colour, capped; ``total`` counts them all."""

    warning: str
    title: str
    items: list[Flagged]
    total: int

    @property
    def rest(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class PlanCount:
    """A plan and its targets by warning colour."""

    name: str
    doc_number: str | None
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class PartCell:
    """One part of a score: ``value × weight = contribution`` and the count behind the value."""

    label: str
    value: float
    weight: float
    contribution: float
    detail: str

    @property
    def formula(self) -> str:
        """0.50×40=20.0, 0.10×(−30)=−3.0."""
        weight = fixed(self.weight, None)
        weight = weight if self.weight >= 0 else f"({weight})"
        return f"{fixed(self.value, 2)}×{weight}={fixed(self.contribution, 1)}"


@dataclass(frozen=True)
class RankRow:
    rank: int
    name: str
    score: float
    parts: list[PartCell]
    targets: int
    tied: bool

    @property
    def score_text(self) -> str:
        return fixed(self.score, 1)


@dataclass(frozen=True)
class RankTable:
    """The ranking of the districts or of the departments, best first, capped."""

    kind: str
    title: str
    rows: list[RankRow]
    total: int
    part_labels: list[str]

    @property
    def rest(self) -> int:
        return self.total - len(self.rows)


@dataclass(frozen=True)
class MissingRow:
    """An owner's reports not received: periods missing, targets concerned, the worst ones."""

    owner: str
    periods: int
    targets: int
    worst: list[str]


@dataclass(frozen=True)
class MissingTable:
    rows: list[MissingRow]
    owners: int
    periods: int

    @property
    def rest(self) -> int:
        return self.owners - len(self.rows)


@dataclass(frozen=True)
class Trajectory:
    """A headline target's planned path, reported values and target line."""

    title: str
    warning: str
    unit: str
    axis_label: str
    start: dt.date
    end: dt.date
    planned: list[tuple[dt.date, float]]
    reported: list[tuple[dt.date, float]]
    goal: float
    goal_text: str


@dataclass(frozen=True)
class Chart:
    """A drawn chart: PNG bytes at 200 dpi, its title and the size it is placed at (mm)."""

    key: str
    title: str
    png: bytes
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class SectionTable:
    """A table of a pack's section: texts ready to print, column widths in mm (summing to the
    text width, 156 mm) and the columns aligned right."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float]
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True)
class Subheading:
    """A level-2 heading inside a pack's section: "（一）区县预警等级"."""

    text: str


@dataclass(frozen=True)
class PackSection:
    """A section a rule pack adds to the bulletin (see ``sections``): its title without a
    number, and its paragraphs, subheadings and tables in order."""

    pack: str
    title: str
    blocks: list[str | Subheading | SectionTable]


@dataclass
class Bulletin:
    """Everything the bulletin says, for one period (and optionally some plans)."""

    period: Period
    period_text: str
    as_of: dt.date
    computed_at: dt.datetime | None
    generated: dt.date
    plan_filter: str | None
    plans: list[PlanCount]
    warnings: dict[str, int]
    statuses: dict[str, int]
    reports_due: int
    reports_missing: int
    reports_late: int
    summary: str
    red: FlagList
    yellow: FlagList
    rankings: list[RankTable]
    missing: MissingTable
    trajectories: list[Trajectory]
    sections: list[PackSection] = field(default_factory=list)
    charts: dict[str, Chart] = field(default_factory=dict)
    chart_notes: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.warnings.values())

    @property
    def title(self) -> str:
        return f"政策落实情况{_KIND_WORDS.get(self.period.kind, '')}通报"
