"""``policyledger template`` and ``policyledger report import``: progress reports by Excel/CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from policyledger.cli.common import add_db_option, open_ledger
from policyledger.errors import PolicyLedgerError


def register(commands) -> None:
    template = commands.add_parser(
        "template", help="write the Excel progress-report template of one body or district"
    )
    template.add_argument(
        "--body",
        required=True,
        metavar="BODY",
        help="the reporting body or district: a name (市商务委, 渝中区) or id",
    )
    template.add_argument(
        "--plan", metavar="TEXT", help="only targets of plans whose name has TEXT"
    )
    template.add_argument("-o", "--output", dest="xlsx", required=True, metavar="FILE.xlsx")
    add_db_option(template)
    template.set_defaults(handler=run_template)

    report = commands.add_parser("report", help="progress reports")
    actions = report.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    importer = actions.add_parser(
        "import", help="validate and import a filled template (.xlsx) or a CSV, all or nothing"
    )
    importer.add_argument("file", metavar="FILE.xlsx|FILE.csv")
    importer.add_argument(
        "--as",
        dest="reporter",
        metavar="BODY",
        help="the body reporting (default: the body the template was made for)",
    )
    add_db_option(importer)
    importer.set_defaults(handler=run_import)


def _body(session, name: str):
    from policyledger.storage.queries import find_body

    body = find_body(session, name)
    if body is None:
        raise PolicyLedgerError(f"unknown body or district: {name}")
    return body


def run_template(args: argparse.Namespace) -> str:
    from policyledger.reporting import write_template

    output = Path(args.xlsx)
    if output.suffix.lower() != ".xlsx":
        raise PolicyLedgerError(f"the template is an Excel file: name it …xlsx, not {output.name}")
    database = open_ledger(args)
    with database.session() as session:
        body = _body(session, args.body)
        rows = write_template(session, body, output, plan=args.plan)
    if rows == 0:
        return f"{body.name} 名下没有目标，已写出空模板 {output}\n"
    return f"已为 {body.name} 写出报送模板 {output}（{rows} 个目标）\n"


def run_import(args: argparse.Namespace) -> str:
    from policyledger.reporting import ImportRejected, import_reports

    database = open_ledger(args)
    try:
        with database.session() as session:
            reporter = _body(session, args.reporter) if args.reporter else None
            result = import_reports(session, Path(args.file), actor="cli", reporter=reporter)
    except ImportRejected as rejected:
        import sys

        for error in rejected.errors:
            print(f"  {error}", file=sys.stderr)
        raise
    return f"{result}\n"
