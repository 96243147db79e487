"""The reward for foreign capital received (《建设高质量外资集聚地三年行动计划》三、（四）10):
whether a project's year qualifies, at which tier, how much it gets, and why — with the
arithmetic written out in Chinese and English.

Run ``trade.reward`` on 31 December of the claim's year, with the pack's parameters::

    pack.run("trade.reward", claim, dt.date(claim.year, 12, 31))

The base is the year's foreign capital received less the foreign shareholders' loans. Over
10,000,000 USD (strictly) a new or capital-increase project gets 2%; a manufacturing project
over 30,000,000 USD gets 4% instead (the tiers never stack); at most 10,000,000 yuan per
project and year. Real estate, finance and quasi-finance are excluded. A fact the decision
needs that is unknown makes the answer ``unknown`` — never ``eligible`` — unless a known fact
already rules the project out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Literal

from policyledger.packs.trade.clauses import REWARD_CAP, REWARD_GENERAL, REWARD_MANUFACTURING
from policyledger.packs.trade.inputs import INDUSTRY_SECTIONS, RewardClaim
from policyledger.rules import ParameterView, RuleInputError, label, rule

RewardStatus = Literal["eligible", "ineligible", "unknown"]
RewardTier = Literal["general", "manufacturing"]

# The facts the decision reads, named in Chinese and English for the reasons.
FACT_NAMES = {
    "kind": ("项目类型（新项目/增资项目）", "kind of project (new / capital increase)"),
    "industry_section": ("国民经济行业门类", "industry section (GB/T 4754)"),
    "quasi_finance": ("是否类金融业", "whether it is quasi-finance"),
    "received_usd": ("当年实际到位外资金额", "foreign capital received in the year"),
    "shareholder_loans_usd": ("其中外方股东贷款", "of which foreign shareholder loans"),
    "other_support_same_direction": (
        "是否已获同一方向其他市级奖励",
        "whether another municipal reward in the same direction was given",
    ),
}
KIND_NAMES = {
    "new": ("新项目", "new project"),
    "capital_increase": ("增资项目", "capital increase"),
}
TIER_NAMES = {
    "general": ("一般项目", "general tier"),
    "manufacturing": ("制造业项目", "manufacturing tier"),
}
SECTION_NAMES = {"J": ("金融业", "finance"), "K": ("房地产业", "real estate")}


@dataclass(frozen=True)
class RewardResult:
    """The reward of one project's year, with its reasons and working in both languages."""

    status: Annotated[
        RewardStatus, label("结论（eligible 符合/ineligible 不符合/unknown 无法判断）")
    ]
    tier: Annotated[RewardTier | None, label("档次（general 一般项目/manufacturing 制造业项目）")]
    base_usd: Annotated[float | None, label("基数：实际到位外资（不含外方股东贷款）", "美元")]
    rate: Annotated[float | None, label("奖励比例", "小数（0.02 即 2%）")]
    uncapped_cny: Annotated[float | None, label("按比例计算的奖励（封顶前）", "元")]
    cap_cny: Annotated[float, label("单个项目年度奖励上限", "元")]
    amount_cny: Annotated[float, label("奖励金额", "元")]
    capped: Annotated[bool, label("因年度上限而削减")]
    reasons: Annotated[list[str], label("理由")] = field(default_factory=list)
    reasons_en: Annotated[list[str], label("理由（英文）")] = field(default_factory=list)
    working: Annotated[list[str], label("计算过程")] = field(default_factory=list)
    working_en: Annotated[list[str], label("计算过程（英文）")] = field(default_factory=list)
    missing: Annotated[list[str], label("缺少的事实（字段名）")] = field(default_factory=list)


def amount(value: float) -> str:
    """``12,500,000`` or ``200,000.02``: a sum of money with thousands separators."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def percent(value: float) -> str:
    """``2%`` from 2."""
    return f"{value:g}%"


def to_fen(value: Decimal) -> float:
    """A yuan amount rounded to the fen (0.01 yuan), half up."""
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


class Notes:
    """Lines in Chinese and English, kept in step."""

    def __init__(self) -> None:
        self.zh: list[str] = []
        self.en: list[str] = []

    def add(self, zh: str, en: str) -> None:
        self.zh.append(zh)
        self.en.append(en)


@dataclass(frozen=True)
class Terms:
    """The clause's numbers and readings in force on the day the rule is run."""

    first_year: int
    excluded: tuple[str, ...]
    manufacturing: tuple[str, ...]
    general_at: float
    general_pct: float
    manufacturing_at: float
    manufacturing_pct: float
    cap: float
    fx: float | None  # USD→CNY when the base is converted
    check_double: bool


