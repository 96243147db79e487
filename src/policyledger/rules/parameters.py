"""Dated parameters read from YAML: each value with its unit, validity and source clause.

A parameter file holds parameters by key. A parameter has an optional ``title`` and
``allowed`` (the values it may take) and one or more dated values, written either inline (one
value) or as a list under ``values``::

    reduction_target:
      title: 单位地区生产总值能耗比2020年下降（到2025年）
      value: 14
      unit: "%"
      valid_from: 2021-01-01
      valid_until: 2025-12-31
      source:
        document: 渝府发〔2022〕39号
        clause: 二
        quote: 到2025年，全市单位地区生产总值能源消耗比2020年下降14%
      note: …

A parameter's full key is the file name and the key: ``dual_control.reduction_target``.
Every value needs ``valid_from`` and a ``source`` naming the document and clause; a number
needs a ``unit``. ``params.get(key, on=date)`` answers the value valid on that date; a date
outside every period raises :class:`ParameterExpired` rather than reusing the last value.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policyledger.rules.errors import ParameterExpired, ParameterFileError, UnknownParameter
from policyledger.rules.yamlio import YamlList, YamlMap, load_yaml

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD_FIELDS = ("value", "unit", "valid_from", "valid_until", "source", "note")
_PARAMETER_FIELDS = ("title", "allowed", "values")
_SOURCE_FIELDS = ("document", "clause", "quote")


@dataclass(frozen=True)
class Source:
    """Where a value comes from: the document number, the clause path and a short quote."""

    document: str
    clause: str
    quote: str = ""

    def cite(self) -> str:
        return f"{self.document} {self.clause}"


@dataclass(frozen=True)
class Period:
    """One dated value of a parameter."""

    value: Any
    unit: str | None
    valid_from: dt.date
    valid_until: dt.date | None
    source: Source
    note: str
    line: int

    def covers(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def validity(self) -> str:
        if self.valid_until is None:
            return f"from {self.valid_from}"
        return f"{self.valid_from} to {self.valid_until}"


@dataclass(frozen=True)
class Parameter:
    """A parameter: its full key, title, allowed values and dated values (oldest first)."""

    key: str
    title: str
    periods: tuple[Period, ...]
    file: str
    line: int
    allowed: tuple[Any, ...] = ()

    def period(self, on: dt.date) -> Period:
        """The value valid on ``on``; :class:`ParameterExpired` if none is."""
        for period in self.periods:
            if period.covers(on):
                return period
        raise ParameterExpired(self.key, on, [(p.valid_from, p.valid_until) for p in self.periods])


class ParameterSet(Mapping[str, Parameter]):
    """The parameters of a pack (or of some files), by full key."""

    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self._parameters = dict(parameters)

    def __getitem__(self, key: str) -> Parameter:
        try:
            return self._parameters[key]
        except KeyError:
            raise UnknownParameter(f"no parameter '{key}' is defined") from None

    def __contains__(self, key: object) -> bool:
        return key in self._parameters

    def __iter__(self) -> Iterator[str]:
        return iter(self._parameters)

    def __len__(self) -> int:
        return len(self._parameters)

    def get(self, key: str, *, on: dt.date) -> Any:  # type: ignore[override]
        """The value of ``key`` valid on ``on`` (``params.get("x", on=date)``): there is no
        default, a parameter is always asked for on a date."""
        return self[key].period(on).value

    def period(self, key: str, on: dt.date) -> Period:
        return self[key].period(on)


def parse_date(value: Any, where: str) -> dt.date:
    """A ``YYYY-MM-DD`` date, else :class:`ParameterFileError` at ``where``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value)
    if isinstance(value, str) and _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ParameterFileError(f"{where}: '{text}' is not a date (YYYY-MM-DD)")


def load_parameters(folder: Path, display: str | None = None) -> ParameterSet:
    """Every ``*.yaml`` file of ``folder``; the first problem raised, with how many more."""
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    parameters, problems = read_parameter_files(files, folder, display)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise ParameterFileError(problems[0] + more, tuple(problems))
    return parameters


def read_parameter_files(
    files: list[Path], root: Path | None = None, display: str | None = None
) -> tuple[ParameterSet, list[str]]:
    """Read parameter files; return the parameters read and every problem found (one line
    each, ``file:line: …``). ``display`` names ``root`` in messages (default: its name)."""
    parameters: dict[str, Parameter] = {}
    problems: list[str] = []
    for path in files:
        shown = _display(path, root, display)
        try:
            found, file_problems = _read_file(path, shown)
        except ParameterFileError as error:
            problems.append(str(error))
            continue
        problems.extend(file_problems)
        parameters.update(found)
    return ParameterSet(parameters), problems


def _display(path: Path, root: Path | None, display: str | None) -> str:
    if root is not None and root.is_dir():
        try:
            relative = path.relative_to(root)
        except ValueError:
            return str(path)
        return str(Path(display if display is not None else root.name) / relative)
    return str(path)


def _read_file(path: Path, shown: str) -> tuple[dict[str, Parameter], list[str]]:
    data = load_yaml(path, shown, ParameterFileError)
    if data is None:
        return {}, [f"{shown}:1: the file holds no parameters"]
    if not isinstance(data, YamlMap):
        return {}, [f"{shown}:{getattr(data, 'line', 1)}: expected parameters by key"]
    found: dict[str, Parameter] = {}
    problems: list[str] = []
    for key, body in data.items():
        try:
            parameter = _parameter(path.stem, key, body, data, shown)
        except ParameterFileError as error:
            problems.append(str(error))
            continue
        found[parameter.key] = parameter
    return found, problems


