"""Limits on what users send the ledger, with their values and the one-line refusals.

Each limit has a default and an environment variable that overrides it (a positive whole
number, read when the limit is checked):

=============================  =======  ===================================================
variable                       default  what it limits
=============================  =======  ===================================================
POLICYLEDGER_MAX_UPLOAD_MB     20       size of a progress-report file (.xlsx/.csv), in MB
POLICYLEDGER_MAX_UNPACKED_MB   100      total unpacked size of an .xlsx or .docx, in MB
POLICYLEDGER_MAX_ZIP_RATIO     100      compression ratio of one part over 1 MB (N:1)
POLICYLEDGER_MAX_ZIP_PARTS     1000     number of parts in an .xlsx or .docx
POLICYLEDGER_MAX_REPORT_ROWS   50000    rows of a report file below its header
POLICYLEDGER_MAX_CELL_CHARS    10000    characters of one cell or CSV field of a report
POLICYLEDGER_MAX_NOTE_CHARS    2000     characters of a report's note (说明)
POLICYLEDGER_MAX_URL_CHARS     1000     characters of a report's source URL (来源)
POLICYLEDGER_MAX_NAME_CHARS    300      characters of a reporting body's name (报告单位)
=============================  =======  ===================================================

The zip checks read only the package's central directory: a "zip bomb" is refused before any
part of it is inflated. (Python's zipfile never inflates a part beyond the size the central
directory declares, so the declared sizes are the ones that count.) The size limit of policy
documents (.txt/.pdf/.docx, 50 MB) is ``policyledger.ingest.sources.MAX_INPUT_BYTES``.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from policyledger.errors import PolicyLedgerError

MB = 1024 * 1024
RATIO_FLOOR_BYTES = 1 * MB  # parts smaller than this unpacked are not ratio-checked


@dataclass(frozen=True)
class Limit:
    """A limit: its environment variable and default value."""

    env: str
    default: int

    def get(self) -> int:
        """The value in force: the environment variable's, else the default."""
        raw = os.environ.get(self.env, "").strip()
        if not raw:
            return self.default
        if not raw.isdigit() or int(raw) <= 0:
            raise PolicyLedgerError(f"{self.env} must be a positive whole number, not {raw!r}")
        return int(raw)


UPLOAD_MB = Limit("POLICYLEDGER_MAX_UPLOAD_MB", 20)
UNPACKED_MB = Limit("POLICYLEDGER_MAX_UNPACKED_MB", 100)
ZIP_RATIO = Limit("POLICYLEDGER_MAX_ZIP_RATIO", 100)
ZIP_PARTS = Limit("POLICYLEDGER_MAX_ZIP_PARTS", 1000)
REPORT_ROWS = Limit("POLICYLEDGER_MAX_REPORT_ROWS", 50_000)
CELL_CHARS = Limit("POLICYLEDGER_MAX_CELL_CHARS", 10_000)
NOTE_CHARS = Limit("POLICYLEDGER_MAX_NOTE_CHARS", 2_000)
URL_CHARS = Limit("POLICYLEDGER_MAX_URL_CHARS", 1_000)
NAME_CHARS = Limit("POLICYLEDGER_MAX_NAME_CHARS", 300)


def upload_bytes() -> int:
    """The largest report file accepted, in bytes."""
    return UPLOAD_MB.get() * MB


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


def upload_too_big(name: str, size: int) -> str:
    """The refusal of a report file over the upload size limit:
    "report.csv: 21.0 MB is over the 20 MB upload size limit"."""
    return f"{name}: {_mb(size)} is over the {UPLOAD_MB.get()} MB upload size limit"


def zip_problem(members: Sequence[zipfile.ZipInfo]) -> str | None:
    """Why an Office file's ZIP package must not be unpacked, judged from its central
    directory alone (no part is inflated), or None: too many parts, too much unpacked in all,
    or one large part compressed too well ("it unpacks to 120.0 MB, over the 100 MB unpacked
    size limit")."""
    parts = ZIP_PARTS.get()
    if len(members) > parts:
        return f"it has {len(members):,} parts, over the {parts:,}-part limit for Office files"
    total = sum(member.file_size for member in members)
    if total > UNPACKED_MB.get() * MB:
        return f"it unpacks to {_mb(total)}, over the {UNPACKED_MB.get()} MB unpacked size limit"
    ratio = ZIP_RATIO.get()
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES:
            actual = member.file_size / max(member.compress_size, 1)
            if actual > ratio:
                part = "".join(c if c.isprintable() else "?" for c in member.filename[:80])
                return (
                    f"its part {part} is compressed {actual:,.0f}:1, over the "
                    f"{ratio}:1 compression ratio limit"
                )
    return None


def too_many_rows(name: str) -> str:
    """The refusal of a report over the row limit: "report.xlsx: more than 50,000 rows,
    over the 50,000-row report limit; split the file"."""
    rows = REPORT_ROWS.get()
    return f"{name}: more than {rows:,} rows, over the {rows:,}-row report limit; split the file"


def cell_too_long(name: str, row: int, length: int | None) -> str:
    """The refusal of a report with an overlong cell: "report.csv: row 12: a cell of 12,345
    characters is over the 10,000-character cell size limit" (``length`` None: a CSV field
    too long for the parser to measure)."""
    cell = f"a cell of {length:,} characters" if length is not None else "a cell"
    return f"{name}: row {row}: {cell} is over the {CELL_CHARS.get():,}-character cell size limit"


def text_too_long(what: str, length: int, limit: Limit) -> str:
    """A row error's text: "note is 2,345 characters, over the 2,000-character limit"."""
    return f"{what} is {length:,} characters, over the {limit.get():,}-character limit"