def read_terms(p: ParameterView) -> Terms:
    """The parameters as :class:`Terms`; an error naming the parameter when the base is to be
    converted but no exchange rate is set."""
    fx = None
    if p["rewards.usd_base_conversion"] == "convert":
        fx = p["rewards.usd_cny_rate"]
        if fx is None:
            raise RuleInputError(
                "parameter 'rewards.usd_cny_rate' has no value, but rewards.usd_base_conversion "
                "is 'convert': set the exchange rate (元/美元) or choose 'none'"
            )
        if isinstance(fx, bool) or not isinstance(fx, int | float) or fx <= 0:
            raise RuleInputError(f"parameter 'rewards.usd_cny_rate' must be above 0, not {fx!r}")
    return Terms(
        first_year=int(p["rewards.first_year"]),
        excluded=tuple(str(s).upper() for s in p["rewards.excluded_sections"]),
        manufacturing=tuple(str(s).upper() for s in p["rewards.manufacturing_sections"]),
        general_at=float(p["rewards.general_threshold_usd"]),
        general_pct=float(p["rewards.general_rate"]),
        manufacturing_at=float(p["rewards.manufacturing_threshold_usd"]),
        manufacturing_pct=float(p["rewards.manufacturing_rate"]),
        cap=float(p["rewards.annual_cap_cny"]),
        fx=None if fx is None else float(fx),
        check_double=p["rewards.double_support"] == "refuse",
    )


@dataclass
class Findings:
    """What the conditions found: reasons to refuse, bad facts, missing facts, the working."""

    refuse: Notes = field(default_factory=Notes)
    bad: Notes = field(default_factory=Notes)
    work: Notes = field(default_factory=Notes)
    missing: list[str] = field(default_factory=list)
    base: float | None = None
    section: str | None = None


def check_conditions(claim: RewardClaim, t: Terms) -> Findings:
    """Apply each condition of the clause that the known facts allow."""
    f = Findings()
    first, year = t.first_year, claim.year
    if year < first:
        f.refuse.add(
            f"{year}年早于起始年度{first}年（从{first}年开始）",
            f"{year} is before the first year, {first}",
        )
        f.work.add(f"年度 {year} < 起始年度 {first} → 不予奖励", f"year {year} < {first} → none")
    else:
        f.work.add(f"年度 {year} ≥ 起始年度 {first}", f"year {year} ≥ first year {first}")

    if claim.kind is None:
        f.missing.append("kind")
    else:
        zh, en = KIND_NAMES[claim.kind]
        f.work.add(f"项目类型：{zh}", f"kind: {en}")

    raw = claim.industry_section
    section = f.section = raw.strip().upper() if raw else None
    listed_zh, listed_en = "、".join(t.excluded), ", ".join(t.excluded)
    if section is None:
        f.missing.append("industry_section")
    elif section not in INDUSTRY_SECTIONS:
        f.bad.add(
            f"行业门类“{raw}”不是国民经济行业分类的门类（A—T）", f"'{raw}' is not a section A–T"
        )
    elif section in t.excluded:
        zh, en = SECTION_NAMES.get(section, ("除外行业", "excluded"))
        f.refuse.add(
            f"行业门类 {section}（{zh}）属于除外行业", f"section {section} ({en}) is excluded"
        )
        f.work.add(
            f"行业门类 {section} ∈ 除外门类 {listed_zh} → 不予奖励",
            f"section {section} ∈ excluded {listed_en} → none",
        )
    else:
        f.work.add(f"行业门类 {section} ∉ 除外门类 {listed_zh}", f"section {section} ∉ {listed_en}")

    if claim.quasi_finance is None:
        f.missing.append("quasi_finance")
    elif claim.quasi_finance:
        f.refuse.add("属于类金融业项目，除外", "a quasi-finance project is excluded")
        f.work.add("类金融业：是 → 不予奖励", "quasi-finance: yes → none")
    else:
        f.work.add("类金融业：否", "quasi-finance: no")

    check_base(claim, t, f)

    if t.check_double:
        other = claim.other_support_same_direction
        if other is None:
            f.missing.append("other_support_same_direction")
        elif other:
            f.refuse.add(
                "当年已获同一方向其他市级奖励（同一方向不重复支持）",
                "already given another municipal reward in the same direction this year",
            )
            f.work.add("已获同一方向其他奖励：是 → 不重复支持", "other support: yes → none here")
        else:
            f.work.add("已获同一方向其他奖励：否", "other support in the same direction: no")
    return f


