"""Rules: plain functions over typed inputs, registered with the clause they encode.

::

    @rule(
        "energy.intensity",
        zh="能耗强度及其降低率",
        en="Energy intensity and its reduction",
        cites=[cite("渝府发〔2022〕39号", "二", "单位地区生产总值能源消耗比2020年下降14%")],
        parameters=["dual_control.base_year"],
    )
    def intensity(inputs: DistrictEnergy, p: ParameterView) -> IntensityResult:
        base_year = p["dual_control.base_year"]
        ...

The decorator refuses, when the module is imported, a rule without a clause citation (a
document number and a clause path), whose first argument or return type is not a dataclass,
or whose id is not ``pack.name``. A rule reads parameters only through the
:class:`ParameterView` it is given: on the date it is run for, and only the parameters it
declared (or those of the rules it ``uses``), so that ``rules explain`` lists every number a
rule depends on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from policyledger.rules.errors import RuleDefinitionError, UnknownParameter
from policyledger.rules.inputs import build
from policyledger.rules.parameters import ParameterSet, Period

_RULE_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclasses.dataclass(frozen=True)
class Citation:
    """A clause a rule encodes: document number, clause path as written (``四、（一）1``),
    and a short quote of the clause."""

    document: str
    clause: str
    quote: str = ""

    def cite(self) -> str:
        return f"{self.document} {self.clause}"


def cite(document: str, clause: str, quote: str = "") -> Citation:
    """A :class:`Citation` (shorthand for rule definitions)."""
    return Citation(document, clause, quote)


class ParameterView:
    """The parameters a rule may read, on the date it is run for."""

    def __init__(
        self, parameters: ParameterSet, on: dt.date, allowed: frozenset[str], rule_id: str
    ) -> None:
        self._parameters = parameters
        self.on = on
        self._allowed = allowed
        self._rule_id = rule_id

    def period(self, key: str) -> Period:
        if key not in self._allowed:
            raise UnknownParameter(
                f"rule {self._rule_id} reads parameter '{key}' but does not declare it"
            )
        return self._parameters[key].period(self.on)

    def __getitem__(self, key: str) -> Any:
        return self.period(key).value

    def get(self, key: str) -> Any:
        return self[key]


@dataclasses.dataclass(frozen=True)
class Rule:
    """A registered rule: call :meth:`run` with its inputs, a date and the pack's parameters."""

    id: str
    title_zh: str
    title_en: str
    citations: tuple[Citation, ...]
    own_parameters: tuple[str, ...]
    uses: tuple[Rule, ...]
    function: Callable[[Any, ParameterView], Any]
    input_type: type
    output_type: type

    @property
    def parameters(self) -> tuple[str, ...]:
        """Every parameter the rule reads: its own and those of the rules it uses."""
        seen: dict[str, None] = dict.fromkeys(self.own_parameters)
        for used in self.uses:
            seen.update(dict.fromkeys(used.parameters))
        return tuple(seen)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    def run(self, inputs: Any, *, on: dt.date, parameters: ParameterSet) -> Any:
        """Apply the rule to ``inputs`` (its input dataclass, or a mapping of its fields) with
        the parameter values valid on ``on``."""
        value = build(self.input_type, inputs)
        view = ParameterView(parameters, on, frozenset(self.parameters), self.id)
        return self.function(value, view)

    def __call__(self, inputs: Any, p: ParameterView) -> Any:
        """Call the rule from another rule (which must list it in ``uses``)."""
        return self.function(build(self.input_type, inputs), p)


def rule(
    rule_id: str,
    *,
    zh: str,
    en: str,
    cites: Sequence[Citation],
    parameters: Iterable[str] = (),
    uses: Iterable[Rule] = (),
) -> Callable[[Callable[..., Any]], Rule]:
    """Register a rule (see the module docstring)."""

    def register(function: Callable[..., Any]) -> Rule:
        where = f"rule {rule_id} ({function.__module__}.{function.__qualname__})"
        if not _RULE_ID.match(rule_id):
            raise RuleDefinitionError(f"{where}: the id must be 'pack.name' in lower case")
        if not zh.strip() or not en.strip():
            raise RuleDefinitionError(f"{where}: needs a Chinese and an English title")
        citations = tuple(cites)
        if not citations:
            raise RuleDefinitionError(f"{where} has no clause citation")
        for c in citations:
            if not isinstance(c, Citation) or not c.document.strip() or not c.clause.strip():
                raise RuleDefinitionError(
                    f"{where}: every citation needs a document number and a clause path"
                )
        hints = typing.get_type_hints(function)
        arguments = list(inspect.signature(function).parameters)
        if len(arguments) != 2:
            raise RuleDefinitionError(f"{where}: a rule takes (inputs, parameters)")
        input_type, output_type = hints.get(arguments[0]), hints.get("return")
        for kind, tp in (("input", input_type), ("output", output_type)):
            if not (isinstance(tp, type) and dataclasses.is_dataclass(tp)):
                raise RuleDefinitionError(f"{where}: its {kind} type must be a dataclass")
        if not (function.__doc__ or "").strip():
            raise RuleDefinitionError(f"{where}: needs a docstring explaining the rule")
        return Rule(
            rule_id,
            zh.strip(),
            en.strip(),
            citations,
            tuple(parameters),
            tuple(uses),
            function,
            typing.cast(type, input_type),
            typing.cast(type, output_type),
        )

    return register
