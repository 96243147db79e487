"""Check every row of a pack's data file before anything is written, collecting all problems:
each cell converted to its field's type (numbers, whole numbers, dates, yes/no, a value of a
list), required cells filled, numbers within the kind's bounds, text within the length limit
(:mod:`policyledger.limits`), the district (or body) found in the registry, the kind's own
checks, and no key twice in one file. Each problem is a
:class:`~policyledger.reporting.errors.RowError` with the row number and column."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.orm import Session

from policyledger import limits
from policyledger.packdata.kinds import DISTRICT_KINDS, RecordKind, base_type
from policyledger.reporting.errors import RowError
from policyledger.reporting.reader import ReportFile
from policyledger.rules import check_fields, to_plain
from policyledger.storage.models import Body
from policyledger.storage.packs import NewRecord
from policyledger.storage.queries import find_body

_NOTE = re.compile(r"（[^）]*）")
_TYPE_HINTS = {
    int: "应为整数",
    float: "应为数字",
    dt.date: "应为日期（如 2024-03-31）",
    bool: "应填“是”或“否”",
    str: "应为文字",
}


@dataclass(frozen=True)
class ValidRecord:
    """A row that passed every check: its row number, its typed value, what is stored."""

    row: int
    value: Any
    record: NewRecord


class _Bodies:
    """Bodies by the name written in the file, each looked up once."""

    def __init__(self, session: Session) -> None:
        from policyledger.storage.ingest import sync_registry

        sync_registry(session)  # a new ledger: the registry's districts are not rows yet
        self.session = session
        self.found: dict[str, Body | None] = {}

    def get(self, written: str) -> Body | None:
        if written not in self.found:
            self.found[written] = find_body(self.session, written)
        return self.found[written]


def _problem(kind: RecordKind, name: str, problem: str) -> str:
    if problem == "missing":
        return "必填，不能为空 required"
    tp = base_type(kind.type_of(name))
    if tp is Literal:
        choices = "/".join(str(c) for c in kind.choices(name))
        return f"应为 {choices} 之一：{problem}"
    hint = _TYPE_HINTS.get(tp)
    return f"{hint}：{problem}" if hint else problem


def _not_allowed(kind: RecordKind) -> str:
    if set(kind.body_kinds) <= set(DISTRICT_KINDS):
        return "不是区县 not a district"
    return f"不是本表可填的单位 not a {' or '.join(kind.body_kinds)}"


def _labelled(kind: RecordKind) -> dict[str, str]:
    return {f.name: f.zh or f.name for f in kind.fields}


def _bounds(kind: RecordKind, values: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for name, (low, high) in kind.bounds.items():
        number = values.get(name)
        if not isinstance(number, int | float):
            continue
        if low is not None and number < low:
            found.append((name, f"应不小于 {low:g}：{number:g} is below {low:g}"))
        elif high is not None and number > high:
            found.append((name, f"应不大于 {high:g}：{number:g} is above {high:g}"))
    return found


def _texts(kind: RecordKind, data: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for name, value in data.items():
        if isinstance(value, str) and len(value) > limits.NAME_CHARS.get():
            found.append(
                (name, "文字过长 " + limits.text_too_long(name, len(value), limits.NAME_CHARS))
            )
    return found


def validate_rows(
    session: Session, kind: RecordKind, report: ReportFile
) -> tuple[list[ValidRecord], list[RowError]]:
    """The valid records of ``report`` and every problem found (rows are valid only if there
    is no problem at all: the caller writes nothing then)."""
    errors: list[RowError] = list(report.errors)
    labels = _labelled(kind)
    bodies = _Bodies(session) if kind.body_field else None
    seen: dict[str, int] = {}
    valid: list[ValidRecord] = []

    def error(row: int, name: str, message: str, labelled: bool = True) -> None:
        label = labels.get(name, name) if labelled else ""
        errors.append(RowError(row, name, f"{label}{message}"))

    for number, row in report.rows:
        data = dict(row)
        body: Body | None = None
        problems: list[tuple[str, str]] = _texts(kind, data)
        written = data.get(kind.body_field) if kind.body_field else None
        if bodies is not None and written is not None:
            body = bodies.get(str(written).strip())
            if body is None:
                problems.append(
                    (kind.body_field, f"“{written}”不在单位名录中 unknown district or body")
                )
            elif body.kind not in kind.body_kinds:
                problems.append((kind.body_field, f"“{written}”{_not_allowed(kind)}"))
            else:
                data[kind.body_field] = body.name
        checked = check_fields(kind.row_type, data)
        problems += [(n, _problem(kind, n, p)) for n, p in checked.problems.items()]
        problems += _bounds(kind, checked.values)
        value = checked.value
        if value is not None and not problems and kind.check:
            problems += kind.check(value)
        if problems:
            for name, message in problems:
                error(number, name, message)
            continue
        key = kind.key_of(value, body.id if body else None)
        if key in seen:
            names = "、".join(_NOTE.sub("", labels[n]) for n in kind.key)
            error(
                number,
                kind.key[0],
                f"与第{seen[key]}行重复（{names}相同）duplicate of row {seen[key]}",
                labelled=False,
            )
            continue
        seen[key] = number
        period = kind.period(value) if kind.period else None
        record = NewRecord(
            key=key,
            data=to_plain(value),
            period=period[0] if period else None,
            as_of=period[1] if period else None,
            body_id=body.id if body else None,
        )
        valid.append(ValidRecord(number, value, record))
    return valid, errors
