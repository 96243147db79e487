"""Helpers shared by the sub-commands: the sample file, the --db option, writing output."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

from policyledger.errors import PolicyLedgerError

SAMPLE_NAME = "cq-gazette-2022-18.txt"
EXIT_ERROR = 1
EXIT_INTERNAL = 70


def sample_path() -> Path:
    """The bundled sample gazette (Chongqing Municipal People's Government Gazette 2022 No. 18)."""
    return Path(str(resources.files("policyledger") / "data" / SAMPLE_NAME))


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="the ledger: a SQLite file path or a database URL (default: "
        "$POLICYLEDGER_DATABASE_URL or policyledger.db in the current folder)",
    )


def open_ledger(args: argparse.Namespace):
    from policyledger.storage import open_database

    return open_database(getattr(args, "db", None))


def write_output(text: str, output: str | None) -> None:
    """Print, or write ``output`` all at once (a temporary file renamed into place)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.is_dir():
        raise PolicyLedgerError(f"cannot write {output}: it is a directory")
    try:
        fd, tmp = tempfile.mkstemp(
            dir=target.parent if str(target.parent) else ".",
            prefix=f".{target.name}.",
            suffix=".tmp",
        )
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as error:
        raise PolicyLedgerError(f"cannot write {output}: {error.strerror or error}") from None


def progress(message: str) -> None:
    """A line of progress on stderr (stdout stays clean for data)."""
    print(message, file=sys.stderr, flush=True)
