"""Data for rule packs: the kinds of records a pack's templates bring in, their Excel
templates, and their all-or-nothing import into the ledger — generic, so that every pack
(energy, mine safety, foreign investment …) uses the same machinery by declaring its kinds.

- :class:`RecordKind` (:mod:`.kinds`): a typed row (a dataclass whose fields carry Chinese
  labels and units), its key, the district it belongs to, the period it covers, bounds and
  checks, the clauses it serves. A pack lists its kinds in ``Pack(kinds=…)``.
- :func:`write_pack_template` (:mod:`.template`): the empty .xlsx with validation and an
  instructions sheet.
- :func:`import_records` (:mod:`.importer`): read (the progress reports' guards), validate
  every row (:mod:`.validate`), write one batch (:mod:`policyledger.storage.packs`).
- :func:`load` (:mod:`.records`): the current records back as typed rows, for the rules.
- :func:`~.csvrows.write_kind_csv` (:mod:`.csvrows`): typed rows as a CSV the import reads back,
  for a pack's committed data files.

Commands: ``policyledger pack list|template|import``; pages: ``/packs/{pack}/upload``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from policyledger.packdata.kinds import RecordKind

if TYPE_CHECKING:
    from policyledger.packdata.importer import PackImportResult, import_records
    from policyledger.packdata.records import Loaded, load
    from policyledger.packdata.template import instruction_lines, write_pack_template

# imported on first use: a pack declares its kinds without loading openpyxl or the database
_LAZY = {
    "PackImportResult": "importer",
    "import_records": "importer",
    "Loaded": "records",
    "load": "records",
    "instruction_lines": "template",
    "write_pack_template": "template",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"policyledger.packdata.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'policyledger.packdata' has no attribute {name!r}")


__all__ = [
    "Loaded",
    "PackImportResult",
    "RecordKind",
    "import_records",
    "instruction_lines",
    "load",
    "write_pack_template",
]
