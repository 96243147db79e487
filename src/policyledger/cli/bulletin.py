"""``policyledger bulletin``: write the monthly bulletin (月度通报) of a period as DOCX, PDF or
HTML, written whole or not at all (a temporary file renamed into place)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from policyledger.cli.common import add_db_option, open_ledger, progress
from policyledger.errors import PolicyLedgerError


def register(commands) -> None:
    """Add the sub-command to the parser."""
    bulletin = commands.add_parser(
        "bulletin",
        help="write the monthly bulletin (月度通报) of a period as DOCX, PDF or HTML",
        description="Write the bulletin of a period: the summary, the red and yellow lists with "
        "their clauses and sources, the rankings, the reports not received, and charts. The "
        "assessment of the period's last day is used, or run and stored if there is none.",
    )
    bulletin.add_argument(
        "--period", required=True, help="the period: 2024-12, 2024-Q4, 2024-H2 or 2024"
    )
    bulletin.add_argument(
        "--plan", metavar="TEXT", help="only the plans whose name contains TEXT (e.g. 外贸)"
    )
    bulletin.add_argument(
        "--format",
        dest="fmt",
        choices=("docx", "pdf", "html"),
        help="the file format (default: from the output file's suffix)",
    )
    bulletin.add_argument(
        "-o", dest="file", metavar="FILE", required=True, help="the file to write"
    )
    add_db_option(bulletin)
    bulletin.set_defaults(handler=run_bulletin)


def _checked_target(file: str) -> Path:
    """The output path, refused early if it cannot be written."""
    target = Path(file)
    if target.is_dir():
        raise PolicyLedgerError(f"cannot write {file}: it is a directory")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise PolicyLedgerError(f"cannot write {file}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise PolicyLedgerError(f"cannot write {file}: permission denied")
    return target


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it into place."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise PolicyLedgerError(f"cannot write {target}: {error.strerror or error}") from None


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count < 1024 * 1024 else f"{count / 1048576:.1f} MB"


def run_bulletin(args: argparse.Namespace) -> str:
    from policyledger.reports.bulletin import format_for, make_bulletin
    from policyledger.storage.periods import parse_period

    parse_period(args.period)  # a bad period is refused before anything else
    fmt = format_for(args.file, args.fmt)
    target = _checked_target(args.file)
    database = open_ledger(args)
    with database.session() as session:  # a fresh session: assessment workers may read in parallel
        output = make_bulletin(session, args.period, args.plan, fmt, progress=progress)
    write_atomically(target, output.data)
    b = output.bulletin
    pages = f"{output.pages} 页，" if output.pages else ""
    return (
        f"{target}：{fmt.upper()}，{pages}{_size(len(output.data))}；{b.period_text}，"
        f"方案 {len(b.plans)} 个，目标 {b.total} 个（红 {b.warnings.get('red', 0)}，"
        f"黄 {b.warnings.get('yellow', 0)}），未收到报告 {b.reports_missing} 期\n"
    )
