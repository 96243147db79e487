"""Cases: worked examples of a rule in YAML, run as tests.

A case file (``cases/*.yaml`` of a pack) is a list of cases::

    - name: exactly-5000-tce            # lower case, digits and -: names the test
      title: 年综合能耗恰好5000吨标准煤     # optional, free text
      rule: energy.two_high
      date: 2023-06-30                  # the parameters valid on this date are used
      inputs: {...}                     # the rule's input fields
      expected: {...}                   # the outputs to check (others are not checked)
      tolerance: 0.0001                 # optional: largest difference allowed for numbers
      working: |                        # required: the arithmetic, written out
        5,000 ≥ 5,000 → 加强工作指导

A case may set ``parameters:`` (full key → value) to try another reading of the text, e.g.
``dual_control.pro_rata_method: geometric``: the value replaces the parameter's value in every
period (validity and source are kept). Instead of ``expected`` a case may give
``error: ParameterExpired`` (the error's name) and ``message:`` (text the error must contain).
:func:`run_case` returns the differences found, one line each; an empty list means the case
passes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from policyledger.rules.errors import CaseFileError, RulesError
from policyledger.rules.inputs import to_plain
from policyledger.rules.packs import Pack
from policyledger.rules.parameters import ParameterSet, parse_date
from policyledger.rules.yamlio import YamlList, YamlMap, load_yaml

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FIELDS = (
    "name",
    "title",
    "rule",
    "date",
    "parameters",
    "inputs",
    "expected",
    "error",
    "message",
    "tolerance",
    "working",
)
DEFAULT_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Case:
    """One case of a pack's case file."""

    pack: Pack
    file: str
    name: str
    title: str
    rule: str
    on: dt.date
    inputs: Any
    expected: Any
    error: str | None
    message: str
    tolerance: float
    working: str
    line: int
    overrides: tuple[tuple[str, Any], ...] = ()

    @property
    def id(self) -> str:
        """``pack/file/name``: the name of the case's test."""
        return f"{self.pack.name}/{self.file.rsplit('/', 1)[-1]}/{self.name}"


def load_cases(pack: Pack) -> list[Case]:
    """Every case of every ``cases/*.yaml`` file of ``pack``."""
    cases: list[Case] = []
    for path in sorted(pack.case_dir.glob("*.yaml")):
        shown = f"cases/{path.name}"
        data = load_yaml(path, shown, CaseFileError)
        if not isinstance(data, YamlList):
            raise CaseFileError(f"{shown}:{getattr(data, 'line', 1)}: expected a list of cases")
        names: dict[str, int] = {}
        for index, item in enumerate(data):
            case = _case(pack, shown, item, data.line_of(index))
            if case.name in names:
                raise CaseFileError(
                    f"{shown}:{case.line}: case '{case.name}' is already defined at line "
                    f"{names[case.name]}"
                )
            names[case.name] = case.line
            cases.append(case)
    return cases


