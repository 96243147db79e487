"""What counts as a target, sentence by sentence.

Each case is a sentence of the genre and the targets a reader would write down from it:
(metric, value, unit, change, relation, baseline, year, per_year). Rule thresholds, reward
rates, fee rates and duties of enterprises give no target.
"""

from __future__ import annotations

import pytest

from policyledger.ingest.targets import Region, extract_targets


def run(text: str, goals: bool = False) -> list[tuple]:
    found = extract_targets(text, [Region(0, len(text), goals)], [])
    return [
        (t.metric, t.value, t.unit, t.change, t.relation, t.baseline, t.year, t.per_year)
        for t in found
    ]


TARGET_CASES = {
    "change against a baseline": (
        "到2025年，全市单位地区生产总值能源消耗比2020年下降14%。",
        [("单位地区生产总值能源消耗", 14, "%", "decrease", ">=", "2020", 2025, False)],
    ),
    "分别: one target per metric, magnitudes kept in the unit": (
        "到2025年，化学需氧量、氨氮重点工程减排量分别达到4.32万吨、0.18万吨。",
        [
            ("化学需氧量重点工程减排量", 4.32, "万吨", None, ">=", None, 2025, False),
            ("氨氮重点工程减排量", 0.18, "万吨", None, ">=", None, 2025, False),
        ],
    ),
    "two metrics sharing one value": (
        "到2025年，主要农作物农药、化肥利用率达到43%。",
        [
            ("主要农作物农药利用率", 43, "%", None, ">=", None, 2025, False),
            ("化肥利用率", 43, "%", None, ">=", None, 2025, False),
        ],
    ),
    "十四五期间 means 2025": (
        "“十四五”期间，规上工业单位增加值能耗下降14.5%。",
        [("规上工业单位增加值能耗", 14.5, "%", "decrease", ">=", None, 2025, False)],
    ),
    "左右 is approximate and a level is not a change": (
        "到2025年，煤炭消费占能源消费总量比重下降至40%左右。",
        [("煤炭消费占能源消费总量比重", 40, "%", None, "≈", None, 2025, False)],
    ),
    "以内 is an upper bound; no year written": (
        "全市办理正常出口退税的平均时间压缩在6个工作日以内。",
        [("办理正常出口退税的平均时间", 6, "个工作日", None, "<=", None, None, False)],
    ),
    "counts built, listed": (
        "到2025年，建成绿色园区30个、绿色工厂300家。",
        [
            ("绿色园区", 30, "个", None, ">=", None, 2025, False),
            ("绿色工厂", 300, "家", None, ">=", None, 2025, False),
        ],
    ),
    "verb, number, then what is counted": (
        "到2024年，力争培育10家国家级贸易双循环企业。",
        [("国家级贸易双循环企业", 10, "家", None, ">=", None, 2024, False)],
    ),
    "every year": (
        "每年全市分层级开展10场以上“承接产业转移东部行”活动。",
        [("“承接产业转移东部行”活动", 10, "场", None, ">=", None, None, True)],
    ),
    "average annual growth over a period": (
        "2022—2024年，全市实际使用外资年均增长10%以上。",
        [("实际使用外资", 10, "%", "increase", ">=", None, 2024, True)],
    ),
    "a year stated later in the sentence does not reach back": (
        "每年分层级举办100场活动，到2024年全市累计超过1万家（次）外贸企业拓展国际市场。",
        [
            ("活动", 100, "场", None, ">=", None, None, True),
            ("外贸企业拓展国际市场", 1, "万家（次）", None, ">=", None, 2024, False),
        ],
    ),
    "baseline of a plan period": (
        "“十四五”期间非煤矿山生产安全事故死亡人数较“十三五”下降50%。",
        [("非煤矿山生产安全事故死亡人数", 50, "%", "decrease", ">=", "十三五", 2025, False)],
    ),
    "end of year deadline": (
        "到2022年年底，非煤矿山企业重点岗位“两单两卡”编制率达到100%。",
        [("非煤矿山企业重点岗位“两单两卡”编制率", 100, "%", None, ">=", None, 2022, False)],
    ),
    "a threshold inside the metric is not a second target": (
        "到2024年，力争全市进出口1亿元以上的企业达到500家。",
        [("进出口1亿元以上的企业", 500, "家", None, ">=", None, 2024, False)],
    ),
    "national plan: values listed with their own relations": (
        "到2025年，化学需氧量、氨氮排放总量比2020年分别下降8%、10%以上。",
        [
            ("化学需氧量排放总量", 8, "%", "decrease", ">=", "2020", 2025, False),
            ("氨氮排放总量", 10, "%", "decrease", ">=", "2020", 2025, False),
        ],
    ),
    "percentage points and an upper bound": (
        "“十四五”时期，城镇调查失业率控制在5.5%以内，城市人均公园绿地面积提高2个百分点。",
        [
            ("城镇调查失业率", 5.5, "%", None, "<=", None, 2025, False),
            ("城市人均公园绿地面积", 2, "个百分点", "increase", ">=", None, 2025, False),
        ],
    ),
    "a reduction in people": (
        "农村贫困人口减少1000万人以上。",
        [("农村贫困人口", 1000, "万人", "decrease", ">=", None, None, False)],
    ),
    "an adjective that sounds like a subsidy": (
        "到2022年，累计开展补贴性职业技能培训5000万人次以上。",
        [("补贴性职业技能培训", 5000, "万人次", None, ">=", None, 2022, False)],
    ),
    "a share of units that reach something": (
        "到2020年，全国80%以上的县（市、区）建成标准化服务体系。",
        [("县（市、区）建成标准化服务体系", 80, "%", None, ">=", None, 2020, False)],
    ),
    "Chinese numeral with a unit": (
        "实施三年百万青年见习计划。",
        [("百万青年见习计划", 100, "万青年", None, ">=", None, None, False)],
    ),
}

