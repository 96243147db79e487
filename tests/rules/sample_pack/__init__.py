"""A minimal third-party pack, as another distribution would ship it (used by the tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from policyledger.rules import Pack, ParameterView, cite, label, rule


@dataclass(frozen=True)
class Amount:
    amount: Annotated[float, label("数量", "吨")]


@dataclass(frozen=True)
class Doubled:
    result: Annotated[float, label("结果", "吨")]


@rule(
    "sample.scaled",
    zh="按系数放大",
    en="Scale by a factor",
    cites=[cite("示例〔2024〕1号", "一、（一）1", "按系数放大")],
    parameters=["factors.factor"],
)
def scaled(inputs: Amount, p: ParameterView) -> Doubled:
    """结果 = 数量 × 系数。"""
    return Doubled(inputs.amount * p["factors.factor"])


pack = Pack(
    name="sample",
    title_zh="示例包",
    title_en="Sample pack",
    version="1.0",
    rules=(scaled,),
    folder=Path(__file__).parent,
)
