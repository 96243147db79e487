"""The engine's inputs: a target as the assessment needs it, and one reported value.

``TargetSpec`` carries the numbers of a target (see ``policyledger.ingest.targets.Target``) plus
its schedule; ``Observation`` is one value reported for it. ``kind`` sorts a target into the four
shapes the design distinguishes, and ``signed_target`` gives the number observations are compared
with (a decrease of 14% is −14, since change observations are signed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

RELATIONS = frozenset({">=", "<=", "≈", "="})
CHANGES = frozenset({"decrease", "increase"})
FREQUENCIES = frozenset({"monthly", "quarterly", "yearly"})

# The four shapes of a target (see ``kind``).
LEVEL = "level"
CHANGE = "change"
RATE = "rate"
PER_YEAR = "per_year"


@dataclass(frozen=True)
class TargetSpec:
    """One target: its value, relation and schedule from ``start`` (baseline) to ``deadline``."""

    key: str
    value: float
    unit: str
    change: str | None
    relation: str
    start: date
    deadline: date | None
    baseline_value: float | None = None
    per_year: bool = False
    frequency: str = "quarterly"

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"target {self.key}: unknown relation {self.relation!r}")
        if self.change is not None and self.change not in CHANGES:
            raise ValueError(f"target {self.key}: unknown change {self.change!r}")
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"target {self.key}: unknown frequency {self.frequency!r}")
        if self.deadline is not None and self.deadline <= self.start:
            raise ValueError(f"target {self.key}: deadline {self.deadline} not after {self.start}")


class Observation(NamedTuple):
    """A value reported for the period ending ``period_end``; ``received`` is when it arrived.

    (A named tuple, not a dataclass: a full assessment builds hundreds of thousands of them.)"""

    period_end: date
    value: float
    received: date | None = None


def kind(target: TargetSpec) -> str:
    """The target's shape: ``rate``, ``per_year``, ``change`` or ``level``.

    - ``rate``: an average annual rate ("年均增长10%", "每年下降2%"): per year, a change, in %;
    - ``per_year``: an output each year ("每年举办100场");
    - ``change``: a change against the baseline ("比2020年下降14%");
    - ``level``: a level or count to reach ("到2024年突破1万亿元", "6个工作日以内").
    """
    if target.per_year:
        return RATE if target.change is not None and target.unit == "%" else PER_YEAR
    return CHANGE if target.change is not None else LEVEL


def signed_target(target: TargetSpec) -> float:
    """The target value with the sign observations use: a decrease of 14 is −14."""
    return -target.value if target.change == "decrease" else target.value


def better(target: TargetSpec) -> int:
    """+1 when a higher signed value is better, −1 when lower is, 0 when nearer the target is.

    For a change or rate the relation applies to the amount in the stated direction: "下降14%"
    (>=) wants a reduction of at least 14, i.e. a signed value ≤ −14, so lower is better.
    """
    if target.relation in ("≈", "="):
        return 0
    sign = 1 if target.relation == ">=" else -1
    return -sign if target.change == "decrease" else sign
