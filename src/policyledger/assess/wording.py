"""Chinese wording for the reasons the engine gives: numbers, values and targets as text.

Values are described in the terms of their target: a change as "累计下降6%", a rate as
"增速5.3%", a per-year output as "当年累计60场", a level as "0.71542万亿元". Numbers keep six
significant digits, so what a reader sees is what the engine compared.
"""

from __future__ import annotations

from policyledger.assess.model import CHANGE, PER_YEAR, RATE, TargetSpec, kind
from policyledger.assess.rules import Rules

_SYMBOLS = {">=": "≥", "<=": "≤", "≈": "≈", "=": "="}


def num(x: float) -> str:
    """A number as a reader sees it: at most six significant digits, no exponent, no "-0"."""
    text = f"{x:.6g}"
    if "e" in text:
        text = f"{x:.0f}" if abs(x) >= 1 else f"{x:.9f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "-0.0") else text


def describe(target: TargetSpec, x: float) -> str:
    """A value (observed or expected) in the target's terms."""
    shape, unit = kind(target), target.unit
    if shape == CHANGE:
        if x < 0:
            return f"累计下降{num(-x)}{unit}"
        return f"累计上升{num(x)}{unit}" if x > 0 else "与基期持平"
    if shape == RATE:
        return f"增速{num(x)}{unit}"
    if shape == PER_YEAR:
        return f"当年累计{num(x)}{unit}"
    return f"{num(x)}{unit}"


def goal(target: TargetSpec, rules: Rules) -> str:
    """The target in words, with the tolerance when the relation is ≈."""
    shape, unit = kind(target), target.unit
    rel = _SYMBOLS[target.relation]
    down = target.change == "decrease"
    if shape == CHANGE:
        text = f"比基期{'下降' if down else '上升'}{rel}{num(target.value)}{unit}"
    elif shape == RATE:
        text = f"年均{'下降' if down else '增长'}{rel}{num(target.value)}{unit}"
    elif shape == PER_YEAR:
        text = f"每年{rel}{num(target.value)}{unit}"
    else:
        text = f"{rel}{num(target.value)}{unit}"
    if target.relation == "≈":
        share = rules.approx_tolerance
        low, high = target.value * (1 - share), target.value * (1 + share)
        text += f"（容差±{num(share * 100)}%，即{num(low)}—{num(high)}{unit}）"
    return text


def schedule(target: TargetSpec, rules: Rules) -> str:
    """The opening reason: the target, its baseline and its dates."""
    parts = [f"目标{goal(target, rules)}"]
    if target.baseline_value is not None:
        parts.append(f"基期值{num(target.baseline_value)}（{target.start.isoformat()}）")
    else:
        parts.append(f"基期{target.start.isoformat()}")
    if target.deadline is not None:
        parts.append(f"期限{target.deadline.isoformat()}")
    else:
        parts.append("无期限")
    return "，".join(parts)


def direction(state: str | None, reference: str) -> str:
    """How the latest value moved against ``reference`` (a phrase such as "上期值 0.81584")."""
    if state is None:
        return "无上期值和基期值，无法判断变化方向"
    words = {"right": "向目标方向变化", "wrong": "向目标相反方向变化", "flat": "没有变化"}
    return f"较{reference}{words[state]}"
