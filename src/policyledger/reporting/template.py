"""Write the Excel template a department or district fills in to report progress: one row per
target it owns, the target columns locked, the fill-in columns (报告期, 数值, 说明, 来源)
unlocked and validated, and a sheet of instructions. The body the template is for is kept in
the workbook's custom properties so that the import can check ownership."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from policyledger.reporting.columns import COLUMNS, format_target
from policyledger.reporting.errors import ReportFileError
from policyledger.storage.models import Body, Target
from policyledger.storage.periods import parse_period
from policyledger.storage.queries import targets_owned_by

SHEET_TITLE = "进度报告 report"
INSTRUCTIONS_TITLE = "说明 instructions"
LISTS_TITLE = "lists"
PROP_BODY_ID = "policyledger.body_id"
PROP_BODY_NAME = "policyledger.body_name"
PROP_FORMAT = "policyledger.format"
FORMAT = "progress-report/1"
HEADER_ROWS = 2
EXTRA_ROWS = 50  # unlocked blank rows under the targets, for further periods of a target

_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_FILL_IN_HEADER = PatternFill("solid", fgColor="FFE699")
_FILL_IN_CELL = PatternFill("solid", fgColor="FFF2CC")
_UNLOCKED = Protection(locked=False)
_SHOW = {"allow_blank": True, "showInputMessage": True, "showErrorMessage": True}
_PERIOD_FORMS = "2024、2024-Q3、2024-09、2024-H1、2024年第三季度"
_LEVEL_PROMPT = "填写报告期末的数值，单位同“单位”列。Enter the value in the target's unit."
_CHANGE_PROMPT = (
    "“下降/增长”类目标：填写自基期以来累计变化的百分比，下降为负数，如 -8.5。"
    "Enter the signed cumulative % change since the baseline (a fall is negative)."
)
_ANY_PROMPT = (
    "按“单位”列填写；“下降/增长”类目标填自基期累计变化的百分比（下降为负）。"
    "The value in the target's unit, or the signed cumulative % change for a change target."
)
_VALUE_COMMENT = (
    "数值 value: 按“单位”列填写；“下降/增长”类目标填写自基期以来累计变化的百分比"
    "（下降为负数，如 -8.5）。In the target's unit; for a change target the signed "
    "cumulative % change since the baseline."
)
_INSTRUCTIONS = (
    "填报说明 How to fill in this template",
    "",
    "1. 本表列出贵单位负责的量化目标，每行一个目标。灰色列（目标编号至目标年份）已锁定，请勿修改。",
    "2. 请在黄色列填写：报告期、数值、说明（可选）、来源（可选，如统计公报网址）。",
    f"3. 报告期可写作：{_PERIOD_FORMS}。报告期须在方案期限之内。",
    "4. 数值按“单位”列的单位填写，只填数字，不要带单位或文字。",
    "5. “下降/增长”类目标（目标值为“下降 14”等），数值填写自基期以来累计变化的百分比，"
    "下降为负数，例如累计下降 8.5% 填 -8.5。",
    "6. 不需要报告的目标，整行留空即可，导入时自动跳过。",
    "7. 同一目标要报告多个报告期的，请在表格下方的空白行中填写目标编号、报告期和数值。"
    "同一目标、同一报告期只能填写一行。",
    "8. 已报告过的报告期再次填报，视为更正：新数值成为现行版本，原数值保留在历史中。",
    "9. 导入时逐行检查，任何一行有错误，整个文件都不会导入，并列出所有错误的行号和原因。",
    "",
    "Fill in the yellow columns only (period, value, note, source URL); leave a row blank to "
    "skip it. Any invalid row rejects the whole file, with every error listed by row number.",
)


def write_template(
    session: Session,
    body: Body,
    path: str | Path,
    plan: str | None = None,
    periods: list[str] | None = None,
) -> int:
    """Write the template for ``body`` to ``path`` (.xlsx); only plans whose name contains
    ``plan`` when given; ``periods`` limits the 报告期 to a list. Return the target rows
    written."""
    labels = [parse_period(p).label for p in periods or []]
    targets = [t for t in targets_owned_by(session, body) if plan is None or plan in t.plan.name]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    _headers(sheet)
    for row, target in enumerate(targets, start=HEADER_ROWS + 1):
        _target_row(sheet, row, target)
    last = HEADER_ROWS + len(targets) + EXTRA_ROWS
    for row in range(HEADER_ROWS + len(targets) + 1, last + 1):
        for index in range(1, len(COLUMNS) + 1):
            cell = sheet.cell(row, index)
            cell.protection = _UNLOCKED
            if COLUMNS[index - 1].fill_in:
                cell.fill = _FILL_IN_CELL
    _validations(workbook, sheet, targets, labels, last)
    sheet.freeze_panes = sheet.cell(HEADER_ROWS + 1, 1)
    sheet.protection.sheet = True  # no password: against accidental edits only
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    _instructions(workbook.create_sheet(INSTRUCTIONS_TITLE), body, plan, labels)
    for name, value in (
        (PROP_BODY_ID, body.id),
        (PROP_BODY_NAME, body.name),
        (PROP_FORMAT, FORMAT),
    ):
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))
    workbook.properties.title = f"{body.name} 目标进度报告"
    workbook.properties.creator = "policyledger"
    save_workbook(workbook, Path(path))
    return len(targets)


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Write the file whole or not at all (a temporary file renamed into place)."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ReportFileError(f"{path.name}: cannot write the template: {error.strerror}") from None


def _headers(sheet: Worksheet) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        for row, text in ((1, column.zh), (2, column.key)):
            cell = sheet.cell(row, index, text)
            cell.font = Font(bold=True)
            cell.fill = _FILL_IN_HEADER if column.fill_in else _HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center")
        if column.key == "value":
            sheet.cell(1, index).comment = Comment(_VALUE_COMMENT, "policyledger", 160, 320)
        if column.key == "period":
            sheet.cell(1, index).comment = Comment(
                f"报告期 period: {_PERIOD_FORMS}", "policyledger", 80, 240
            )


def _target_row(sheet: Worksheet, row: int, target: Target) -> None:
    values = {
        "target_id": target.lineage,
        "plan": target.plan.name,
        "clause": target.path or "",
        "metric": target.metric,
        "scope": target.scope or "",
        "unit": target.unit,
        "baseline": target.baseline or "",
        "target": format_target(target.relation, target.value, target.change, target.per_year),
        "target_year": target.year,
    }
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row, index, values.get(column.key))
        if column.fill_in:
            cell.protection = _UNLOCKED
            cell.fill = _FILL_IN_CELL


def _column_letter(key: str) -> str:
    return get_column_letter(next(i for i, c in enumerate(COLUMNS, 1) if c.key == key))


def _validations(
    workbook: Workbook, sheet: Worksheet, targets: list[Target], labels: list[str], last: int
) -> None:
    first = HEADER_ROWS + 1
    period, value = _column_letter("period"), _column_letter("value")
    for row in range(first, last + 1):
        sheet[f"{period}{row}"].number_format = "@"  # keep "2024-09" as text, not a date
    if labels:
        listed = ",".join(labels)
        if len(listed) <= 250:
            source = f'"{listed}"'
        else:  # too long for an inline list: keep it on a hidden sheet
            lists = workbook.create_sheet(LISTS_TITLE)
            lists.sheet_state = "hidden"
            for row, label in enumerate(labels, start=1):
                lists.cell(row, 1, label)
            source = f"'{LISTS_TITLE}'!$A$1:$A${len(labels)}"
        periods = DataValidation(type="list", formula1=source, **_SHOW)
        periods.prompt = "从列表中选择报告期。Choose a period from the list."
    else:
        cell = f"{period}{first}"
        periods = DataValidation(
            type="custom",
            formula1=f"AND(LEN({cell})>=4,LEN({cell})<=12,ISNUMBER(VALUE(LEFT({cell},4))))",
            **_SHOW,
        )
        periods.prompt = f"可写作 {_PERIOD_FORMS}。Write 2024, 2024-Q3, 2024-09 or 2024-H1."
    periods.promptTitle = "报告期 period"
    periods.error = f"报告期格式不对，可写作 {_PERIOD_FORMS}。Not a reporting period."
    periods.errorTitle = "报告期 period"
    periods.add(f"{period}{first}:{period}{last}")
    sheet.add_data_validation(periods)

    def decimal(prompt: str) -> DataValidation:
        rule = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1E+15",
            formula2="1E+15",
            **_SHOW,
        )
        rule.promptTitle = "数值 value"
        rule.prompt = prompt
        rule.errorTitle = "数值 value"
        rule.error = "请只填数字，不带单位。Enter a number only, without the unit."
        return rule

    level, change = decimal(_LEVEL_PROMPT), decimal(_CHANGE_PROMPT)
    for rule, is_change in ((level, False), (change, True)):
        rows = [r for r, t in enumerate(targets, start=first) if bool(t.change) == is_change]
        for start, end in _runs(rows):
            rule.add(f"{value}{start}:{value}{end}")
    extra = decimal(_ANY_PROMPT)
    if last >= first + len(targets):
        extra.add(f"{value}{first + len(targets)}:{value}{last}")
    for rule in (level, change, extra):
        if rule.sqref.ranges:  # an empty rule would make a damaged file
            sheet.add_data_validation(rule)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) runs: [3, 4, 5, 8] → [(3, 5), (8, 8)]."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _instructions(sheet: Worksheet, body: Body, plan: str | None, labels: list[str]) -> None:
    sheet.column_dimensions["A"].width = 110
    heading = f"报告单位 reporting body：{body.name}（{body.id}）"
    lines = [heading, f"生成日期 written on：{dt.date.today().isoformat()}"]
    if plan:
        lines.append(f"方案 plans containing：{plan}")
    if labels:
        lines.append(f"报告期 periods：{'、'.join(labels)}")
    for row, text in enumerate([*lines, "", *_INSTRUCTIONS], start=1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1 or text == _INSTRUCTIONS[0]:
            cell.font = Font(bold=True)
    sheet.protection.sheet = True
