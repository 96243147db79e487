"""``policyledger backup FILE`` and ``policyledger restore FILE``: the whole ledger in one file.

SQLite ledgers are copied with the online backup API (safe while the server runs); PostgreSQL
ledgers with ``pg_dump -Fc`` / ``pg_restore``. The logic is in ``storage.backup``; this module
parses, reports progress on stderr and prints the outcome.
"""

from __future__ import annotations

import argparse
import sys
import time

from policyledger.cli.common import add_db_option

_UNITS = {"pages": "页", "tables": "张表"}


def register(commands) -> None:
    backup = commands.add_parser(
        "backup",
        help="copy the whole ledger into one file (safe while the ledger is in use)",
        description="Copy the ledger into FILE: a SQLite file (online backup API) for a SQLite "
        "ledger, a pg_dump custom-format archive for PostgreSQL. FILE is written whole under "
        "a temporary name, readable by its owner only (it holds password hashes).",
    )
    backup.add_argument("file", metavar="FILE")
    add_db_option(backup)
    backup.set_defaults(handler=run_backup)

    restore = commands.add_parser(
        "restore",
        help="replace the ledger with a backup, then migrate it to this version's schema",
        description="Replace the ledger with the backup in FILE. A ledger that holds data is "
        "replaced only with --force; stop `policyledger serve` first.",
    )
    restore.add_argument("file", metavar="FILE")
    restore.add_argument(
        "--force", action="store_true", help="replace a ledger that already holds data"
    )
    add_db_option(restore)
    restore.set_defaults(handler=run_restore)


class Meter:
    """Progress on stderr once work takes longer than a moment: rewritten in place on a
    terminal, else a line every few seconds."""

    def __init__(self, verb: str, every: float = 5.0) -> None:
        self.verb = verb
        self.tty = sys.stderr.isatty()
        self.every = 0.2 if self.tty else every
        self.last = time.monotonic()
        self.shown = False

    def __call__(self, progress) -> None:
        final = progress.done >= progress.total
        now = time.monotonic()
        if (final and not self.shown) or (not final and now - self.last < self.every):
            return  # quick work: the result line says enough
        self.last, self.shown = now, True
        unit = _UNITS.get(progress.unit, progress.unit)
        line = f"{self.verb} {progress.done}/{progress.total} {unit}"
        end = "\n" if final or not self.tty else ""
        sys.stderr.write(("\r" if self.tty else "") + line + end)
        sys.stderr.flush()


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def run_backup(args: argparse.Namespace) -> str:
    from policyledger.storage.backup import backup
    from policyledger.storage.db import resolve_url

    result = backup(args.db, args.file, progress=Meter("已复制"))
    source = _shown(resolve_url(args.db))
    size = _size(result.size)
    return f"已备份 {source} → {result.path}（{size}，数据库结构版本 {result.revision}）\n"


def run_restore(args: argparse.Namespace) -> str:
    from policyledger.cli.users import cli_actor
    from policyledger.storage.backup import restore
    from policyledger.storage.db import resolve_url

    result = restore(
        args.db, args.file, force=args.force, actor=cli_actor(), progress=Meter("已恢复")
    )
    target = _shown(resolve_url(args.db))
    migrated = f"，已迁移到 {result.head}" if result.head != result.revision else ""
    replaced = "（替换了原有数据）" if result.replaced else ""
    return (
        f"已从 {args.file} 恢复到 {target}{replaced}："
        f"备份的数据库结构版本 {result.revision}{migrated}\n"
    )


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
