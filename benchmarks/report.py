"""Keep docs/benchmarks.md up to date: each benchmark script replaces its own section (between
``<!-- name -->`` markers) and leaves the others as they are."""

from __future__ import annotations

import re
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\nEach section is written by the script it names; run it again to refresh.\n"
)


def write_section(name: str, title: str, body: str, path: Path = REPORT) -> None:
    """Replace (or append) the section ``name`` of the report."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    section = f"{start}\n## {title}\n\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text)
    else:
        text = text.rstrip() + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
