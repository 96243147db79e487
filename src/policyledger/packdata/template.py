"""Write the empty Excel template of a pack's kind of record: a data sheet headed by each
field's Chinese label and unit (row 1, required columns starred) and its English field name
(row 2), with Excel's data validation for lists, yes/no, dates, whole numbers and numbers, the
districts offered from the registry; and an instructions sheet citing the clauses the data
serves. No example rows: what is in the sheet is imported. The pack and kind are kept in the
workbook's custom properties so that the import refuses a template of another kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from policyledger import limits
from policyledger.packdata.kinds import (
    FORMAT,
    INSTRUCTIONS_TITLE,
    LISTS_TITLE,
    PROP_FORMAT,
    PROP_KIND,
    PROP_PACK,
    SHEET_TITLE,
    RecordKind,
    base_type,
)
from policyledger.reporting.template import save_workbook
from policyledger.rules import FieldInfo, Pack

ROWS = 1000  # rows below the header carrying the validation
HEADER_ROWS = 2
_REQUIRED_FILL = PatternFill("solid", fgColor="FFE699")
_OPTIONAL_FILL = PatternFill("solid", fgColor="D9D9D9")
_SHOW = {"allow_blank": True, "showInputMessage": True, "showErrorMessage": True}
_TYPE_WORDS = {
    int: ("整数", "whole number"),
    float: ("数字", "number"),
    dt.date: ("日期 YYYY-MM-DD", "date"),
    bool: ("是/否", "yes/no"),
    str: ("文字", "text"),
}


def type_words(kind: RecordKind, info: FieldInfo) -> tuple[str, str]:
    """A field's type in Chinese and English ("整数", "whole number"; a list's values)."""
    tp = base_type(kind.type_of(info.name))
    if tp is Literal:
        choices = "/".join(str(c) for c in kind.choices(info.name))
        return f"可选：{choices}", f"one of {choices}"
    return _TYPE_WORDS.get(tp, (info.type, info.type))


def write_pack_template(pack: Pack, kind_name: str, path: str | Path) -> int:
    """Write the template of ``pack``'s kind ``kind_name`` to ``path`` (.xlsx); return the
    number of columns."""
    kind = pack.kind(kind_name)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    fields = kind.fields
    for index, info in enumerate(fields, start=1):
        _header(sheet, kind, index, info)
    _instructions(workbook.create_sheet(INSTRUCTIONS_TITLE), pack, kind)
    _validations(workbook, sheet, kind, fields)  # after: the districts' hidden sheet is last
    sheet.freeze_panes = sheet.cell(HEADER_ROWS + 1, 1)
    for name, value in ((PROP_PACK, pack.name), (PROP_KIND, kind.name), (PROP_FORMAT, FORMAT)):
        workbook.custom_doc_props.append(StringProperty(name=name, value=value))
    workbook.properties.title = f"{kind.title_zh}（{pack.name}/{kind.name}）"
    workbook.properties.creator = "policyledger"
    save_workbook(workbook, Path(path))
    return len(fields)


def _header(sheet: Worksheet, kind: RecordKind, index: int, info: FieldInfo) -> None:
    letter = get_column_letter(index)
    heading = kind.heading(info)
    sheet.column_dimensions[letter].width = max(12, min(40, len(heading) * 1.8 + 2))
    fill = _REQUIRED_FILL if info.required else _OPTIONAL_FILL
    for row, text in ((1, heading), (2, info.name)):
        cell = sheet.cell(row, index, text)
        cell.font = Font(bold=row == 1)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    zh, en = type_words(kind, info)
    lines = [f"{info.zh}（{info.name}）", f"类型 type：{zh} · {en}"]
    if info.unit:
        lines.append(f"单位 unit：{info.unit}")
    lines.append("必填 required" if info.required else "可留空 optional")
    if info.note:
        lines.append(info.note)
    sheet.cell(1, index).comment = Comment("\n".join(lines), "policyledger", 120, 300)


def _bounds(kind: RecordKind, name: str, whole: bool) -> tuple[str, str]:
    """The bounds of a number column as Excel formulas ("0", "1E+12")."""
    low, high = kind.bounds.get(name, (None, None))
    low = -1e9 if low is None else low
    high = (1e9 if whole else 1e12) if high is None else high
    if whole:
        return str(int(low)), str(int(high))
    return f"{low:G}", f"{high:G}"


def _rule(kind: RecordKind, info: FieldInfo, districts: str | None) -> DataValidation | None:
    """The validation of one column, or None."""
    tp = base_type(kind.type_of(info.name))
    zh, en = type_words(kind, info)
    rule: DataValidation
    if info.name == kind.body_field and districts:
        rule = DataValidation(type="list", formula1=districts, **_SHOW)
        rule.errorStyle = "warning"  # a former name or alias is accepted by the import
    elif tp is Literal:
        listed = ",".join(str(c) for c in kind.choices(info.name))
        rule = DataValidation(type="list", formula1=f'"{listed}"', **_SHOW)
    elif tp is bool:
        rule = DataValidation(type="list", formula1='"是,否"', **_SHOW)
    elif tp is dt.date:
        rule = DataValidation(
            type="date",
            operator="between",
            formula1="DATE(1990,1,1)",
            formula2="DATE(2100,12,31)",
            **_SHOW,
        )
    elif tp in (int, float):
        low, high = _bounds(kind, info.name, tp is int)
        kind_name = "whole" if tp is int else "decimal"
        rule = DataValidation(
            type=kind_name, operator="between", formula1=low, formula2=high, **_SHOW
        )
        given = kind.bounds.get(info.name, (None, None))
        if given[0] is not None and given[1] is not None:
            zh, en = f"{zh}，{given[0]:g}～{given[1]:g}", f"{en} from {given[0]:g} to {given[1]:g}"
        elif given[0] is not None:
            zh, en = f"{zh}，不小于{given[0]:g}", f"{en}, at least {given[0]:g}"
    elif tp is str:
        rule = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(limits.NAME_CHARS.get()),
            **_SHOW,
        )
    else:
        return None
    unit = f"（{info.unit}）" if info.unit else ""
    rule.promptTitle = (info.zh or info.name)[:32]
    rule.prompt = f"{zh}{unit}。{en}."[:255]
    rule.errorTitle = rule.promptTitle
    rule.error = f"应为{zh}{unit}。Expected {en}."[:255]
    return rule


def _validations(
    workbook: Workbook, sheet: Worksheet, kind: RecordKind, fields: list[FieldInfo]
) -> None:
    first, last = HEADER_ROWS + 1, HEADER_ROWS + ROWS
    districts = _district_list(workbook) if kind.body_field else None
    for index, info in enumerate(fields, start=1):
        letter = get_column_letter(index)
        rule = _rule(kind, info, districts)
        if rule is None:
            continue
        rule.add(f"{letter}{first}:{letter}{last}")
        sheet.add_data_validation(rule)
        if base_type(kind.type_of(info.name)) is dt.date:
            for row in range(first, last + 1):
                sheet.cell(row, index).number_format = "yyyy-mm-dd"


def _district_list(workbook: Workbook) -> str | None:
    """The districts of the registry on a hidden sheet, as a list validation's source."""
    from policyledger.registry.bodies import default_registry

    names = [b.name for b in default_registry().bodies() if b.kind == "district"]
    if not names:
        return None
    lists = workbook.create_sheet(LISTS_TITLE)
    lists.sheet_state = "hidden"
    for row, name in enumerate(names, start=1):
        lists.cell(row, 1, name)
    return f"'{LISTS_TITLE}'!$A$1:$A${len(names)}"


