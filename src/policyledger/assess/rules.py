"""The assessment rules as data: thresholds and weights read from ``rules.toml``, with sources.

``load_rules()`` reads the packaged ``policyledger/assess/rules.toml`` once and caches it;
``load_rules(path)`` reads another copy (a deployment's own weights). Every table of the file must
carry a non-empty ``source`` naming where its number comes from, and every status must map to
exactly one warning colour; a file that breaks either is refused with ``ValueError``.
The engine's functions take a ``Rules`` and never hard-code these numbers.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

STATUSES = ("achieved", "on_track", "behind", "off_track", "overdue", "no_data", "not_due")
COLOURS = ("red", "yellow", "blue", "green", "grey")
_STATUS_COLOURS = ("red", "yellow", "green", "grey")


@dataclass(frozen=True)
class Weight:
    """One part of a scorecard: its key, Chinese label, weight and source."""

    key: str
    label: str
    weight: float
    source: str
    colours: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rules:
    """Every threshold and weight of the engine (see rules.toml for the sources)."""

    status_colours: Mapping[str, str]
    blue_days: int
    blue_statuses: frozenset[str]
    approx_tolerance: float
    equal_tolerance: float
    report_due_days: int
    default_frequency: str
    green: Weight
    red: Weight
    on_time: Weight
    extra: tuple[Weight, ...]
    sources: Mapping[str, str]

    def colour(self, status: str) -> str:
        """The warning colour of a status before the blue reminder is considered."""
        return self.status_colours[status]

    def extra_weight(self, key: str) -> Weight:
        """The weight of a pack's own measure; ``KeyError`` when the rules do not define it."""
        for weight in self.extra:
            if weight.key == key:
                return weight
        raise KeyError(f"no weight for pack measure {key!r} in the rules")


def load_rules(path: str | os.PathLike[str] | None = None) -> Rules:
    """The rules in ``path``, or the packaged defaults (read once) when ``path`` is None."""
    if path is None:
        return _default_rules()
    with Path(path).open("rb") as handle:
        return parse_rules(tomllib.load(handle))


@cache
def _default_rules() -> Rules:
    text = resources.files("policyledger.assess").joinpath("rules.toml").read_text("utf-8")
    return parse_rules(tomllib.loads(text))


def rule_tables(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Mapping]]:
    """Each leaf table of a rules document (a table without sub-tables) with its dotted name."""
    subtables = {k: v for k, v in data.items() if isinstance(v, Mapping)}
    if not subtables and prefix and data:
        yield prefix, data
    for name, table in subtables.items():
        yield from rule_tables(table, f"{prefix}.{name}" if prefix else name)


def parse_rules(data: Mapping[str, Any]) -> Rules:
    """Build ``Rules`` from a parsed rules document, checking sources and the colour map."""
    sources: dict[str, str] = {}
    for name, table in rule_tables(data):
        source = table.get("source")
        if not isinstance(source, str) or not source.strip():
            raise ValueError(f"rules table [{name}] has no source")
        sources[name] = source
    try:
        warning, tolerance = data["warning"], data["tolerance"]
        reporting, ranking = data["reporting"], data["ranking"]
        status_colours: dict[str, str] = {}
        for colour in _STATUS_COLOURS:
            for status in warning[colour]["statuses"]:
                if status in status_colours:
                    raise ValueError(f"status {status!r} has two warning colours in the rules")
                status_colours[status] = colour
        missing = set(STATUSES) - set(status_colours)
        if missing:
            raise ValueError(f"statuses without a warning colour in the rules: {sorted(missing)}")
        return Rules(
            status_colours=MappingProxyType(status_colours),
            blue_days=int(warning["blue"]["days_before_deadline"]),
            blue_statuses=frozenset(warning["blue"]["applies_to"]),
            approx_tolerance=float(tolerance["approx"]["share"]),
            equal_tolerance=float(tolerance["equal"]["share"]),
            report_due_days=int(reporting["due_days"]["days"]),
            default_frequency=str(reporting["default_frequency"]["frequency"]),
            green=_weight("green", ranking["green"]),
            red=_weight("red", ranking["red"]),
            on_time=_weight("on_time", ranking["on_time"]),
            extra=tuple(_weight(k, v) for k, v in ranking.get("extra", {}).items()),
            sources=MappingProxyType(sources),
        )
    except KeyError as missing_key:
        raise ValueError(f"rules file lacks {missing_key}") from None


def _weight(key: str, table: Mapping[str, Any]) -> Weight:
    return Weight(
        key=key,
        label=str(table["label"]),
        weight=float(table["weight"]),
        source=str(table["source"]),
        colours=tuple(table.get("colours", ())),
    )
