"""The ledger's first sheet, 汇总: the date the data is as of; per plan (linked to its sheet)
the targets by warning level and by status, the reports missing and the rows written, with
totals; and 说明, what the columns mean and where the status and warning rules come from."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from policyledger.assess import Rules
from policyledger.reports.ledger import cells
from policyledger.reports.ledger.cells import Cells, Styles, fit_widths
from policyledger.reports.ledger.columns import (
    ALL_DISTRICTS,
    COLOURS,
    COLUMNS,
    NOT_ASSESSED,
    STATUSES,
    WARNINGS,
    WARNINGS_EN,
)
from policyledger.reports.ledger.rows import PlanLedger

SUMMARY_TITLE = "汇总"
RULES_FILE = "assess/rules.toml"
_FIXED = (
    ("序号", "no."),
    ("工作表", "sheet"),
    ("方案", "plan"),
    ("目标", "targets"),
    ("台账行数", "rows"),
)


@dataclass(frozen=True)
class PlanCounts:
    """One plan's targets counted by warning level and status, and its reports missing."""

    targets: int
    rows: int
    warnings: Counter
    statuses: Counter
    missing: int

    @classmethod
    def of(cls, ledger: PlanLedger) -> PlanCounts:
        warnings: Counter = Counter()
        statuses: Counter = Counter()
        missing = 0
        for target in ledger.targets:
            warnings[target.warning or NOT_ASSESSED] += 1
            statuses[target.status or NOT_ASSESSED] += 1
            missing += target.reports_missing or 0
        return cls(len(ledger.targets), len(ledger.rows), warnings, statuses, missing)

    def __add__(self, other: PlanCounts) -> PlanCounts:
        return PlanCounts(
            self.targets + other.targets,
            self.rows + other.rows,
            self.warnings + other.warnings,
            self.statuses + other.statuses,
            self.missing + other.missing,
        )

    def cells(self) -> list[int]:
        """The counts in the order of the summary's count columns."""
        return [
            self.targets,
            self.rows,
            *(self.warnings[w] for w in WARNINGS),
            *(self.statuses[s] for s in STATUSES),
            self.statuses[NOT_ASSESSED],
            self.missing,
        ]


def count_headers() -> list[tuple[str, str]]:
    """(Chinese, English) headers of the summary table, in order."""
    return [
        *_FIXED,
        *((WARNINGS[w], WARNINGS_EN[w]) for w in WARNINGS),
        *((word, key.replace("_", " ")) for key, word in STATUSES.items()),
        (NOT_ASSESSED, "not assessed"),
        ("应报未报", "reports missing"),
    ]


def write_summary(
    workbook,
    styles: Styles,
    as_of: dt.date,
    plans: list[tuple[str, PlanLedger]],
    rules: Rules,
    plan_filter: str | None = None,
) -> PlanCounts:
    """Add the summary sheet (first) to a write-only ``workbook``; return the totals."""
    sheet = workbook.create_sheet(SUMMARY_TITLE)
    make = Cells(sheet, styles)
    headers = count_headers()
    names = [name for name, _ in plans] + ["工作表 sheet"]
    titles = [ledger.name for _, ledger in plans]
    fit_widths(
        sheet,
        [((), 6, 6), (names, 12, 34), (titles, 12, 56)]
        + [((), max(8, len(en) * 0.9), 12) for _, en in headers[3:]],
    )
    sheet.append([make.text("政策台账 汇总  Policy ledger — summary", cells.TITLE)])
    meta = [
        ("数据截至 as of", make.value(as_of)),
        ("导出日期 exported on", make.value(dt.date.today())),
        ("评估规则 rules", make.text(f"policyledger {RULES_FILE}")),
    ]
    if plan_filter:
        meta.append(("方案筛选 plans containing", make.text(plan_filter)))
    for label, cell in meta:
        sheet.append([None, make.text(label, cells.BOLD), cell])
    sheet.append([])
    sheet.append([make.text(en, cells.HEADER_EN) for _, en in headers])
    zh_row = [make.text(zh, cells.HEADER) for zh, _ in headers]
    for offset, colour in enumerate(WARNINGS, start=len(_FIXED)):
        zh_row[offset] = make.warning(colour, WARNINGS[colour])
    sheet.append(zh_row)
    total = PlanCounts(0, 0, Counter(), Counter(), 0)
    for number, (name, ledger) in enumerate(plans, start=1):
        counts = PlanCounts.of(ledger)
        total += counts
        sheet.append(
            [
                make.value(number),
                make.sheet_link(name, name),
                make.text(ledger.name, cells.WRAPPED),
                *(make.value(n) for n in counts.cells()),
            ]
        )
    sheet.append(
        [
            None,
            make.text("合计 total", cells.BOLD),
            make.text(f"方案 {len(plans)} 个", cells.BOLD),
            *(make.value(n, cells.TOTAL) for n in total.cells()),
        ]
    )
    sheet.append([])
    _notes(sheet, make, rules)
    return total


def _notes(sheet, make: Cells, rules: Rules) -> None:
    """说明: how the sheets are laid out, each column, each warning level and its source."""

    def line(label: str | None, text: str, label_cell=None) -> None:
        first = label_cell or make.text(label, cells.BOLD)
        sheet.append([None, first, make.text(text, cells.WRAPPED)])

    sheet.append([None, make.text("说明 notes", cells.TITLE)])
    line(
        "工作表 sheets",
        "每个方案一张工作表（标题行为方案全称）。每行是一个“任务 × 目标 × 责任单位”："
        "一个目标有几个责任单位就有几行；没有目标的任务、没有责任单位的目标也各占一行，"
        "空出相应的列，所以每个任务、每个目标都列出。由各区县落实的任务另有一行“"
        f"{ALL_DISTRICTS[0]}”。汇总表按目标计数（不按行）。",
    )
    line(
        "评估 assessment",
        "状态、预警、序时进度和应报未报是所示数据日期的评估结果（只用已审核的报告值）。"
        f"状态与预警的规则、阈值及其依据见 policyledger 的 {RULES_FILE}，摘录如下。",
    )
    for column in COLUMNS:
        line(f"{column.zh} {column.en}", column.meaning)
    by_colour: dict[str, list[str]] = {}
    for status, colour in rules.status_colours.items():
        by_colour.setdefault(colour, []).append(STATUSES.get(status, status))
    for colour in WARNINGS:
        if colour not in COLOURS:
            continue
        if colour == "blue":
            reminded = "、".join(STATUSES.get(s, s) for s in sorted(rules.blue_statuses))
            covers = f"{reminded}但未完成、距期限不足 {rules.blue_days} 天"
        else:
            covers = "、".join(by_colour.get(colour, [])) or "—"
        source = rules.sources.get(f"warning.{colour}", "")
        label = make.warning(colour, f"{WARNINGS[colour]} {WARNINGS_EN[colour]}")
        line(None, f"{covers}。依据 source: {source}", label_cell=label)
