"""``policyledger pack list|template|import``: the data of rule packs — the kinds of records
each pack's templates bring in, the empty Excel template of a kind, and the all-or-nothing
import of a filled template or a CSV (every error printed with its row and column)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policyledger.cli.common import add_db_option, open_ledger
from policyledger.errors import PolicyLedgerError


def register(commands) -> None:
    packs = commands.add_parser(
        "pack",
        help="rule packs' data: list the kinds of records, write a template, import a file",
        description="A rule pack's data (a district's energy accounts, the 两高 project list …) "
        "comes in through Excel templates or CSV files, all or nothing (see docs/rules.md).",
    )
    actions = packs.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    listing = actions.add_parser("list", help="every pack's kinds of records and their columns")
    listing.add_argument("pack", nargs="?", metavar="PACK", help="only this pack")
    listing.set_defaults(handler=run_list)

    template = actions.add_parser("template", help="write the empty Excel template of a kind")
    template.add_argument("pack", metavar="PACK", help="a pack, e.g. energy")
    template.add_argument("kind", metavar="KIND", help="a kind of record, e.g. district_energy")
    template.add_argument("-o", "--output", dest="xlsx", required=True, metavar="FILE.xlsx")
    template.set_defaults(handler=run_template)

    importer = actions.add_parser(
        "import", help="validate and import a filled template (.xlsx) or a CSV, all or nothing"
    )
    importer.add_argument("pack", metavar="PACK")
    importer.add_argument("kind", metavar="KIND")
    importer.add_argument("file", metavar="FILE.xlsx|FILE.csv")
    importer.add_argument(
        "--synthetic",
        action="store_true",
        help="mark the data as invented (demos, tests): the pages and the bulletin say so",
    )
    importer.add_argument("--note", metavar="TEXT", help="a note kept with the import")
    add_db_option(importer)
    importer.set_defaults(handler=run_import)


def run_list(args: argparse.Namespace) -> str:
    from policyledger.packdata.template import type_words
    from policyledger.rules import discover_packs, get_pack

    packs = [get_pack(args.pack)] if args.pack else discover_packs()
    lines = []
    for pack in packs:
        lines.append(f"{pack.name} {pack.version}  {pack.title_zh}")
        if not pack.kinds:
            lines.append("  (no data templates)")
        for kind in pack.kinds:
            lines.append(f"  {kind.name}  {kind.title_zh} / {kind.title_en}")
            lines.append(f"      key: {', '.join(kind.key)}; rules: {', '.join(kind.rules)}")
            for info in kind.fields:
                unit = f" [{info.unit}]" if info.unit else ""
                need = "required" if info.required else "optional"
                zh, _ = type_words(kind, info)
                lines.append(f"      {info.name}  {info.zh}{unit}  {zh}, {need}")
    return "\n".join(lines) + "\n" if lines else "no rule packs are installed\n"


def run_template(args: argparse.Namespace) -> str:
    from policyledger.packdata import write_pack_template
    from policyledger.rules import get_pack

    output = Path(args.xlsx)
    if output.suffix.lower() != ".xlsx":
        raise PolicyLedgerError(f"the template is an Excel file: name it …xlsx, not {output.name}")
    if not output.parent.is_dir():
        raise PolicyLedgerError(f"cannot write {output}: the folder does not exist")
    pack = get_pack(args.pack)
    columns = write_pack_template(pack, args.kind, output)
    kind = pack.kind(args.kind)
    return f"已写出 {kind.title_zh} 模板 {output}（{columns} 列）· wrote {output}\n"


def run_import(args: argparse.Namespace) -> str:
    from policyledger.packdata import import_records
    from policyledger.reporting import ImportRejected
    from policyledger.rules import get_pack

    pack = get_pack(args.pack)
    pack.kind(args.kind)  # an unknown kind is refused before the ledger is opened
    database = open_ledger(args)
    try:
        with database.session() as session:
            result = import_records(
                session,
                pack,
                args.kind,
                Path(args.file),
                actor="cli",
                synthetic=args.synthetic,
                note=args.note,
            )
    except ImportRejected as rejected:
        for error in rejected.errors:
            print(f"  {error}", file=sys.stderr)
        raise
    finally:
        database.dispose()
    return f"{result}\n"
