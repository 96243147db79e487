"""A kind of record a pack's data template brings in: its typed row, its key, the body it
belongs to, the period it covers, its bounds and checks, and the clauses it serves.

A pack declares its kinds (``Pack(kinds=…)``)::

    RecordKind(
        name="district_energy",
        title_zh="区县能源消费季度数据",
        title_en="Districts' quarterly energy accounts",
        row_type=DistrictEnergyRecord,      # a dataclass: one field per column
        key=("district", "year", "quarter"),  # the same key imported again supersedes
        body_field="district",              # resolved through the body registry
        period=lambda row: (…label…, …last day…),
        bounds={"quarter": (1, 4), "gdp": (0, None)},
        cites=(FLEXIBLE_TOTAL,),
        rules=("energy.barometer",),
    )

The template's columns are the row type's fields (key fields first), each headed by its
Chinese label and unit (:func:`policyledger.rules.label`); a header cell is recognised by the
label, the field name, or both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from policyledger.rules import Citation, FieldInfo, describe, field_type

if typing.TYPE_CHECKING:
    from policyledger.reporting.reader import TableLayout

FORMAT = "pack-data/1"
PROP_PACK = "policyledger.pack"
PROP_KIND = "policyledger.kind"
PROP_FORMAT = "policyledger.format"
DISTRICT_KINDS = ("district", "development_zone")

Period = tuple[str, dt.date]
Check = Callable[[Any], list[tuple[str, str]]]


@dataclass(frozen=True)
class RecordKind:
    """One kind of record (see the module docstring). ``check`` returns (field, message) for
    what a field's type and bounds cannot say (e.g. parts larger than the whole);
    ``instructions`` are lines for the template's instructions sheet."""

    name: str
    title_zh: str
    title_en: str
    row_type: type
    key: tuple[str, ...]
    cites: tuple[Citation, ...]
    rules: tuple[str, ...] = ()
    body_field: str | None = None
    body_kinds: tuple[str, ...] = DISTRICT_KINDS
    period: Callable[[Any], Period | None] | None = None
    bounds: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    check: Check | None = None
    instructions: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()  # fields shown first (default: the key)

    def __post_init__(self) -> None:
        if not dataclasses.is_dataclass(self.row_type):
            raise TypeError(f"kind {self.name}: its row type must be a dataclass")
        names = {f.name for f in dataclasses.fields(self.row_type)}
        for group in (self.key, self.lead, tuple(self.bounds), (self.body_field,)):
            for name in group:
                if name is not None and name not in names:
                    raise TypeError(f"kind {self.name}: {self.row_type.__name__} has no {name}")
        if not self.key:
            raise TypeError(f"kind {self.name}: needs key fields")

    @property
    def fields(self) -> list[FieldInfo]:
        """The template's columns in order: the lead (or key) fields, then the others."""
        described = {f.name: f for f in describe(self.row_type)}
        first = list(dict.fromkeys(self.lead or self.key))
        return [described[n] for n in first] + [f for n, f in described.items() if n not in first]

    @property
    def required(self) -> list[str]:
        return [f.name for f in self.fields if f.required]

    def type_of(self, name: str) -> Any:
        return field_type(self.row_type, name)

    def choices(self, name: str) -> tuple[Any, ...]:
        """The allowed values of an enumerated field (``Literal``), else ()."""
        return literal_choices(self.type_of(name))

    def heading(self, info: FieldInfo) -> str:
        """The Chinese header of a column: "*地区生产总值（2020年不变价）（亿元）"."""
        unit = f"（{info.unit}）" if info.unit else ""
        return f"{'*' if info.required else ''}{info.zh or info.name}{unit}"

    def aliases(self) -> dict[str, str]:
        """Header forms → field name: the field name, the label, the label with its unit.
        A form two fields share (e.g. the Chinese part of two labels) names neither."""
        from policyledger.reporting.columns import header_forms

        table: dict[str, str] = {}
        clashes: set[str] = set()
        for info in self.fields:
            for text in (info.name, info.zh, self.heading(info)):
                for form in header_forms(text):
                    if table.get(form, info.name) != info.name:
                        clashes.add(form)
                    table.setdefault(form, info.name)
        for form in clashes:
            del table[form]
        return table

    def key_of(self, row: Any, body_id: str | None = None) -> str:
        """The record key: the key fields' values joined by "|" (the body's id for the body
        field; blank for an empty field)."""
        parts = []
        for name in self.key:
            value = body_id if name == self.body_field and body_id else getattr(row, name)
            parts.append("" if value is None else str(value))
        return "|".join(parts)

    def layout(self, pack: str) -> TableLayout:
        """How :func:`policyledger.reporting.reader.read_table` finds this kind's table (of
        the pack named ``pack``): a template written for another pack or kind is refused."""
        from policyledger.reporting.columns import column_key, header_map
        from policyledger.reporting.reader import HEADER_SEARCH, TableLayout

        aliases = self.aliases()
        required = set(self.required)

        def header(cells: Sequence[object]) -> dict[str, int] | None:
            found = header_map(list(cells), aliases)
            return found if found and required <= set(found) else None

        def repeated(row: dict[str, object]) -> bool:
            return all(column_key(value, aliases) == key for key, value in row.items())

        def refuse(properties: dict[str, str]) -> str | None:
            wrote = (properties.get(PROP_PACK), properties.get(PROP_KIND))
            if wrote == (None, None) or wrote == (pack, self.name):
                return None
            return (
                f"this template is for {wrote[0]}/{wrote[1]}, not {pack}/{self.name}; "
                "import it as that kind"
            )

        wanted = "、".join(f"{f.zh}（{f.name}）" for f in self.fields if f.required)
        return TableLayout(
            header=header,
            repeated_header=repeated,
            sheet=SHEET_TITLE,
            imported=frozenset(f.name for f in self.fields),
            no_header=(
                f"no header row naming the columns of {self.name} ({wanted}) in the first "
                f"{HEADER_SEARCH} rows"
            ),
            refuse=refuse,
        )


SHEET_TITLE = "数据 data"
INSTRUCTIONS_TITLE = "说明 instructions"
LISTS_TITLE = "lists"


def literal_choices(tp: Any) -> tuple[Any, ...]:
    """The values of ``Literal[…]`` (also inside ``… | None``), else ()."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            if arg is not type(None):
                return literal_choices(arg)
    if typing.get_origin(tp) is Literal:
        return typing.get_args(tp)
    return ()


def base_type(tp: Any) -> Any:
    """``int | None`` → ``int``; a ``Literal`` → ``Literal``; others unchanged."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return base_type(args[0]) if len(args) == 1 else tp
    if typing.get_origin(tp) is Literal:
        return Literal
    return tp
