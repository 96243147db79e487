"""Packs: a named set of rules with their parameter and case folders, found through entry points.

A pack is registered the way any pip-installed package would register it, in its
``pyproject.toml``::

    [project.entry-points."policyledger.packs"]
    energy = "policyledger.packs.energy:pack"

The entry point names a :class:`Pack` (or a function returning one); its name must equal the
entry point's. :func:`discover_packs` loads every installed pack; a pack that cannot be
loaded is a one-line :class:`PackError`.

A pack may also declare the *kinds of records* its data templates bring in (``kinds``, see
:mod:`policyledger.packdata`) and a function contributing sections to the bulletin
(``bulletin``: ``"module:function"``, imported only when a bulletin is made; see
:mod:`policyledger.reports.bulletin.sections`), and one listing what its records hold that is
overdue, for the overview (``overdue``: ``"module:function"``, see
:mod:`policyledger.packdata.overdue`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from policyledger.rules.errors import PackError, RuleDefinitionError
from policyledger.rules.parameters import ParameterSet, load_parameters
from policyledger.rules.rule import Rule

GROUP = "policyledger.packs"


@dataclass
class Pack:
    """A pack of rules: name, titles, version, rules and the folder holding ``parameters/``
    and ``cases/``."""

    name: str
    title_zh: str
    title_en: str
    version: str
    rules: tuple[Rule, ...]
    folder: Path
    kinds: tuple[Any, ...] = ()  # policyledger.packdata.RecordKind: what its templates hold
    bulletin: str | None = None  # "module:function" adding sections to the bulletin
    overdue: str | None = None  # "module:function" listing overdue items for the overview
    _parameters: ParameterSet | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        self.rules = tuple(self.rules)
        self.kinds = tuple(self.kinds)
        names = [k.name for k in self.kinds]
        if len(set(names)) != len(names):
            raise RuleDefinitionError(f"pack {self.name}: a kind of record is declared twice")
        seen: set[str] = set()
        for r in self.rules:
            if not r.id.startswith(f"{self.name}."):
                raise RuleDefinitionError(
                    f"pack {self.name}: rule {r.id} must start with '{self.name}.'"
                )
            if r.id in seen:
                raise RuleDefinitionError(f"pack {self.name}: rule {r.id} is registered twice")
            seen.add(r.id)

    @property
    def parameter_dir(self) -> Path:
        return self.folder / "parameters"

    @property
    def case_dir(self) -> Path:
        return self.folder / "cases"

    @property
    def parameters(self) -> ParameterSet:
        """The pack's parameters (read once); :class:`ParameterFileError` if a file is wrong."""
        if self._parameters is None:
            self._parameters = load_parameters(self.parameter_dir, "parameters")
        return self._parameters

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise PackError(f"pack {self.name} has no rule {rule_id}")

    def kind(self, name: str) -> Any:
        """The kind of record ``name`` the pack's templates bring in."""
        for kind in self.kinds:
            if kind.name == name:
                return kind
        known = ", ".join(k.name for k in self.kinds) or "none"
        raise PackError(f"pack {self.name} has no kind of record '{name}' (kinds: {known})")

    def run(self, rule_id: str, inputs: Any, on: dt.date) -> Any:
        """Run one of the pack's rules with the pack's parameters."""
        return self.rule(rule_id).run(inputs, on=on, parameters=self.parameters)

    def problems(self) -> list[str]:
        """Parameters a rule declares that no parameter file defines."""
        known = self.parameters
        return [
            f"rule {r.id} declares parameter '{key}', which no file in "
            f"{self.name}/parameters defines"
            for r in self.rules
            for key in r.parameters
            if key not in known
        ]


def _load(point: Any) -> Pack:
    """The pack an entry point names; :class:`PackError` in one line if it cannot be loaded."""
    try:
        loaded = point.load()
        pack = loaded() if callable(loaded) and not isinstance(loaded, Pack) else loaded
    except Exception as error:  # a broken third-party pack must not crash the command
        detail = " ".join(str(error).split())[:200]
        raise PackError(
            f"pack '{point.name}' ({point.value}) cannot be loaded: "
            f"{type(error).__name__}: {detail}"
        ) from None
    if not isinstance(pack, Pack):
        raise PackError(f"pack '{point.name}' ({point.value}) is not a Pack")
    if pack.name != point.name:
        raise PackError(f"pack '{point.name}' ({point.value}) calls itself '{pack.name}'")
    return pack


def discover_packs(skip_broken: bool = False) -> list[Pack]:
    """Every installed pack (entry point group ``policyledger.packs``), by name. A pack that
    cannot be loaded is a :class:`PackError`, or left out with ``skip_broken`` (for pages and
    bulletins, which must not fail because of another pack)."""
    packs: dict[str, Pack] = {}
    for point in entry_points(group=GROUP):
        try:
            pack = _load(point)
        except PackError:
            if skip_broken:
                continue
            raise
        packs.setdefault(pack.name, pack)
    _check_unique(packs.values())
    return [packs[name] for name in sorted(packs)]


def _check_unique(packs: Iterable[Pack]) -> None:
    owners: dict[str, str] = {}
    for pack in packs:
        for r in pack.rules:
            if r.id in owners:
                raise PackError(f"rule {r.id} is defined by packs {owners[r.id]} and {pack.name}")
            owners[r.id] = pack.name


def get_pack(name: str) -> Pack:
    """The installed pack ``name`` (loaded alone: another pack that is broken does not
    matter)."""
    for point in entry_points(group=GROUP):
        if point.name == name:
            return _load(point)
    known = ", ".join(p.name for p in discover_packs(skip_broken=True)) or "none"
    raise PackError(f"no pack named '{name}' is installed (installed: {known})")


def find_rule(rule_id: str) -> tuple[Pack, Rule]:
    """The pack and rule of ``rule_id`` among the installed packs."""
    for pack in discover_packs():
        for r in pack.rules:
            if r.id == rule_id:
                return pack, r
    raise PackError(f"no installed pack has a rule '{rule_id}' (see: policyledger rules list)")