def check_base(claim: RewardClaim, t: Terms, f: Findings) -> None:
    """The base (received − shareholder loans) and the 10,000,000 USD threshold."""
    received, loans = claim.received_usd, claim.shareholder_loans_usd
    for name, value in (("received_usd", received), ("shareholder_loans_usd", loans)):
        if value is None:
            f.missing.append(name)
        elif value < 0:
            zh, en = FACT_NAMES[name]
            f.bad.add(f"{zh}为负数（{amount(value)} 美元）", f"{en} is negative ({amount(value)})")
    if received is None or received < 0 or (loans is not None and loans < 0):
        return
    r, g = amount(received), amount(t.general_at)
    if loans is None:
        if received <= t.general_at:  # the base cannot be larger than what was received
            f.refuse.add(
                f"实际到位外资 {r} 美元（含外方股东贷款）未超过 {g} 美元",
                f"the {r} USD received, loans included, is not over {g} USD",
            )
            f.work.add(
                f"外方股东贷款未填，但基数 ≤ 实际到位外资 {r} ≤ {g} → 不予奖励",
                f"loans unknown, but base ≤ received {r} ≤ {g} → none",
            )
        return
    if loans > received:
        f.bad.add(
            f"外方股东贷款 {amount(loans)} 美元大于实际到位外资 {r} 美元，数据有误",
            f"shareholder loans of {amount(loans)} USD exceed the {r} USD received: wrong figures",
        )
        return
    f.base = received - loans
    b, lo = amount(f.base), amount(loans)
    f.work.add(
        f"基数 = 实际到位外资 {r} 美元 − 外方股东贷款 {lo} 美元 = {b} 美元",
        f"base = received {r} USD − shareholder loans {lo} USD = {b} USD",
    )
    if f.base <= t.general_at:
        f.refuse.add(
            f"实际到位外资（不含外方股东贷款）{b} 美元未超过 {g} 美元",
            f"foreign capital received less shareholder loans, {b} USD, is not over {g} USD",
        )
        f.work.add(
            f"{b} ≤ {g}（未超过；“超过”须严格大于）→ 不予奖励",
            f"{b} ≤ {g} (not over; 超过 is strict) → none",
        )


def unpaid(status: RewardStatus, reasons: Notes, t: Terms, f: Findings) -> RewardResult:
    """The result with nothing to pay (an eligible claim then gets its tier and amount)."""
    return RewardResult(
        status=status,
        tier=None,
        base_usd=f.base,
        rate=None,
        uncapped_cny=None,
        cap_cny=t.cap,
        amount_cny=0.0,
        capped=False,
        reasons=reasons.zh,
        reasons_en=reasons.en,
        working=f.work.zh,
        working_en=f.work.en,
        missing=f.missing,
    )


