"""The energy pack: rules of 《重庆市“十四五”节能减排综合工作实施方案》 (渝府发〔2022〕39号).

Rules (one module per topic):
- ``energy.intensity`` (:mod:`.intensity`): energy intensity and what counts against the total;
- ``energy.pro_rata`` (:mod:`.progress`): the reduction required by a year or quarter;
- ``energy.budget`` (:mod:`.budget`): the flexible yearly energy total;
- ``energy.barometer`` (:mod:`.barometer`): the quarterly warning level;
- ``energy.two_high`` (:mod:`.two_high`): the "两高" project list;
- ``energy.key_units`` and ``energy.pollutants`` (:mod:`.monitoring`).

Parameters are in ``parameters/*.yaml`` and worked cases in ``cases/*.yaml`` beside this file.
The typed inputs are in :mod:`.inputs`, the outputs in :mod:`.outputs`. The kinds of records
its data templates bring in are in :mod:`.records`; :mod:`.results` runs the rules over the
stored records (for the ``/packs/energy`` page), :mod:`.bulletin` adds the bulletin's
"能耗双控晴雨表" section, and ``synthetic/`` holds invented data for demos and tests.
The pack is registered in ``pyproject.toml`` under ``[project.entry-points."policyledger.packs"]``
exactly as a third-party pack would be.
"""

from __future__ import annotations

from pathlib import Path

from policyledger.packs.energy.barometer import barometer
from policyledger.packs.energy.budget import budget
from policyledger.packs.energy.intensity import intensity
from policyledger.packs.energy.monitoring import key_units, pollutants
from policyledger.packs.energy.progress import pro_rata
from policyledger.packs.energy.records import KINDS
from policyledger.packs.energy.two_high import two_high
from policyledger.rules import Pack

pack = Pack(
    name="energy",
    title_zh="能耗双控与节能减排（重庆市“十四五”节能减排综合工作实施方案）",
    title_en="Energy dual control and emission reduction (Chongqing 14th Five-Year plan)",
    version="0.1.0",
    rules=(intensity, pro_rata, budget, barometer, two_high, key_units, pollutants),
    folder=Path(__file__).parent,
    kinds=KINDS,
    bulletin="policyledger.packs.energy.bulletin:sections",
)

__all__ = [
    "barometer",
    "budget",
    "intensity",
    "key_units",
    "pack",
    "pollutants",
    "pro_rata",
    "two_high",
]
