"""Typed inputs and outputs of rules: dataclasses whose fields carry a Chinese label and unit.

A rule's inputs and outputs are plain dataclasses. Annotate their fields with :func:`label`
so that a case file, an Excel template or a web form can name them::

    @dataclass(frozen=True)
    class EnergyPeriod:
        gdp: Annotated[float, label("地区生产总值（2020年不变价）", "亿元")]
        feedstock: Annotated[float, label("原料用能消费量", "万吨标准煤")] = 0.0

:func:`build` turns a mapping (a case's ``inputs:``, a template row) into the dataclass,
converting numbers, dates and yes/no and saying which field is wrong — with ``file:line`` when
the mapping came from YAML. :func:`describe` lists the fields for templates and ``rules
explain``; :func:`to_plain` turns an output back into plain data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from policyledger.rules.errors import RuleInputError
from policyledger.rules.yamlio import YamlList, YamlMap

_TRUE = {"true", "yes", "y", "1", "是", "有", "已"}
_FALSE = {"false", "no", "n", "0", "否", "无", "未"}


@dataclasses.dataclass(frozen=True)
class Label:
    """The Chinese label, unit and note of a field (``Annotated[float, label(…)]``)."""

    zh: str
    unit: str | None = None
    note: str = ""


def label(zh: str, unit: str | None = None, *, note: str = "") -> Label:
    """A field's :class:`Label`, for ``Annotated[type, label("地区生产总值", "亿元")]``."""
    return Label(zh, unit, note)


def _field_types(cls: type) -> dict[str, tuple[Any, Label]]:
    """Each field's type (without ``Annotated``) and label."""
    out = {}
    for name, hint in typing.get_type_hints(cls, include_extras=True).items():
        found = Label("")
        if typing.get_origin(hint) is Annotated:
            hint, *extras = typing.get_args(hint)
            found = next((e for e in extras if isinstance(e, Label)), found)
        out[name] = (hint, found)
    return out


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """One field of an input or output type, for templates and explanations."""

    name: str
    zh: str
    unit: str | None
    type: str
    required: bool
    note: str = ""
    nullable: bool = False


def describe(cls: type) -> list[FieldInfo]:
    """The fields of the dataclass ``cls`` in order."""
    types_ = _field_types(cls)
    out = []
    for f in dataclasses.fields(cls):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        hint, found = types_[f.name]
        nullable = typing.get_origin(hint) in (typing.Union, types.UnionType) and type(
            None
        ) in typing.get_args(hint)
        out.append(
            FieldInfo(
                f.name, found.zh, found.unit, _type_name(hint), required, found.note, nullable
            )
        )
    return out


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return " | ".join(_type_name(a) for a in args)
    if origin is list:
        return f"list of {_type_name(typing.get_args(tp)[0])}"
    if origin is Literal:
        return " | ".join(repr(a) for a in typing.get_args(tp))
    return getattr(tp, "__name__", str(tp))


def build(cls: type, data: Any, path: str = "inputs") -> Any:
    """The dataclass ``cls`` built from the mapping ``data``; :class:`RuleInputError` naming
    the field (and ``file:line`` for YAML) when a value is missing, unknown or mistyped."""
    if isinstance(data, cls):
        return data
    if not isinstance(data, Mapping):
        raise RuleInputError(f"{_where(data)}{path}: expected the fields of {cls.__name__}")
    types_ = _field_types(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    for key in data:
        if key not in names:
            raise RuleInputError(
                f"{_where(data, key)}{path}.{key}: unknown field (expected one of "
                f"{', '.join(f.name for f in dataclasses.fields(cls))})"
            )
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            hint = types_[f.name][0]
            values[f.name] = _convert(hint, data[f.name], f"{path}.{f.name}", data, f.name)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            zh = types_[f.name][1].zh
            shown = f" ({zh})" if zh else ""
            raise RuleInputError(f"{_where(data)}{path}.{f.name}{shown}: missing")
    return cls(**values)


@dataclasses.dataclass(frozen=True)
class Checked:
    """What :func:`check_fields` found: the dataclass (None if any field is wrong), each wrong
    field's problem, and the converted value of every field that is right."""

    value: Any | None
    problems: dict[str, str]
    values: dict[str, Any]


def check_fields(cls: type, data: Mapping[str, Any]) -> Checked:
    """Like :func:`build` for a flat row (a template's or a CSV's), but every field is checked,
    naming each field that is missing, unknown or mistyped (problems in English, without the
    field's name)."""
    types_ = _field_types(cls)
    fields = dataclasses.fields(cls)
    names = {f.name for f in fields}
    problems = {key: "unknown field" for key in data if key not in names}
    values = {}
    for f in fields:
        if f.name in data:
            try:
                values[f.name] = _convert(types_[f.name][0], data[f.name], f.name, None, None)
            except RuleInputError as error:
                problems[f.name] = str(error).removeprefix(f"{f.name}: ")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            problems[f.name] = "missing"
    return Checked(None if problems else cls(**values), problems, values)


def field_type(cls: type, name: str) -> Any:
    """The type of the field ``name`` of ``cls`` without its label (``int | None`` …)."""
    return _field_types(cls)[name][0]


def _where(container: Any, key: Any = None) -> str:
    if isinstance(container, YamlMap | YamlList):
        line = container.line if key is None else container.line_of(key)
        return f"{container.file}:{line}: "
    return ""


def _convert(tp: Any, value: Any, path: str, container: Any, key: Any) -> Any:
    def fail(problem: str) -> RuleInputError:
        return RuleInputError(f"{_where(container, key)}{path}: {problem}")

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None or value == "":
            if type(None) in typing.get_args(tp):
                return None
            raise fail("missing")
        return _convert(args[0], value, path, container, key)
    if value is None:
        raise fail("missing")
    if origin is list:
        (item_type,) = typing.get_args(tp)
        if not isinstance(value, list):
            raise fail("expected a list")
        return [_convert(item_type, item, f"{path}[{i}]", value, i) for i, item in enumerate(value)]
    if origin is Literal:
        choices = typing.get_args(tp)
        if value not in choices:
            raise fail(f"'{value}' is not one of {', '.join(str(c) for c in choices)}")
        return value
    if dataclasses.is_dataclass(tp):
        return build(tp, value, path)
    if tp is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise fail(f"'{value}' is not yes or no")
    if tp in (int, float):
        return _number(tp, value, fail)
    if tp is dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise fail(f"'{value}' is not a date (YYYY-MM-DD)") from None
    if tp is str:
        if isinstance(value, str | int) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                return text
        raise fail("expected text")
    return value


def _number(tp: type, value: Any, fail: Any) -> float | int:
    if isinstance(value, bool):
        raise fail(f"'{value}' is not a number")
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").strip())
        except ValueError:
            raise fail(f"'{value}' is not a number") from None
    if not isinstance(value, int | float) or value != value:  # NaN
        raise fail(f"'{value}' is not a number")
    if tp is int:
        if isinstance(value, float) and not value.is_integer():
            raise fail(f"'{value}' is not a whole number")
        return int(value)
    return float(value)


def to_plain(value: Any) -> Any:
    """Plain data (dicts, lists, numbers, text; dates as ``YYYY-MM-DD``) of an output."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
