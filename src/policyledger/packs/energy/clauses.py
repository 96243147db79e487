"""The clauses the energy pack encodes, and small helpers its rules share.

The plan is 《重庆市“十四五”节能减排综合工作实施方案》, issued with 渝府发〔2022〕39号 on
18 September 2022 (the first document of the Chongqing Municipal People's Government Gazette
2022 No. 18). Quotes are verbatim; a test checks that every quote of this document appears in
the sample gazette.
"""

from __future__ import annotations

import math

from policyledger.rules import RuleInputError, cite

PLAN = "渝府发〔2022〕39号"

GOALS = cite(
    PLAN,
    "二",
    "到2025年，全市单位地区生产总值能源消耗比2020年下降14%，能源消费总量得到合理控制",
)
POLLUTANT_GOALS = cite(
    PLAN,
    "二",
    "化学需氧量、氨氮、氮氧化物、挥发性有机物重点工程减排量分别达到4.32万吨、0.18万吨、"
    "3.68万吨、1.06万吨",
)
FLEXIBLE_TOTAL = cite(
    PLAN,
    "四、（一）1",
    "各区县根据地区生产总值增速目标和能耗强度降低目标确定年度能源消费总量目标，经济增速超过"
    "预期目标的区县可相应调整能源消费总量目标。落实好新增可再生能源和原料用能消费不纳入能源"
    "消费总量控制、国家重大项目能耗单列等政策",
)
QUARTERLY_MONITORING = cite(
    PLAN,
    "四、（一）1",
    "加强节能形势的季度监测、年中预判，对高预警等级区县加强工作指导",
)
ENERGY_REVIEW = cite(
    PLAN,
    "四、（一）2",
    "督促指导项目建设单位严格执行节能审查制度，依法依规完善建设前期手续，坚决杜绝新增未批先建项目",
)
TWO_HIGH = cite(
    PLAN,
    "四、（三）2",
    "建立“两高”项目工作清单，实行动态监控。加强对“两高”项目节能审查、环境影响评价等审批程序"
    "和结果执行的监督评估。对年综合能源消费量5000吨标准煤（当量值）及以上的“两高”项目加强工作指导",
)
MONITORING = cite(
    PLAN,
    "四、（七）2",
    "严格执行重点用能单位能源利用状况报告制度。加强重点用能单位能耗在线监测系统建设和应用",
)
BAROMETER_PRACTICE = cite(
    "发改办环资〔2021〕629号",
    "正文第二段",
    "上半年能耗强度不降反升，为一级预警；……上半年能耗强度降低率未达到进度要求，为二级预警；"
    "……为三级预警",
)

# Two figures computed from inputs are "equal" when they agree to about nine significant
# digits: 1,060 / 1,000 − 1 is 0.06000000000000005 in binary arithmetic, and growth of
# exactly 6% must count as growth at (not above) a 6% target.
_REL, _ABS = 1e-9, 1e-9


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL, abs_tol=_ABS)


def above(a: float, b: float) -> bool:
    """``a > b`` where figures equal to nine digits are not above each other."""
    return a > b and not close(a, b)


def check_quarter(quarter: int | None, field: str) -> None:
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise RuleInputError(f"{field}: quarter {quarter} is not 1, 2, 3 or 4")


def check_year(year: int, base_year: int, target_year: int, field: str) -> None:
    if not base_year < year <= target_year:
        raise RuleInputError(
            f"{field}: {year} is outside the plan period {base_year + 1}–{target_year}"
        )


def percent(share: float) -> float:
    return share * 100.0
