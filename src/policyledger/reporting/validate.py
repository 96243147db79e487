"""Check every row of a report before anything is written, collecting all the problems: an
unknown target, a wrong unit, a value that is not a number, a period that cannot be read or
falls outside the plan, a body reporting on a target it does not own, a duplicate row, a note,
source URL or reporter name over its length limit (:mod:`policyledger.limits`), a source that
is not an http(s) address.

The ledger is read a fixed number of times whatever the file's size: the targets once (by
lineage, in chunks), the ownership once per reporting body, each reporter name once."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import or_
from sqlalchemy.orm import Session

from policyledger import limits
from policyledger.reporting.columns import FILL_IN
from policyledger.reporting.errors import ReportFileError, RowError
from policyledger.reporting.reader import ReportFile, Row
from policyledger.storage.models import Body, Plan, Target
from policyledger.storage.periods import Period, PeriodError, parse_period
from policyledger.storage.queries import current_targets, find_body, owned_by

CHUNK = 500
_MAX_ID = 2**31 - 1  # an INTEGER column: a bigger number cannot be a target id
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass(frozen=True)
class ValidRow:
    """A row that passed every check, ready to be recorded."""

    row: int
    lineage: int
    period: Period
    value: float
    unit: str
    note: str | None
    source_url: str | None
    reporter_id: str | None


@dataclass
class Checked:
    rows: list[ValidRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped_blank: int = 0


@dataclass(frozen=True)
class _Target:
    unit: str
    start: dt.date
    end: dt.date | None


def _text(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value).replace("−", "-")
        if _GROUPED.match(text):
            text = text.replace(",", "")
        if not _DECIMAL.match(text):
            return None
        number = float(text)
    return number if math.isfinite(number) else None


def _target_id(value: object) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number.is_integer() else None


def _period_text(value: object) -> str:
    """A period cell as text: Excel turns "2024-09" typed into a cell into 1 Sep 2024, and
    "2024" into a number."""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f"{day.year}-{day.month:02d}" if day.day == 1 else day.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _load_targets(session: Session, lineages: Iterable[int]) -> dict[int, _Target]:
    """The current version of each target, with the dates its reports may cover."""
    found: dict[int, tuple[int, _Target]] = {}
    wanted = sorted({n for n in lineages if 0 < n <= _MAX_ID})  # others are unknown
    columns = (Target.lineage, Target.id, Target.unit, Target.year, Plan.start, Plan.end_year)
    for i in range(0, len(wanted), CHUNK):
        query = current_targets().with_only_columns(*columns)
        query = query.where(Target.lineage.in_(wanted[i : i + CHUNK]))
        for lineage, target_id, unit, year, start, end_year in session.execute(query):
            last = year if year is not None else (end_year + 1 if end_year else None)
            end = dt.date(last, 12, 31) if last is not None else None
            if lineage not in found or target_id > found[lineage][0]:
                found[lineage] = (target_id, _Target(unit, start, end))
    return {lineage: target for lineage, (_, target) in found.items()}


def _owned(session: Session, body: Body) -> set[int]:
    query = current_targets().with_only_columns(Target.lineage).where(or_(*owned_by(body)))
    return set(session.scalars(query))


def default_reporter(session: Session, report: ReportFile, reporter: Body | None) -> Body | None:
    """The body the rows are reported by unless a row says otherwise: ``reporter``, or the
    body the template was written for (they must agree)."""
    if report.body_id is None:
        return reporter
    written_for = session.get(Body, report.body_id)
    if written_for is None:
        raise ReportFileError(
            f"{report.name}: the template was written for {report.body_id}, "
            "which is not in the ledger"
        )
    if reporter is not None and reporter.id != written_for.id:
        raise ReportFileError(
            f"{report.name}: this template was written for {written_for.name} "
            f"({written_for.id}), not {reporter.name} ({reporter.id})"
        )
    return written_for


@dataclass
class _Pending:
    """A row with a readable target id, checked against the ledger even when some other cell
    is wrong (so that every problem of the row is reported at once)."""

    row: int
    lineage: int
    period: Period | None
    value: float | None
    cells: Row
    body: Body | None
    valid: bool


def validate(session: Session, report: ReportFile, reporter: Body | None) -> Checked:
    """Check every row of ``report``; the result holds the valid rows and all the errors."""
    checked = Checked()
    default = default_reporter(session, report, reporter)
    bodies: dict[str, Body | None] = {}

    def resolve(name: str) -> Body | None:
        if name not in bodies:
            bodies[name] = find_body(session, name)
        return bodies[name]

    pending: list[_Pending] = []
    for number, cells in report.rows:
        if not any(key in cells for key in FILL_IN):
            checked.skipped_blank += "target_id" in cells
            continue
        item, errors = _parse(number, cells, default, resolve)
        checked.errors.extend(errors)
        if item is not None:
            pending.append(item)

    if report.errors:  # found while reading (formulas without a value): one error a cell
        read = {(e.row, e.column) for e in report.errors}
        checked.errors = [e for e in checked.errors if (e.row, e.column) not in read]
        checked.errors.extend(report.errors)
        wrong = {row for row, _ in read}
        for item in pending:
            item.valid = item.valid and item.row not in wrong
    targets = _load_targets(session, (p.lineage for p in pending))
    reporters = {p.body.id: p.body for p in pending if p.body is not None}
    owned = {body_id: _owned(session, body) for body_id, body in reporters.items()}
    seen: dict[tuple[int, str], int] = {}
    for item in pending:
        errors = _check(item, targets.get(item.lineage), owned, seen)
        checked.errors.extend(errors)
        if item.valid and not errors:
            assert item.period is not None and item.value is not None
            checked.rows.append(
                ValidRow(
                    item.row,
                    item.lineage,
                    item.period,
                    item.value,
                    targets[item.lineage].unit,
                    _optional(item.cells.get("note")),
                    _optional(item.cells.get("source_url")),
                    item.body.id if item.body else None,
                )
            )
    return checked


def _parse(
    number: int, cells: Row, default: Body | None, resolve: Callable[[str], Body | None]
) -> tuple[_Pending | None, list[RowError]]:
    """Read a row's target id, period, value and reporter (no ledger look-ups but names)."""
    errors: list[RowError] = []
    lineage = _target_id(cells["target_id"]) if "target_id" in cells else None
    if "target_id" not in cells:
        errors.append(RowError(number, "target_id", "缺少目标编号 target id is missing"))
    elif lineage is None:
        shown = cells["target_id"]
        message = f"目标编号须为整数 target id is not a number: {_shown(shown)}"
        errors.append(RowError(number, "target_id", message))
    period = None
    if "period" not in cells:
        errors.append(RowError(number, "period", "报告期为空 period is empty"))
    else:
        try:
            period = parse_period(_period_text(cells["period"]))
        except PeriodError as problem:
            errors.append(RowError(number, "period", f"报告期无法识别 {problem}"))
    value = _number(cells["value"]) if "value" in cells else None
    if "value" not in cells:
        errors.append(RowError(number, "value", "数值为空 value is empty"))
    elif value is None:
        message = f"数值不是数字 value is not a number: {_shown(cells['value'])}"
        errors.append(RowError(number, "value", message))
    errors.extend(_texts(number, cells))
    body = default
    if "reporter" in cells:
        name = _text(cells["reporter"])
        body = resolve(name) if len(name) <= limits.NAME_CHARS.get() else None
        if len(name) > limits.NAME_CHARS.get():
            message = limits.text_too_long("reporter name", len(name), limits.NAME_CHARS)
            errors.append(RowError(number, "reporter", f"报告单位名称过长 {message}"))
        elif body is None:
            message = f"未知报告单位 unknown reporter: {_shown(name)}"
            errors.append(RowError(number, "reporter", message))
        elif default is not None and body.id != default.id:
            message = (
                f"报告单位与导入单位不一致 reporter {body.name} ({body.id}) is not "
                f"{default.name} ({default.id}), for whom this file is imported"
            )
            errors.append(RowError(number, "reporter", message))
    if lineage is None:
        return None, errors
    return _Pending(number, lineage, period, value, cells, body, not errors), errors


