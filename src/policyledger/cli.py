"""The ``policyledger`` command line.

Each sub-command is a thin shell over the library: parse arguments, call, print. Errors the
user can act on are printed as one line on stderr with a non-zero exit; heavy modules (PDF,
DOCX readers) are imported only when a command needs them.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from policyledger import __version__
from policyledger.errors import PolicyLedgerError

SAMPLE_NAME = "cq-gazette-2022-18.txt"
EXIT_ERROR = 1
EXIT_INTERNAL = 70


def sample_path() -> Path:
    """The bundled sample gazette (Chongqing Municipal People's Government Gazette 2022 No. 18)."""
    return Path(str(resources.files("policyledger") / "data" / SAMPLE_NAME))


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policyledger",
        description="Turn government policy documents into an accountability ledger.",
    )
    parser.add_argument("--version", action="version", version=f"policyledger {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    extract = commands.add_parser(
        "extract",
        help="extract documents, plans, tasks, targets and responsible units from a file",
        description="Read a gazette issue or policy document (.txt, .pdf, .docx; at most 50 MB) "
        "and print its structure: a Chinese summary by default, or the "
        "policyledger.extraction/1 JSON with --json.",
    )
    source = extract.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="the document to read")
    source.add_argument(
        "--sample",
        action="store_true",
        help="use the bundled sample gazette (重庆市人民政府公报 2022年第18期)",
    )
    output = extract.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the extraction as JSON")
    output.add_argument(
        "--text",
        action="store_true",
        help="print the normalised text that the JSON spans point into",
    )
    extract.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT instead of standard output"
    )
    extract.set_defaults(handler=_extract)
    return parser


def _extract(args: argparse.Namespace) -> str:
    from policyledger.ingest.extraction import extract_text
    from policyledger.ingest.sources import read_source

    # damaged PDFs make pdfminer log warnings; the reader reports what matters in one line
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    path = sample_path() if args.sample else Path(args.file)
    source = read_source(path)
    extraction = extract_text(source.text, source.name)
    if args.text:
        return extraction.text + "\n"
    data = extraction.to_dict()
    if args.json:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    from policyledger.ingest.summary import render_summary

    return render_summary(data)


def _write(text: str, output: str | None) -> None:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        _write(args.handler(args), getattr(args, "output", None))
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