def _parameter(stem: str, key: Any, body: Any, parent: YamlMap, shown: str) -> Parameter:
    line = parent.line_of(key)
    if not isinstance(key, str) or not _KEY.match(key):
        raise ParameterFileError(
            f"{shown}:{line}: parameter key '{key}' must be lower-case letters, digits and _"
        )
    if not isinstance(body, YamlMap):
        raise ParameterFileError(
            f"{shown}:{line}: parameter '{key}' needs value, unit, valid_from and source"
        )
    for field in body:
        if field not in _PARAMETER_FIELDS + _PERIOD_FIELDS:
            raise ParameterFileError(
                f"{shown}:{body.line_of(field)}: parameter '{key}': unknown field '{field}' "
                f"(expected {', '.join(_PARAMETER_FIELDS + _PERIOD_FIELDS)})"
            )
    if "values" in body:
        inline = [f for f in body if f in _PERIOD_FIELDS]
        if inline:
            raise ParameterFileError(
                f"{shown}:{body.line_of(inline[0])}: parameter '{key}': write '{inline[0]}' "
                "inside each item of 'values', not beside it"
            )
        items = body["values"]
        if not isinstance(items, YamlList) or not items:
            raise ParameterFileError(
                f"{shown}:{body.line_of('values')}: parameter '{key}': 'values' must be a "
                "list of dated values"
            )
        raw = [(item, items.line_of(i)) for i, item in enumerate(items)]
    else:
        raw = [(body, line)]
    allowed = body.get("allowed", [])
    if not isinstance(allowed, list):
        raise ParameterFileError(
            f"{shown}:{body.line_of('allowed')}: parameter '{key}': 'allowed' must be a list"
        )
    inline = "values" not in body
    periods = [
        _period(key, item, item_line, shown, tuple(allowed), inline) for item, item_line in raw
    ]
    periods.sort(key=lambda p: p.valid_from)
    for earlier, later in itertools.pairwise(periods):
        if earlier.valid_until is None or later.valid_from <= earlier.valid_until:
            raise ParameterFileError(
                f"{shown}:{later.line}: parameter '{key}': the value from {later.valid_from} "
                f"overlaps the value valid {earlier.validity()} (line {earlier.line})"
            )
    title = body.get("title", "")
    return Parameter(f"{stem}.{key}", str(title), tuple(periods), shown, line, tuple(allowed))


def _period(
    key: str, item: Any, line: int, shown: str, allowed: tuple[Any, ...], inline: bool
) -> Period:
    if not isinstance(item, YamlMap):
        raise ParameterFileError(
            f"{shown}:{line}: parameter '{key}': each value must be a "
            "mapping with value, unit, valid_from and source"
        )
    for field in item:
        if field not in _PERIOD_FIELDS and not (inline and field in _PARAMETER_FIELDS):
            raise ParameterFileError(
                f"{shown}:{item.line_of(field)}: parameter '{key}': unknown field '{field}' "
                f"(expected {', '.join(_PERIOD_FIELDS)})"
            )
    if "value" not in item:
        raise ParameterFileError(f"{shown}:{line}: parameter '{key}' has no value")
    value = item["value"]
    number = isinstance(value, int | float) and not isinstance(value, bool)
    unit = item.get("unit")
    if number and not (isinstance(unit, str) and unit.strip()):
        raise ParameterFileError(
            f"{shown}:{item.line_of('value')}: parameter '{key}': the number {value} has no unit"
        )
    if allowed and value not in allowed:
        choices = ", ".join(str(a) for a in allowed)
        raise ParameterFileError(
            f"{shown}:{item.line_of('value')}: parameter '{key}': '{value}' is not one of "
            f"the allowed values ({choices})"
        )
    if "valid_from" not in item:
        raise ParameterFileError(f"{shown}:{line}: parameter '{key}' has no valid_from date")
    start = parse_date(item["valid_from"], f"{shown}:{item.line_of('valid_from')}")
    end = None
    if item.get("valid_until") is not None:
        end = parse_date(item["valid_until"], f"{shown}:{item.line_of('valid_until')}")
        if end < start:
            raise ParameterFileError(
                f"{shown}:{item.line_of('valid_until')}: valid_until {end} is before "
                f"valid_from {start}"
            )
    source = _source(key, item.get("source"), line, shown)
    note = item.get("note") or ""
    return Period(value, unit, start, end, source, " ".join(str(note).split()), line)


def _source(key: str, raw: Any, line: int, shown: str) -> Source:
    missing = f"{shown}:{line}: parameter '{key}' has no source (document and clause)"
    if not isinstance(raw, YamlMap):
        raise ParameterFileError(missing)
    for field in raw:
        if field not in _SOURCE_FIELDS:
            raise ParameterFileError(
                f"{shown}:{raw.line_of(field)}: parameter '{key}': unknown source field "
                f"'{field}' (expected {', '.join(_SOURCE_FIELDS)})"
            )
    document, clause = raw.get("document"), raw.get("clause")
    if not (isinstance(document, str) and document.strip()):
        raise ParameterFileError(missing)
    if clause is None or not str(clause).strip():
        raise ParameterFileError(missing)
    quote = raw.get("quote") or ""
    return Source(document.strip(), str(clause).strip(), " ".join(str(quote).split()))
