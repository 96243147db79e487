"""Scorecards and rankings of target owners (bodies, districts), every rank explained by its parts.

A scorecard is made of named parts, each ``value × weight = contribution`` with the weight read
from the rules: the share of the owner's targets at green, the share at red (a negative weight),
the share of its due reports received on time (pooled over its targets), and any pack measure
passed in ``extra`` (its weight must be defined under ``[ranking.extra]`` in the rules). The score
is the sum of the contributions, nothing else. A share with nothing to count (no targets, no
reports due) is 0. ``rank`` orders by score, highest first; equal scores share a rank
(competition ranking: 1, 2, 2, 4) and keep a stable order by owner key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from policyledger.assess.rules import Rules, Weight
from policyledger.assess.status import Assessment
from policyledger.assess.timeliness import Timeliness
from policyledger.assess.wording import num

_TIE_DIGITS = 9  # scores equal to this many decimals tie (absorbs floating-point noise only)


@dataclass(frozen=True)
class Part:
    """One named part of a score: ``contribution = value × weight``; ``detail`` shows the count."""

    key: str
    label: str
    value: float
    weight: float
    contribution: float
    detail: str
    source: str

    def explain(self) -> str:
        """The part on one line, e.g. 绿灯占比（3/5） 0.60×40=24.0."""
        detail = f"（{self.detail}）" if self.detail else ""
        weight = num(self.weight) if self.weight >= 0 else f"({num(self.weight)})"
        return f"{self.label}{detail} {self.value:.2f}×{weight}={self.contribution:.1f}"


@dataclass(frozen=True)
class Scorecard:
    """An owner's parts and score; ``score`` is exactly the sum of the parts' contributions."""

    owner_key: str
    parts: list[Part]
    score: float

    def explain(self) -> str:
        """The parts and the total on one line."""
        return "；".join([*(p.explain() for p in self.parts), f"合计 {self.score:.1f}"])


@dataclass(frozen=True)
class RankedScorecard:
    """A scorecard with its rank (1 = best) and its one-line explanation."""

    rank: int
    scorecard: Scorecard
    explanation: str

    @property
    def owner_key(self) -> str:
        return self.scorecard.owner_key

    @property
    def score(self) -> float:
        return self.scorecard.score


def scorecard(
    owner_key: str,
    assessments: list[Assessment],
    timeliness: list[Timeliness],
    rules: Rules,
    extra: Mapping[str, float] | None = None,
) -> Scorecard:
    """The scorecard of one owner from its targets' assessments and reporting records."""
    total = len(assessments)
    greens = sum(a.warning in rules.green.colours for a in assessments)
    reds = sum(a.warning in rules.red.colours for a in assessments)
    due = sum(len(t.due) for t in timeliness)
    on_time = sum(len(t.on_time) for t in timeliness)
    parts = [
        _part(rules.green, _share(greens, total), f"{greens}/{total}"),
        _part(rules.red, _share(reds, total), f"{reds}/{total}"),
        _part(rules.on_time, _share(on_time, due), f"{on_time}/{due}"),
    ]
    measures = dict(extra or {})
    for weight in rules.extra:
        if weight.key in measures:
            parts.append(_part(weight, float(measures.pop(weight.key)), ""))
    if measures:
        raise ValueError(
            f"no weight in the rules for pack measure(s): {', '.join(sorted(measures))}"
        )
    return Scorecard(owner_key, parts, sum(p.contribution for p in parts))


def rank(scorecards: Iterable[Scorecard]) -> list[RankedScorecard]:
    """Scorecards by score, highest first; ties share a rank and are ordered by owner key."""
    cards = list(scorecards)
    keys = [c.owner_key for c in cards]
    if len(set(keys)) != len(keys):
        raise ValueError("two scorecards for the same owner")
    ordered = sorted(cards, key=lambda c: (-round(c.score, _TIE_DIGITS), c.owner_key))
    ranked: list[RankedScorecard] = []
    for position, card in enumerate(ordered, start=1):
        tied = ranked and round(ranked[-1].score, _TIE_DIGITS) == round(card.score, _TIE_DIGITS)
        place = ranked[-1].rank if tied else position
        ranked.append(RankedScorecard(place, card, card.explain()))
    return ranked


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def _part(weight: Weight, value: float, detail: str) -> Part:
    return Part(
        key=weight.key,
        label=weight.label,
        value=value,
        weight=weight.weight,
        contribution=value * weight.weight,
        detail=detail,
        source=weight.source,
    )
