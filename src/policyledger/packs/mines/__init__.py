"""The non-coal mine safety pack: rules of 《重庆市人民政府办公厅关于加强非煤矿山安全生产工作的
实施意见》 (渝府办发〔2022〕105号).

Compliance rules over one mine's facts (:class:`.inputs.Mine`) at a check date, each returning
findings with their clause, the facts that decided them and what would fix them
(:mod:`.findings`): the licence and safety access (:mod:`.operations`, :mod:`.approval`),
responsible persons and structure (:mod:`.persons`), open pits (:mod:`.open_pit`),
underground mines (:mod:`.underground`, :mod:`.underground_safety`), tailings ponds and the
manganese exit (:mod:`.tailings`), the 2025 targets per mine (:mod:`.targets`); all of them at
once in ``mines.compliance`` (:mod:`.report`).

Records over time (:mod:`.ledgers`): hazard-check lapses (``mines.check_lapses``,
:mod:`.checks`), the hazard ledger (``mines.hazard_ledger``, :mod:`.hazards`), a district's
month (``mines.district_month``, :mod:`.district`) and the monthly ranking
(``mines.district_ranking``, :mod:`.ranking`). :mod:`.synthetic` generates a SYNTHETIC registry
for tests and demonstrations.

Parameters are in ``parameters/*.yaml`` and worked cases in ``cases/*.yaml`` beside this file;
the pack is registered in ``pyproject.toml`` under ``[project.entry-points."policyledger.packs"]``.
"""

from __future__ import annotations

from pathlib import Path

from policyledger.packs.mines.checks import check_lapses
from policyledger.packs.mines.district import district_month
from policyledger.packs.mines.hazards import hazard_ledger
from policyledger.packs.mines.ranking import district_ranking
from policyledger.packs.mines.records import KINDS
from policyledger.packs.mines.report import MINE_RULES, compliance
from policyledger.rules import Pack

pack = Pack(
    name="mines",
    title_zh="非煤矿山安全生产（重庆市人民政府办公厅关于加强非煤矿山安全生产工作的实施意见）",
    title_en="Non-coal mine safety (Chongqing implementing opinions on non-coal mine safety)",
    version="0.1.0",
    rules=(
        *MINE_RULES,
        compliance,
        check_lapses,
        hazard_ledger,
        district_month,
        district_ranking,
    ),
    folder=Path(__file__).parent,
    kinds=KINDS,
    bulletin="policyledger.packs.mines.bulletin:sections",
)

__all__ = [
    "MINE_RULES",
    "check_lapses",
    "compliance",
    "district_month",
    "district_ranking",
    "hazard_ledger",
    "pack",
]