@rule(
    "trade.reward",
    zh="外资项目年度实际到位外资奖励（一般项目2%、制造业项目4%，单项目年度最高1000万元）",
    en="Yearly reward for foreign capital received (2%, manufacturing 4%, at most 10m yuan)",
    cites=[REWARD_GENERAL, REWARD_MANUFACTURING, REWARD_CAP],
    parameters=[
        "rewards.first_year",
        "rewards.excluded_sections",
        "rewards.general_threshold_usd",
        "rewards.general_rate",
        "rewards.manufacturing_sections",
        "rewards.manufacturing_threshold_usd",
        "rewards.manufacturing_rate",
        "rewards.annual_cap_cny",
        "rewards.usd_base_conversion",
        "rewards.usd_cny_rate",
        "rewards.double_support",
    ],
)
def reward(claim: RewardClaim, p: ParameterView) -> RewardResult:
    """项目某年度的实际到位外资奖励，在该年12月31日按当日有效的参数计算。

    条件：年度不早于起始年度（从2023年开始）；新项目或增资项目；不属于房地产业（K）、金融业（J）
    及类金融业；基数 = 当年实际到位外资 − 外方股东贷款，超过（严格大于）1000万美元。档次：制造业
    （C）且基数超过3000万美元按4%，其他按2%，两档不叠加，取较高一档。奖励 = 基数 × 比例（默认
    不折算汇率：美元金额作为基数，按比例以人民币计），单个项目年度最高1000万元（恰好1000万元为
    全额，不算削减）。已获同一方向其他市级奖励的不再奖励（同一方向不重复支持）。缺少决定所需的
    事实时结论为 unknown，列出所缺事实；但已知事实足以排除时结论为 ineligible。外方股东贷款大于
    实际到位外资、金额为负、门类不在A—T之内为错误数据，结论 unknown。
    """
    if p.on.year != claim.year:
        raise RuleInputError(
            f"trade.reward for {claim.project} {claim.year} must be run on a date in "
            f"{claim.year} (31 December), not {p.on}"
        )
    t = read_terms(p)
    f = check_conditions(claim, t)

    if f.refuse.zh:
        return unpaid("ineligible", f.refuse, t, f)
    if f.bad.zh or f.missing:
        for name in f.missing:
            zh, en = FACT_NAMES[name]
            f.bad.add(f"缺少事实：{zh}（{name}）", f"missing fact: {en} ({name})")
        return unpaid("unknown", f.bad, t, f)
    if f.base is None or f.section is None or claim.kind is None:  # pragma: no cover
        raise AssertionError("an eligible claim has a base, a section and a kind")

    base, w = f.base, f.work
    b, g, m = amount(base), amount(t.general_at), amount(t.manufacturing_at)
    tier: RewardTier = "general"
    pct = t.general_pct
    w.add(
        f"{b} > {g}（超过，严格大于）→ 一般项目 {percent(pct)}",
        f"{b} > {g} (over, strictly) → general tier {percent(pct)}",
    )
    if f.section in t.manufacturing and base > t.manufacturing_at:
        if t.manufacturing_pct >= pct:
            tier, pct = "manufacturing", t.manufacturing_pct
        mp = percent(t.manufacturing_pct)
        w.add(
            f"制造业（门类 {f.section}）且 {b} > {m} → 制造业项目 {mp}；"
            f"两档不叠加，取 {percent(pct)}",
            f"manufacturing ({f.section}) and {b} > {m} → {mp}; tiers never stack: {percent(pct)}",
        )
    elif f.section in t.manufacturing:
        w.add(
            f"制造业（门类 {f.section}）但 {b} ≤ {m}（未超过）→ 按一般项目 {percent(pct)}",
            f"manufacturing ({f.section}) but {b} ≤ {m} (not over) → general {percent(pct)}",
        )
    else:
        w.add(
            f"门类 {f.section} 不是制造业 → 按一般项目 {percent(pct)}",
            f"section {f.section} is not manufacturing → general {percent(pct)}",
        )

    rated = Decimal(str(base))
    if t.fx is not None:
        rated *= Decimal(str(t.fx))
        w.add(
            f"基数折算 = {b} 美元 × {t.fx:g} 元/美元 = {amount(to_fen(rated))} 元",
            f"base converted = {b} USD × {t.fx:g} yuan/USD = {amount(to_fen(rated))} yuan",
        )
    uncapped = to_fen(rated * Decimal(str(pct)) / 100)
    u, c, shown = amount(uncapped), amount(t.cap), amount(to_fen(rated))
    as_is = t.fx is None
    w.add(
        f"奖励 = {shown} × {percent(pct)} = {u} 元"
        + ("（美元金额作基数，以人民币计）" if as_is else ""),
        f"reward = {shown} × {percent(pct)} = {u} yuan"
        + (" (USD figure, paid in yuan)" if as_is else ""),
    )
    capped = uncapped > t.cap
    paid = t.cap if capped else uncapped
    if capped:
        w.add(f"{u} > 单项目年度上限 {c} 元 → 按上限 {c} 元", f"{u} > cap {c} yuan → {c} yuan")
    elif uncapped == t.cap:
        w.add(
            f"恰好等于单项目年度上限 {c} 元（最高不超过，含本数）→ 全额，未削减",
            f"exactly the cap of {c} yuan (at most, inclusive) → in full, not cut",
        )
    else:
        w.add(f"未超过单项目年度上限 {c} 元", f"within the cap of {c} yuan per project and year")

    kind_zh, kind_en = KIND_NAMES[claim.kind]
    tier_zh, tier_en = TIER_NAMES[tier]
    over = m if tier == "manufacturing" else g
    reasons = Notes()
    reasons.add(
        f"{claim.year}年{kind_zh}，门类 {f.section}，实际到位外资（不含外方股东贷款）{b} 美元超过 "
        f"{over} 美元：{tier_zh}按 {percent(pct)} 奖励 {amount(paid)} 元"
        + (f"（按年度上限 {c} 元封顶）" if capped else ""),
        f"{claim.year}, {kind_en}, section {f.section}: {b} USD received less shareholder loans "
        f"is over {over} USD: {tier_en} at {percent(pct)}, {amount(paid)} yuan"
        + (f" (capped at {c} yuan)" if capped else ""),
    )
    paying = unpaid("eligible", reasons, t, f)
    return replace(
        paying, tier=tier, rate=pct / 100, uncapped_cny=uncapped, amount_cny=paid, capped=capped
    )
