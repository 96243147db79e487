"""``policyledger ledger export``: write the ledger (台账) as an Excel workbook — a summary
sheet, then one sheet per plan with a row per task × target × responsible body."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from policyledger.cli.common import add_db_option, open_ledger, progress
from policyledger.errors import PolicyLedgerError


def register(commands) -> None:
    """Add ``ledger export`` to the parser."""
    ledger = commands.add_parser("ledger", help="the ledger (台账) as a whole")
    actions = ledger.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    export = actions.add_parser(
        "export",
        help="write the ledger as an Excel workbook: a summary, then one sheet per plan",
    )
    # not "output": the command line would write the returned summary line there
    export.add_argument("-o", "--output", dest="xlsx", required=True, metavar="FILE.xlsx")
    export.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_date,
        default=None,
        help="the assessment date (default: the latest stored; a date never assessed is "
        "assessed first, as is today when nothing was ever assessed)",
    )
    export.add_argument("--plan", metavar="TEXT", help="only plans whose name contains TEXT")
    add_db_option(export)
    export.set_defaults(handler=run_export)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (write YYYY-MM-DD)") from None


def run_export(args: argparse.Namespace) -> str:
    from policyledger.reports.ledger import export_ledger

    output = Path(args.xlsx)
    if output.suffix.lower() != ".xlsx":
        raise PolicyLedgerError(f"the ledger is an Excel file: name it ….xlsx, not {output.name}")
    if output.is_dir():
        raise PolicyLedgerError(f"cannot write {output}: it is a directory")
    database = open_ledger(args)
    with database.session() as session:
        summary = export_ledger(
            session, output, as_of=args.as_of, plan=args.plan, actor="cli", progress=progress
        )
    assessed = "（已先行评估该日）" if summary.assessed else ""
    return (
        f"已写出台账 {output}：截至 {summary.as_of}{assessed}，方案 {len(summary.sheets)} 个，"
        f"任务 {summary.tasks} 项，目标 {summary.targets} 个，共 {summary.rows} 行\n"
    )
