"""The ``policyledger`` command line.

Each sub-command is a thin shell over the library: parse arguments, call, print. Errors the
user can act on are printed as one line on stderr with a non-zero exit; heavy modules (PDF
and DOCX readers, the database, the web server) are imported only by the commands that need
them, so ``extract`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from policyledger import __version__
from policyledger.cli import (
    backup,
    bulletin,
    check,
    extract,
    ledger,
    ledger_export,
    packs,
    reporting,
    reward,
    rules,
    server,
    users,
)
from policyledger.cli.common import EXIT_ERROR, EXIT_INTERNAL, sample_path, write_output
from policyledger.errors import PolicyLedgerError

__all__ = ["main", "sample_path"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policyledger",
        description="Turn government policy documents into an accountability ledger.",
    )
    parser.add_argument("--version", action="version", version=f"policyledger {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for module in (
        extract,
        ledger,
        reporting,
        bulletin,
        ledger_export,
        server,
        users,
        backup,
        check,
        rules,
        packs,
        reward,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        output = args.handler(args)
        if output is not None:
            write_output(output, getattr(args, "output", None))
    except PolicyLedgerError as error:
        print(f"policyledger: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: not an error worth a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("policyledger: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if os.environ.get("POLICYLEDGER_DEBUG"):
            raise
        detail = " ".join(str(error).split())[:200]
        print(
            f"policyledger: internal error: {type(error).__name__}: {detail} "
            "(please report it; set POLICYLEDGER_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return 0
