"""Read a pack's stored records back as their typed rows, for the services that run the rules
over them (no I/O in the rules themselves)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from policyledger.packdata.kinds import RecordKind
from policyledger.rules import build
from policyledger.storage.models import PackRecord
from policyledger.storage.packs import current_records


@dataclass(frozen=True)
class Loaded:
    """A stored record and its typed row (``kind.row_type``)."""

    record: PackRecord
    value: Any


def load(
    session: Session,
    pack: str,
    kind: RecordKind,
    *,
    periods: Sequence[str] | None = None,
    until: dt.date | None = None,
) -> list[Loaded]:
    """The current records of ``kind`` (see :func:`policyledger.storage.packs.
    current_records`), each with its typed row."""
    rows = current_records(session, pack, kind.name, periods=periods, until=until)
    return [Loaded(r, build(kind.row_type, r.data, f"{kind.name} {r.record_key}")) for r in rows]