def _check(
    item: _Pending,
    target: _Target | None,
    owned: dict[str, set[int]],
    seen: dict[tuple[int, str], int],
) -> list[RowError]:
    """Check a parsed row against the ledger: target, unit, period, owner, duplicates."""
    row, lineage, period = item.row, item.lineage, item.period
    if target is None:
        message = (
            f"未知目标编号（或已不在现行方案中） unknown target id {lineage} "
            "(or no longer in a current plan)"
        )
        return [RowError(row, "target_id", message)]
    errors: list[RowError] = []
    unit = _text(item.cells["unit"]) if "unit" in item.cells else None
    if unit is not None and unit != _text(target.unit):
        message = (
            f"单位应为“{target.unit}” wrong unit: the target is in {target.unit}, not {_cut(unit)}"
        )
        errors.append(RowError(row, "unit", message))
    late = period is not None and target.end is not None and period.end > target.end
    if period is not None and (period.end < target.start or late):
        until = target.end.isoformat() if target.end else "…"
        message = (
            f"报告期不在方案期限内 period {period.label} is outside the plan "
            f"({target.start.isoformat()} to {until})"
        )
        errors.append(RowError(row, "period", message))
    body = item.body
    if body is not None and lineage not in owned[body.id]:
        message = f"{body.name}不负责该目标 {body.id} does not own target {lineage}"
        errors.append(RowError(row, "target_id", message))
    if period is None:
        return errors
    key = (lineage, period.label)
    if key in seen:
        message = (
            f"与第{seen[key]}行重复 duplicate of row {seen[key]} "
            f"(same target {lineage} and period {period.label})"
        )
        errors.append(RowError(row, "period", message))
    else:
        seen[key] = row
    return errors


def _optional(value: object) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _cut(value: object, most: int = 60) -> str:
    """A cell as shown in a message, cut short: "abc…"."""
    text = str(value)
    return text if len(text) <= most else text[: most - 1] + "…"


def _shown(value: object) -> str:
    """A cell as quoted in a message, cut short: 'abc…'."""
    return repr(_cut(value))


def _texts(number: int, cells: Row) -> list[RowError]:
    """The note and source URL: within their length limits, the source an http(s) address."""
    errors: list[RowError] = []
    note = _optional(cells.get("note"))
    if note is not None and len(note) > limits.NOTE_CHARS.get():
        message = limits.text_too_long("note", len(note), limits.NOTE_CHARS)
        errors.append(RowError(number, "note", f"说明过长 {message}"))
    url = _optional(cells.get("source_url"))
    if url is None:
        return errors
    if len(url) > limits.URL_CHARS.get():
        message = limits.text_too_long("source URL", len(url), limits.URL_CHARS)
        errors.append(RowError(number, "source_url", f"来源网址过长 {message}"))
    elif not _is_web_address(url):
        message = (
            "来源须为 http(s) 网址 source URL must be an http:// or https:// address, "
            f"not {_shown(url)}"
        )
        errors.append(RowError(number, "source_url", message))
    return errors


def _is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and " " not in url