def instruction_lines(pack: Pack, kind: RecordKind) -> list[str]:
    """The instructions sheet's lines (also shown on the upload page)."""
    keys = "、".join(f.zh for f in kind.fields if f.name in kind.key)
    lines = [
        f"{kind.title_zh} · {kind.title_en}",
        f"规则包 pack：{pack.name} · {pack.title_zh}",
        f"生成日期 written on：{dt.date.today().isoformat()}",
        "",
        "依据条款 clauses these data serve:",
        *(f"  {c.document} {c.clause}：「{c.quote}」" for c in kind.cites),
    ]
    titles = {r.id: r.title_zh for r in pack.rules}
    if kind.rules:
        lines += ["", "用于规则 rules (policyledger rules explain RULE):"]
        lines += [f"  {r}  {titles.get(r, '')}".rstrip() for r in kind.rules]
    lines += [
        "",
        "填报说明 How to fill in this template",
        "1. 在“数据 data”表第3行起每行填写一条记录；第1行为中文列名（*为必填），第2行为英文字段名，"
        "请勿修改。",
        "2. 数字只填数字，不带单位，单位见列名括号；日期写作 2024-03-31；是/否列填“是”或“否”；"
        "有下拉列表的列从列表中选择。",
        f"3. 同一{keys}再次导入视为更正：新数据成为现行版本，原数据保留在历史中；数据相同则不变。",
        "4. 导入时逐行检查，任何一行有错误，整个文件都不会导入，并列出所有错误的行号、列和原因。",
        "5. 公式按保存时的计算结果导入；也可另存为 CSV（UTF-8），首行为中文列名或英文字段名。",
        *kind.instructions,
        "",
        "Fill one record per row from row 3. Any invalid row rejects the whole file, with every "
        "error listed by row number and column. A record whose key is imported again is "
        "superseded; its history is kept.",
    ]
    return lines


def _instructions(sheet: Worksheet, pack: Pack, kind: RecordKind) -> None:
    sheet.column_dimensions["A"].width = 28
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 18
    sheet.column_dimensions["F"].width = 60
    row = 1
    for text in instruction_lines(pack, kind):
        cell = sheet.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=False, vertical="top")
        if row == 1 or text.startswith("填报说明"):
            cell.font = Font(bold=True)
        row += 1
    row += 1
    header = ["列 column", "字段 field", "单位 unit", "类型 type", "必填 required", "说明 note"]
    for index, text in enumerate(header, start=1):
        sheet.cell(row, index, text).font = Font(bold=True)
    for info in kind.fields:
        row += 1
        zh, en = type_words(kind, info)
        values: list[Any] = [
            kind.heading(info),
            info.name,
            info.unit or "",
            f"{zh} · {en}",
            "是" if info.required else "否",
            info.note,
        ]
        for index, value in enumerate(values, start=1):
            sheet.cell(row, index, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.protection.sheet = True
