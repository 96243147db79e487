"""``trade.export_sme_class``: an export enterprise's size class for export credit insurance
under the raised thresholds of the trade plan 三、（八）26, and the premium discounts it can
claim (the unified district platform for small and micro enterprises; the MIIT 专精特新
“小巨人” list for medium, small and micro ones).

A fact the answer depends on that is not given makes the answer "unknown", never a discount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from policyledger.packs.trade.clauses import CREDIT_INSURANCE_DISCOUNTS, CREDIT_INSURANCE_SME
from policyledger.packs.trade.inputs import ExportEnterprise
from policyledger.rules import ParameterView, RuleInputError, label, rule

SizeClass = Literal["small_micro", "medium", "large", "unknown"]
SIZE_ZH = {"small_micro": "小微", "medium": "中型", "large": "大型", "unknown": "未知"}
_FACT_ZH = {
    "on_unified_platform": "是否通过统一投保平台投保",
    "little_giant": "是否列入“小巨人”清单",
}
DISCOUNT_ZH = {"unified_platform": "统一投保平台降费", "little_giant": "“小巨人”企业费率降幅"}


@dataclass(frozen=True)
class Discount:
    name: Annotated[str, label("优惠项目", note="unified_platform 或 little_giant")]
    name_zh: Annotated[str, label("优惠项目（中文）")]
    rate: Annotated[float, label("降费幅度", "%")]
    minimum: Annotated[bool, label("为最低降幅（原则上不低于）")]
    clause: Annotated[str, label("条款")]


@dataclass(frozen=True)
class ExportSizeResult:
    enterprise: Annotated[str, label("企业")]
    year: Annotated[int, label("年份")]
    exports_usd: Annotated[float | None, label("年出口额", "美元")]
    size_class: Annotated[SizeClass, label("企业规模（出口信用保险认定）")]
    size_class_zh: Annotated[str, label("企业规模（中文）")]
    status: Annotated[Literal["decided", "unknown"], label("结论")]
    discounts: Annotated[list[Discount], label("可享受的降费")]
    discount_rate: Annotated[float | None, label("合计降费幅度", "%")]
    premium_after_cny: Annotated[float | None, label("降费后保费", "元")]
    missing: Annotated[list[str], label("缺少的事实")]
    reasons: Annotated[list[str], label("理由")]
    reasons_en: Annotated[list[str], label("理由（英文）")]
    working: Annotated[list[str], label("计算过程")]
    working_en: Annotated[list[str], label("计算过程（英文）")]
    clauses: Annotated[list[str], label("条款")]


def _within(value: float, bound: float, inclusive: bool) -> bool:
    return value <= bound if inclusive else value < bound


def size_class(exports_usd: float | None, p: ParameterView) -> SizeClass:
    """The size class of an enterprise exporting ``exports_usd`` US dollars a year."""
    if exports_usd is None:
        return "unknown"
    inclusive = p["insurance.threshold_inclusive"]
    if _within(exports_usd, p["insurance.small_micro_max_exports"], inclusive):
        return "small_micro"
    if _within(exports_usd, p["insurance.medium_max_exports"], inclusive):
        return "medium"
    return "large"


def combine(rates: list[float], how: str) -> float:
    """The rate (%) of several discounts together: the larger, multiplied or added."""
    if not rates:
        return 0.0
    if how == "larger":
        return max(rates)
    if how == "added":
        return min(float(sum(Decimal(str(r)) for r in rates)), 100.0)
    kept = Decimal(1)
    for r in rates:
        kept *= 1 - Decimal(str(r)) / 100
    return float((1 - kept) * 100)


def _check(e: ExportEnterprise) -> None:
    for name in ("exports_usd", "base_premium_cny"):
        value = getattr(e, name)
        if value is not None and value < 0:
            raise RuleInputError(f"{name}: {value:g} is negative")


@rule(
    "trade.export_sme_class",
    zh="出口信用保险中小微外贸企业认定与降费",
    en="Export credit insurance: SME size class and premium discounts",
    cites=[CREDIT_INSURANCE_SME, CREDIT_INSURANCE_DISCOUNTS],
    parameters=[
        "insurance.small_micro_max_exports",
        "insurance.medium_max_exports",
        "insurance.threshold_inclusive",
        "insurance.platform_discount",
        "insurance.platform_discount_classes",
        "insurance.little_giant_discount",
        "insurance.little_giant_classes",
        "insurance.discount_combination",
    ],
)
def export_sme_class(inputs: ExportEnterprise, p: ParameterView) -> ExportSizeResult:
    """规模认定：年出口额 ≤ small_micro_max_exports（500万美元）为小微，≤ medium_max_exports
    （5000万美元）为中型，以上为大型；“放宽至”按含本数理解（threshold_inclusive）。
    降费：属 platform_discount_classes（小微）且通过区县统一投保平台投保的降费
    platform_discount（20%）；属 little_giant_classes（中型、小微）且列入“小巨人”清单的，平均
    费率降幅不低于 little_giant_discount（10%，为最低值）。两项同时适用时按
    discount_combination 合并（默认取较大者，不叠加）。给出基础保费时算出降费后保费
    = 基础保费 × (1 − 合计降幅)。出口额或所需事实未填 → unknown。"""
    _check(inputs)
    e = inputs
    small_max, medium_max = (
        p["insurance.small_micro_max_exports"],
        p["insurance.medium_max_exports"],
    )
    inclusive = p["insurance.threshold_inclusive"]
    sign = "≤" if inclusive else "<"
    size = size_class(e.exports_usd, p)
    missing: list[str] = []
    reasons: list[str] = []
    reasons_en: list[str] = []
    working: list[str] = []
    working_en: list[str] = []
    if e.exports_usd is None:
        missing.append("exports_usd")
        reasons.append("年出口额未填，无法认定企业规模")
        reasons_en.append("annual exports not given: the size class cannot be decided")
    else:
        x = e.exports_usd
        if size == "small_micro":
            working.append(f"年出口额 {x:,.0f} 美元 {sign} {small_max:,.0f} → 小微企业")
            working_en.append(f"exports {x:,.0f} USD {sign} {small_max:,.0f} → small/micro")
        elif size == "medium":
            working.append(
                f"{small_max:,.0f} < 年出口额 {x:,.0f} 美元 {sign} {medium_max:,.0f} → 中型企业"
                if inclusive
                else f"{small_max:,.0f} ≤ 年出口额 {x:,.0f} 美元 < {medium_max:,.0f} → 中型企业"
            )
            working_en.append(f"exports {x:,.0f} USD {sign} {medium_max:,.0f} → medium")
        else:
            working.append(f"年出口额 {x:,.0f} 美元 > {medium_max:,.0f} → 大型企业，不享受降费")
            working_en.append(f"exports {x:,.0f} USD above {medium_max:,.0f} → large: no discount")
    discounts: list[Discount] = []
    offers = (
        (
            "unified_platform",
            "on_unified_platform",
            "insurance.platform_discount",
            "insurance.platform_discount_classes",
            False,
        ),
        (
            "little_giant",
            "little_giant",
            "insurance.little_giant_discount",
            "insurance.little_giant_classes",
            True,
        ),
    )
    for name, fact, rate_key, classes_key, minimum in offers:
        classes = p[classes_key]
        if size != "unknown" and size not in classes:
            continue
        value = getattr(e, fact)
        if value is None:
            missing.append(fact)
            continue
        if size == "unknown" or not value:
            continue
        rate = float(p[rate_key])
        discounts.append(
            Discount(name, DISCOUNT_ZH[name], rate, minimum, CREDIT_INSURANCE_DISCOUNTS.cite())
        )
        floor = "（最低）" if minimum else ""
        reasons.append(f"{DISCOUNT_ZH[name]}{rate:g}%{floor}")
        reasons_en.append(f"{name} discount {rate:g}%" + (" (at least)" if minimum else ""))
        working.append(f"{DISCOUNT_ZH[name]}：{rate:g}%{floor}")
        working_en.append(f"{name}: {rate:g}%" + (" (a minimum)" if minimum else ""))
    how = p["insurance.discount_combination"]
    status: Literal["decided", "unknown"] = "unknown" if missing else "decided"
    rate_total = None if missing else combine([d.rate for d in discounts], how)
    if rate_total is not None and len(discounts) > 1:
        shown = " + ".join(f"{d.rate:g}%" for d in discounts)
        working.append(f"两项合并（{how}）：{shown} → {rate_total:g}%")
        working_en.append(f"combined ({how}): {shown} → {rate_total:g}%")
    premium_after = None
    if rate_total is not None and e.base_premium_cny is not None:
        after = Decimal(str(e.base_premium_cny)) * (1 - Decimal(str(rate_total)) / 100)
        premium_after = float(after)
        sum_ = f"{e.base_premium_cny:,.2f} × (1 − {rate_total:g}%) = {premium_after:,.2f}"
        working.append(f"降费后保费 = {sum_} 元")
        working_en.append(f"premium = {sum_} CNY")
    for fact in missing:
        if fact != "exports_usd":
            reasons.append(f"{_FACT_ZH[fact]}未填，无法确定是否享受降费")
            reasons_en.append(f"{fact} not given: whether the discount applies is unknown")
    if size != "unknown":
        reasons.insert(0, f"按三、（八）26放宽后的标准认定为{SIZE_ZH[size]}企业")
        reasons_en.insert(0, f"size class {size} under the raised thresholds of 三、（八）26")
    return ExportSizeResult(
        enterprise=e.enterprise,
        year=e.year,
        exports_usd=e.exports_usd,
        size_class=size,
        size_class_zh=SIZE_ZH[size],
        status=status,
        discounts=discounts,
        discount_rate=rate_total,
        premium_after_cny=premium_after,
        missing=missing,
        reasons=reasons,
        reasons_en=reasons_en,
        working=working,
        working_en=working_en,
        clauses=list(
            dict.fromkeys(c.cite() for c in (CREDIT_INSURANCE_SME, CREDIT_INSURANCE_DISCOUNTS))
        ),
    )
