"""The incentives a foreign investor or a foreign-trade enterprise in Chongqing may meet in the
two plans of 渝府办发〔2022〕107号 (the investment plan's rewards and facilitation, the trade
plan's export credit insurance), for the public investor page: each with a Chinese title, our
English title and summary (an unofficial translation, labelled so wherever it is shown), who it
is for in both languages, and the clause it comes from (a :class:`Citation` of :mod:`.clauses`).

The clause text itself is never copied here: pages read it from the ledger
(:func:`policyledger.rules.clauses.clause_text`)."""

from __future__ import annotations

from dataclasses import dataclass

from policyledger.packs.trade import clauses
from policyledger.rules import Citation


@dataclass(frozen=True)
class Incentive:
    """One incentive: a stable key, titles, who it is for, summaries and its clause."""

    key: str
    title_zh: str
    title_en: str  # our translation, not the government's
    for_zh: str
    for_en: str
    summary_zh: str
    summary_en: str  # our translation, not the government's
    citation: Citation


INCENTIVES: tuple[Incentive, ...] = (
    Incentive(
        key="reward_general",
        title_zh="实际到位外资年度奖励（2%）",
        title_en="Annual reward for foreign capital received (2%)",
        for_zh="年实际到位外资超过1000万美元的新项目或增资项目（房地产业、金融业及类金融业除外）",
        for_en=(
            "New or capital-increase projects receiving more than USD 10 million of foreign "
            "capital in a year (not real estate, finance or quasi-finance)"
        ),
        summary_zh=(
            "从2023年起，以当年实际到位外资金额（美元，不含外方股东贷款）为基数，按不低于2%"
            "（人民币）给予奖励。"
        ),
        summary_en=(
            "From 2023, a reward of at least 2% (paid in yuan) of the foreign capital actually "
            "received in the year (in US dollars, excluding loans from foreign shareholders)."
        ),
        citation=clauses.REWARD_GENERAL,
    ),
    Incentive(
        key="reward_manufacturing",
        title_zh="制造业外资项目年度奖励（4%）",
        title_en="Annual reward for manufacturing projects (4%)",
        for_zh="年实际到位外资超过3000万美元的制造业新项目或增资项目",
        for_en=(
            "New or capital-increase manufacturing projects receiving more than USD 30 million "
            "of foreign capital in a year"
        ),
        summary_zh="以当年实际到位外资金额（美元）为基数，按不低于4%（人民币）给予奖励。",
        summary_en=(
            "A reward of at least 4% (paid in yuan) of the foreign capital actually received in "
            "the year (in US dollars)."
        ),
        citation=clauses.REWARD_MANUFACTURING,
    ),
    Incentive(
        key="reward_cap",
        title_zh="奖励上限与同一方向不重复支持",
        title_en="Reward cap and no double support",
        for_zh="获得上述年度奖励的项目",
        for_en="Projects receiving either annual reward above",
        summary_zh="同一方向不重复支持；单个项目年度奖励金额最高不超过1000万元。",
        summary_en=(
            "Support in the same direction is not given twice, and one project's reward is at "
            "most 10 million yuan a year."
        ),
        citation=clauses.REWARD_CAP,
    ),
    Incentive(
        key="research_centre",
        title_zh="外资研发中心开办奖励",
        title_en="Start-up reward for foreign-funded R&D centres",
        for_zh="经认定符合条件的外资研发中心",
        for_en="Foreign-funded research and development centres recognised as qualifying",
        summary_zh="一次性给予200万元开办奖励。",
        summary_en="A one-off start-up reward of 2,000,000 yuan.",
        citation=clauses.RESEARCH_CENTRE,
    ),
    Incentive(
        key="guarantee_fee",
        title_zh="小微外资企业融资担保费率",
        title_en="Guarantee fees for small and micro foreign-invested enterprises",
        for_zh="符合条件的外商投资小微企业",
        for_en="Qualifying small and micro foreign-invested enterprises",
        summary_zh="鼓励政府性融资担保机构将担保费率逐步降至1%及以下。",
        summary_en=(
            "Government-backed financing guarantee institutions are encouraged to lower their "
            "guarantee fee step by step to 1% or less."
        ),
        citation=clauses.GUARANTEE_FEE,
    ),
    Incentive(
        key="land_late_fee",
        title_zh="土地价款滞纳金免缴",
        title_en="Waiver of late fees on land payments",
        for_zh="以外资结汇形式缴纳土地综合价款的土地竞得人",
        for_en="Winning land bidders paying the land price with converted foreign capital",
        summary_zh=(
            "非因企业原因未能及时结汇导致未按时付款、且欠缴在6个月以内的，可按规定免缴滞纳金。"
        ),
        summary_en=(
            "When the currency conversion is delayed for reasons other than the company's own "
            "and the payment is less than 6 months late, the late fee may be waived under the "
            "rules."
        ),
        citation=clauses.LAND_LATE_FEE,
    ),
    Incentive(
        key="duty_free_equipment",
        title_zh="进口自用设备免征关税",
        title_en="Duty-free imported equipment",
        for_zh="属于《鼓励外商投资产业目录》范围的外资项目",
        for_en=(
            "Foreign-invested projects within the Catalogue of Industries for Encouraged "
            "Foreign Investment"
        ),
        summary_zh="在投资总额内进口的自用设备免征关税。",
        summary_en=(
            "Equipment imported for the project's own use within its total investment is free "
            "of customs duty."
        ),
        citation=clauses.DUTY_FREE_EQUIPMENT,
    ),
    Incentive(
        key="residence_permit",
        title_zh="最长5年工作类居留许可",
        title_en="Work residence permits of up to 5 years",
        for_zh="办理工作类居留许可的外国人",
        for_en="Foreign nationals applying for a work-type residence permit",
        summary_zh="可按规定签发最长5年有效期的工作类居留许可。",
        summary_en=(
            "A work-type residence permit valid for up to 5 years may be issued under the rules."
        ),
        citation=clauses.RESIDENCE_PERMIT,
    ),
    Incentive(
        key="complaints",
        title_zh="外商投资企业投诉",
        title_en="Complaints by foreign-invested enterprises",
        for_zh="外商投资企业",
        for_en="Foreign-invested enterprises",
        summary_zh="落实《外商投资企业投诉工作办法》，完善投诉工作机制，维护外商投资合法权益。",
        summary_en=(
            "The Measures for Complaints of Foreign-Invested Enterprises are applied and the "
            "complaint mechanism improved, to protect foreign investors' lawful rights."
        ),
        citation=clauses.COMPLAINTS,
    ),
    Incentive(
        key="credit_insurance_sme",
        title_zh="出口信用保险中小微外贸企业认定标准放宽",
        title_en="Raised SME thresholds for export credit insurance",
        for_zh="投保出口信用保险的外贸企业",
        for_en="Foreign-trade enterprises insuring their exports with export credit insurance",
        summary_zh=(
            "出口信用保险的中型和小微外贸企业认定标准分别放宽至年出口额5000万美元和500万美元，"
            "更多企业可按中小微企业享受支持。"
        ),
        summary_en=(
            "For export credit insurance, the thresholds for medium-sized and for small and "
            "micro foreign-trade enterprises are raised to USD 50 million and USD 5 million of "
            "exports a year, so more enterprises count as SMEs."
        ),
        citation=clauses.CREDIT_INSURANCE_SME,
    ),
    Incentive(
        key="credit_insurance_discounts",
        title_zh="出口信用保险保费优惠",
        title_en="Export credit insurance premium discounts",
        for_zh=("通过区县统一投保平台投保的小微外贸企业；列入专精特新“小巨人”清单的中小微外贸企业"),
        for_en=(
            "Small and micro foreign-trade enterprises insuring through a district's unified "
            "platform; small, micro and medium-sized ones on the MIIT list of specialised and "
            'innovative "little giants"'
        ),
        summary_zh=(
            "支持各区县建立小微外贸企业出口信用保险统一投保平台，平台投保降费20%；"
            "列入工业和信息化部专精特新“小巨人”清单的中小微外贸企业，平均费率降幅原则上"
            "不低于10%。"
        ),
        summary_en=(
            "Districts are supported in setting up a unified export credit insurance platform "
            "for small and micro enterprises, with premiums 20% lower when insuring through it; "
            'for SMEs on the MIIT "little giant" list the average premium rate is, in '
            "principle, cut by at least 10%."
        ),
        citation=clauses.CREDIT_INSURANCE_DISCOUNTS,
    ),
)


def incentive(key: str) -> Incentive:
    """The incentive ``key``; ``KeyError`` naming the known keys otherwise."""
    for item in INCENTIVES:
        if item.key == key:
            return item
    known = ", ".join(item.key for item in INCENTIVES)
    raise KeyError(f"no incentive '{key}' (known: {known})")