NOT_TARGETS = {
    "scope of a rule": "对年综合能源消费量5000吨标准煤（当量值）及以上的“两高”项目加强工作指导。",
    "boiler size threshold": "各区县城市建成区、工业园区基本淘汰35蒸吨/小时以下燃煤锅炉。",
    "thresholds joined by 、": "严把开采深度超800米、与煤共生金属非金属非煤矿山安全准入关。",
    "duty of an enterprise": "地下非煤矿山企业主要负责人每月带班下井不得少于5个工作日。",
    "frequency duty": "100米及以上的边坡要每年进行1次边坡稳定性分析。",
    "reward rate": "按不低于2%（人民币）的额度予以奖励。",
    "reward cap": "以上单个项目年度奖励金额最高不超过1000万元。",
    "fee cut": "对平台投保降费20%。",
    "fee rate in principle": "平均费率降幅原则上不低于10%。",
    "tax credit": "可按专用设备投资额的10%抵免当年企业所得税应纳税额。",
    "condition of a rule": "人员数量达到企业现有在职职工人数25%并与其签订1年以上劳动合同的，可申请贷款。",
    "a range of years": "经过5—10年左右时间，职业教育基本完成转变。",
    "a place, not a quantity to reach": "推动职业院校在10个左右技术技能人才紧缺领域大力开展培训。",
    "dates are not quantities": "2019年1月1日至12月31日，困难企业可组织开展职工在岗培训。",
    "slogan without a figure": "努力实现非煤矿山“零事故、零伤亡、零污染”目标。",
    "quantity only in words": "职业院校实践性教学课时原则上占总课时一半以上。",
}


@pytest.mark.parametrize("name", sorted(TARGET_CASES))
def test_target_sentences(name):
    sentence, expected = TARGET_CASES[name]
    assert run(sentence) == expected


@pytest.mark.parametrize("name", sorted(NOT_TARGETS))
def test_sentences_without_targets(name):
    assert run(NOT_TARGETS[name]) == []


def test_goals_paragraph_years_carry_across_sentences():
    text = "到2025年，治理体系显著提高。非煤矿山总工程师配备达到100%。"
    assert run(text, goals=True)[0][6] == 2025
    assert run(text, goals=False)[0][6] is None


def test_spans_point_at_the_statement():
    text = "为此，到2025年，全市单位地区生产总值能源消耗比2020年下降14%，能源消费总量得到控制。"
    (target,) = extract_targets(text, [Region(0, len(text))], [])
    assert text[target.start : target.end] == "全市单位地区生产总值能源消耗比2020年下降14%"
    assert target.text == "全市单位地区生产总值能源消耗比2020年下降14%"