def _case(pack: Pack, shown: str, item: Any, line: int) -> Case:
    if not isinstance(item, YamlMap):
        raise CaseFileError(f"{shown}:{line}: a case is a mapping (name, rule, date, inputs …)")
    for key in item:
        if key not in _FIELDS:
            raise CaseFileError(
                f"{shown}:{item.line_of(key)}: unknown field '{key}' "
                f"(expected {', '.join(_FIELDS)})"
            )
    for key in ("name", "rule", "date", "inputs", "working"):
        if item.get(key) in (None, ""):
            raise CaseFileError(f"{shown}:{line}: the case has no {key}")
    name = str(item["name"])
    if not _NAME.match(name):
        raise CaseFileError(
            f"{shown}:{item.line_of('name')}: case name '{name}' must be lower "
            "case letters, digits and -"
        )
    rule_id = str(item["rule"])
    if rule_id not in {r.id for r in pack.rules}:
        raise CaseFileError(
            f"{shown}:{item.line_of('rule')}: pack {pack.name} has no rule {rule_id}"
        )
    if ("expected" in item) == ("error" in item):
        raise CaseFileError(f"{shown}:{line}: case '{name}' needs either expected or error")
    try:
        on = parse_date(item["date"], f"{shown}:{item.line_of('date')}")
    except RulesError as error:
        raise CaseFileError(str(error)) from None
    tolerance = item.get("tolerance", DEFAULT_TOLERANCE)
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or tolerance < 0:
        raise CaseFileError(f"{shown}:{item.line_of('tolerance')}: tolerance must be a number ≥ 0")
    overrides = item.get("parameters")
    if overrides is None:
        overrides = YamlMap()
    if not isinstance(overrides, YamlMap):
        raise CaseFileError(
            f"{shown}:{item.line_of('parameters')}: parameters must map full keys to values"
        )
    for key, value in overrides.items():
        if key not in pack.parameters:
            raise CaseFileError(
                f"{shown}:{overrides.line_of(key)}: pack {pack.name} has no parameter '{key}'"
            )
        allowed = pack.parameters[key].allowed
        if allowed and value not in allowed:
            raise CaseFileError(
                f"{shown}:{overrides.line_of(key)}: '{value}' is not an allowed value of {key}"
            )
    return Case(
        pack,
        shown,
        name,
        str(item.get("title") or ""),
        rule_id,
        on,
        item["inputs"],
        item.get("expected"),
        item.get("error"),
        str(item.get("message") or ""),
        float(tolerance),
        str(item["working"]).strip(),
        line,
        tuple(overrides.items()),
    )


def case_parameters(case: Case) -> ParameterSet:
    """The pack's parameters with the case's overrides applied."""
    parameters = case.pack.parameters
    if not case.overrides:
        return parameters
    changed = dict(parameters.items())
    for key, value in case.overrides:
        old = changed[key]
        periods = tuple(dataclasses.replace(period, value=value) for period in old.periods)
        changed[key] = dataclasses.replace(old, periods=periods)
    return ParameterSet(changed)


def run_case(case: Case) -> list[str]:
    """The differences between what the case expects and what the rule gives."""
    at = f"{case.file}:{case.line}: {case.name}"
    try:
        rule = case.pack.rule(case.rule)
        output = rule.run(case.inputs, on=case.on, parameters=case_parameters(case))
    except RulesError as error:
        if case.error is None:
            return [f"{at}: unexpected {type(error).__name__}: {error}"]
        names = {cls.__name__ for cls in type(error).__mro__}
        problems = []
        if case.error not in names:
            problems.append(f"{at}: expected {case.error}, got {type(error).__name__}: {error}")
        if case.message and case.message not in str(error):
            problems.append(f"{at}: the error '{error}' does not contain '{case.message}'")
        return problems
    if case.error is not None:
        return [f"{at}: expected {case.error}, but the rule gave a result"]
    return compare(case.expected, to_plain(output), "expected", case.tolerance, case.file)


def compare(expected: Any, actual: Any, path: str, tolerance: float, file: str) -> list[str]:
    """Differences between ``expected`` (a part of the output) and ``actual``."""
    line = getattr(expected, "line", None)
    at = f"{file}:{line}: {path}" if line else path
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{at}: expected fields, got {actual!r}"]
        problems = []
        for key, value in expected.items():
            where = f"{file}:{expected.line_of(key)}: " if isinstance(expected, YamlMap) else ""
            if key not in actual:
                problems.append(
                    f"{where}{path}.{key}: the rule has no output '{key}' "
                    f"(outputs: {', '.join(actual)})"
                )
                continue
            found = compare(value, actual[key], f"{path}.{key}", tolerance, file)
            if found and where and not isinstance(value, dict | list):
                found = [f"{where}{p}" for p in found]
            problems.extend(found)
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            shown = len(actual) if isinstance(actual, list) else repr(actual)
            return [f"{at}: expected {len(expected)} items, got {shown}"]
        problems = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            problems.extend(compare(e, a, f"{path}[{i}]", tolerance, file))
        return problems
    if _number(expected) and _number(actual):
        if abs(float(expected) - float(actual)) <= tolerance:
            return []
        return [
            f"{path}: expected {expected}, got {actual} (difference "
            f"{abs(float(expected) - float(actual)):.3g} > tolerance {tolerance:g})"
        ]
    if expected != actual:
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
