"""``policyledger extract``: read a document and print its structure."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from policyledger.cli.common import sample_path


def register(commands) -> None:
    parser = commands.add_parser(
        "extract",
        help="extract documents, plans, tasks, targets and responsible units from a file",
        description="Read a gazette issue or policy document (.txt, .pdf, .docx; at most 50 MB) "
        "and print its structure: a Chinese summary by default, or the "
        "policyledger.extraction/1 JSON with --json.",
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="the document to read")
    source.add_argument(
        "--sample",
        action="store_true",
        help="use the bundled sample gazette (重庆市人民政府公报 2022年第18期)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the extraction as JSON")
    output.add_argument(
        "--text",
        action="store_true",
        help="print the normalised text that the JSON spans point into",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT instead of standard output"
    )
    parser.set_defaults(handler=run)


def read_and_extract(path: Path):
    """Read a file (text, PDF, DOCX) and extract it; returns (source, extraction)."""
    from policyledger.ingest.extraction import extract_text
    from policyledger.ingest.sources import read_source

    # damaged PDFs make pdfminer log warnings; the reader reports what matters in one line
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    source = read_source(path)
    return source, extract_text(source.text, source.name)


def run(args: argparse.Namespace) -> str:
    path = sample_path() if args.sample else Path(args.file)
    _, extraction = read_and_extract(path)
    if args.text:
        return extraction.text + "\n"
    data = extraction.to_dict()
    if args.json:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    from policyledger.ingest.summary import render_summary

    return render_summary(data)
