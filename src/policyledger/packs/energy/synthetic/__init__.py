"""Synthetic (invented) data of the energy pack, for demos and tests — never real statistics.

Ten districts' energy accounts from January to each quarter's end for 2020 and 2022–2024 (the
barometer for the eight quarters of 2023–2024), fifteen "两高" projects, twenty key
energy-using units (2024) and sixteen pollutant reduction projects (2021–2024). Company and
project names start with "示例" and codes contain "SYN" or run 100001–100015. Each file says
on its first line that it is synthetic, and :func:`load_synthetic` imports them marked
``synthetic``, so that the energy page and the bulletin say so. How the numbers were chosen is
in ``README.md`` beside this file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sqlalchemy.orm import Session

KINDS = ("district_energy", "two_high_project", "key_unit", "pollutant_project")
NOTE = "合成数据（虚构），仅供演示和测试 · synthetic data for demos and tests"


def synthetic_file(kind: str) -> Path:
    """The synthetic CSV of a kind of record."""
    return Path(str(resources.files("policyledger.packs.energy.synthetic") / f"{kind}.csv"))


def load_synthetic(session: Session, actor: str = "demo") -> list:
    """Import every synthetic file, marked synthetic (a file imported before is skipped);
    return the import results."""
    from policyledger.packdata import import_records
    from policyledger.packs.energy import pack

    return [
        import_records(session, pack, kind, synthetic_file(kind), actor, synthetic=True, note=NOTE)
        for kind in KINDS
    ]
