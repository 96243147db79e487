"""The clauses the foreign trade and investment pack encodes.

Both plans were issued by one notice, 渝府办发〔2022〕107号 of 20 September 2022 (Chongqing
Municipal People's Government Gazette 2022 No. 18): 《重庆市推动外贸高质量发展三年行动计划
（2022—2024年）》 (the trade plan) and 《重庆市建设高质量外资集聚地三年行动计划（2022—2024年）》
(the investment plan). Their clause paths repeat, so each citation names its plan first in
book-title marks (see :mod:`policyledger.rules.clauses`). Quotes are verbatim (a test checks
each against the clause text in a ledger holding the sample gazette); ``……`` separates quoted
parts of one clause.
"""

from __future__ import annotations

from policyledger.rules import cite

NOTICE = "渝府办发〔2022〕107号"
TRADE_PLAN = "《推动外贸高质量发展三年行动计划》"
INVESTMENT_PLAN = "《建设高质量外资集聚地三年行动计划》"

# The investment plan.
INVESTMENT_GOALS = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}二",
    "2022—2024年，全市实际使用外资年均增长10%以上，制造业吸收外资占比30%以上",
)
REWARD_GENERAL = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（四）10",
    "从2023年开始，对在我市设立的年实际到位外资金额（不含外方股东贷款，下同）超过1000万美元的"
    "新项目或增资项目（房地产业、金融业及类金融业项目除外，下同），以其当年实际到位外资金额（美元）"
    "为基数，按不低于2%（人民币）的额度予以奖励",
)
REWARD_MANUFACTURING = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（四）10",
    "对在我市设立的年实际到位外资金额超过3000万美元的制造业新项目或增资项目，以其当年实际到位"
    "外资金额（美元）为基数，按不低于4%（人民币）的额度予以奖励",
)
REWARD_CAP = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（四）10",
    "按照同一方向不重复支持的原则，以上单个项目年度奖励金额最高不超过1000万元",
)
PROJECT_LIBRARY = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（三）9",
    "建立外资重点项目库和企业库",
)
RESEARCH_CENTRE = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（二）6",
    "对认定符合条件的外资研发中心一次性给予200万元开办奖励",
)
GUARANTEE_FEE = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（四）11",
    "鼓励政府性融资担保机构对符合条件的外商投资小微企业收取的担保费率逐步降低至1%及以下",
)
LAND_LATE_FEE = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（四）12",
    "如土地竞得人以外资结汇形式缴纳土地综合价款，非因企业原因无法及时办理结汇事宜导致未能按时"
    "付款，且欠缴时间在6个月以内的，可按规定免缴相应滞纳金",
)
DUTY_FREE_EQUIPMENT = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（五）14",
    "对属于《鼓励外商投资产业目录》范围的外资项目，在投资总额内进口自用设备实行免征关税政策",
)
COMPLAINTS = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（五）15",
    "落实《外商投资企业投诉工作办法》，完善外商投资企业投诉工作机制，切实维护外商投资合法权益",
)
RESIDENCE_PERMIT = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}三、（六）18",
    "对办理工作类居留许可的外国人，可按规定签发最长5年有效期的工作类居留许可",
)
DISTRICT_DUTY = cite(
    NOTICE,
    f"{INVESTMENT_PLAN}四、（二）",
    "各区县政府要切实履行外资引资的主体责任，狠抓外资招商，推动本地区外资的合同引资和实际到资"
    "持续发展",
)

# The trade plan.
TRADE_GOALS = cite(
    NOTICE,
    f"{TRADE_PLAN}二",
    "到2024年，力争全市外贸进出口总值突破1万亿元",
)
TRADE_MODES = cite(
    NOTICE,
    f"{TRADE_PLAN}三、（二）5",
    "到2024年，力争全市一般贸易进出口突破3500亿元，加工贸易进出口突破4500亿元，保税物流进出口"
    "突破2000亿元",
)
TRADE_REGIONS = cite(
    NOTICE,
    f"{TRADE_PLAN}三、（二）6",
    "到2024年，中心城区进出口规模突破8800亿元，主城新区进出口规模突破1000亿元，渝东北三峡库区"
    "城镇群和渝东南武陵山城镇群进出口规模突破200亿元",
)
TRADE_IMPORTS = cite(
    NOTICE,
    f"{TRADE_PLAN}三、（二）4",
    "到2024年，全市进口在外贸进出口总值中的占比提升至40%以上",
)
CREDIT_INSURANCE_SME = cite(
    NOTICE,
    f"{TRADE_PLAN}三、（八）26",
    "将中型和小微外贸企业认定标准分别放宽至5000万美元和500万美元",
)
CREDIT_INSURANCE_DISCOUNTS = cite(
    NOTICE,
    f"{TRADE_PLAN}三、（八）26",
    "支持各区县建立小微外贸企业出口信用保险统一投保平台……对平台投保降费20%……对纳入工业和信息化部"
    "“专精特新”“小巨人”清单的中小微外贸企业……平均费率降幅原则上不低于10%",
)
