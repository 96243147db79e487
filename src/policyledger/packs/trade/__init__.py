"""The foreign trade and investment pack: rules of the two three-year action plans issued by
渝府办发〔2022〕107号 — 《重庆市推动外贸高质量发展三年行动计划（2022—2024年）》 and
《重庆市建设高质量外资集聚地三年行动计划（2022—2024年）》.

Parameters are in ``parameters/*.yaml`` and worked cases in ``cases/*.yaml`` beside this file;
the pack is registered in ``pyproject.toml`` under ``[project.entry-points."policyledger.packs"]``.
"""

from __future__ import annotations

from pathlib import Path

from policyledger.packs.trade.records import KINDS
from policyledger.packs.trade.rules import RULES
from policyledger.rules import Pack

pack = Pack(
    name="trade",
    title_zh="外贸外资（重庆市推动外贸高质量发展、建设高质量外资集聚地三年行动计划）",
    title_en="Foreign trade and investment (Chongqing three-year action plans, 2022–2024)",
    version="0.1.0",
    rules=RULES,
    folder=Path(__file__).parent,
    kinds=KINDS,
    overdue="policyledger.packs.trade.overdue:items",
    bulletin="policyledger.packs.trade.bulletin:sections",
)

__all__ = ["pack"]
