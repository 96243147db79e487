"""The rows the trade pack's templates bring in that the rules do not define themselves: the
foreign-investment project library (外资重点项目库, 《建设高质量外资集聚地三年行动计划》三、（三）9)
with each project's foreign capital year by year, and the stored forms of reward applications,
complaints and published trade figures — each field labelled in Chinese with its unit, so that
the Excel template and the import can name it.

A stored form carries the same field names as the rule input it becomes (:func:`rule_input`
copies the fields the rule input has); what only the ledger needs (a figure's source URL and
title) is kept beside them.

Amounts of foreign capital are US dollars as received; rewards are yuan (元). Industry is the
section letter of GB/T 4754 (C 制造业, J 金融业, K 房地产业)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from policyledger.packs.trade.inputs import (
    INDUSTRY_SECTIONS,
    ApplicationStatus,
    ComplaintStatus,
    ProjectKind,
    ProjectStatus,
)
from policyledger.rules import label

IndustrySection = Literal[INDUSTRY_SECTIONS]  # type: ignore[valid-type]  # the letters A–T

KIND_ZH = {"new": "新项目", "capital_increase": "增资项目"}
STATUS_ZH = {
    "signed": "已签约",
    "registered": "已注册",
    "under_construction": "在建",
    "operating": "已投产（运营）",
    "withdrawn": "已撤出",
}
APPLICATION_ZH = {
    "submitted": "已申报",
    "approved": "已核定",
    "refused": "未予支持",
    "paid": "已兑付",
}


@dataclass(frozen=True)
class Project:
    """A project of the foreign-investment project library (one row per project)."""

    id: Annotated[str, label("项目编号", note="项目库编号；同一编号再次导入即为更正")]
    name: Annotated[str, label("项目名称")]
    enterprise: Annotated[str | None, label("外商投资企业名称")] = None
    investor_country: Annotated[
        str | None, label("外方投资者国别（地区）", note="ISO 3166 两位字母代码或名称，如 SG、德国")
    ] = None
    investor_region: Annotated[str | None, label("外方投资者所在地区（州、省）")] = None
    industry_section: Annotated[
        IndustrySection | None,
        label("国民经济行业门类（GB/T 4754）", note="C 制造业，J 金融业，K 房地产业"),
    ] = None
    industry: Annotated[str | None, label("所属行业（细类）")] = None
    quasi_finance: Annotated[
        bool | None, label("属于类金融业", note="融资租赁、商业保理、典当、小额贷款等")
    ] = None
    kind: Annotated[
        ProjectKind | None, label("项目类型（new 新项目/capital_increase 增资项目）")
    ] = None
    district: Annotated[str | None, label("所在区县（开发区）")] = None
    status: Annotated[
        ProjectStatus | None,
        label(
            "项目状态（signed 已签约/registered 已注册/under_construction 在建/"
            "operating 已投产/withdrawn 已撤出）"
        ),
    ] = None
    key_project: Annotated[bool | None, label("外资重点项目")] = None
    contracted_usd: Annotated[float | None, label("合同外资金额", "美元")] = None
    signed: Annotated[dt.date | None, label("签约日期")] = None


@dataclass(frozen=True)
class ProjectYear:
    """A project's foreign capital in one year: the reward's base comes from it."""

    project: Annotated[str, label("项目编号")]
    year: Annotated[int, label("年份")]
    contracted_usd: Annotated[float | None, label("当年新增合同外资", "美元")] = None
    received_usd: Annotated[
        float | None, label("当年实际到位外资金额（含外方股东贷款）", "美元")
    ] = None
    shareholder_loans_usd: Annotated[float | None, label("其中外方股东贷款", "美元")] = None
    other_support_same_direction: Annotated[
        bool | None,
        label("当年已享受同一方向其他支持", note="按照同一方向不重复支持的原则"),
    ] = None


@dataclass(frozen=True)
class ApplicationRecord:
    """A project's application for the foreign-capital reward for one year, and its outcome."""

    id: Annotated[str, label("申报编号")]
    project: Annotated[str, label("项目编号")]
    year: Annotated[int, label("奖励年度（实际到位外资年度）")]
    applied_cny: Annotated[float | None, label("申报奖励金额", "元")] = None
    status: Annotated[
        ApplicationStatus | None,
        label("办理状态（submitted 已申报/approved 已核定/refused 未予支持/paid 已兑付）"),
    ] = None
    submitted: Annotated[dt.date | None, label("申报日期")] = None
    decided: Annotated[dt.date | None, label("审核决定日期")] = None
    approved_cny: Annotated[float | None, label("核定奖励金额", "元")] = None
    reason: Annotated[str | None, label("审核意见（未予支持的理由）")] = None
    paid: Annotated[dt.date | None, label("兑付日期")] = None
    paid_cny: Annotated[float | None, label("兑付金额", "元")] = None


@dataclass(frozen=True)
class ComplaintRecord:
    """A complaint of a foreign-invested enterprise (外商投资企业投诉) and how it was handled."""

    id: Annotated[str, label("投诉编号")]
    enterprise: Annotated[str, label("投诉企业")]
    received: Annotated[dt.date, label("收到投诉日期")]
    subject: Annotated[str | None, label("投诉事项")] = None
    body: Annotated[str | None, label("承办单位")] = None
    accepted: Annotated[dt.date | None, label("受理日期")] = None
    deadline: Annotated[dt.date | None, label("办结时限", note="留空则按规定期限计算")] = None
    answered: Annotated[dt.date | None, label("答复日期")] = None
    closed: Annotated[dt.date | None, label("办结日期")] = None
    status: Annotated[
        ComplaintStatus | None,
        label(
            "办理状态（received 已收到/accepted 已受理/answered 已答复/closed 已办结/"
            "withdrawn 已撤回）"
        ),
    ] = None
    district: Annotated[str | None, label("所在区县（开发区）")] = None


@dataclass(frozen=True)
class TradeFigureRecord:
    """One published figure of Chongqing's foreign trade, with its source."""

    indicator: Annotated[
        str,
        label(
            "指标",
            note="trade_total 进出口总值、trade_exports 出口、trade_imports 进口、"
            "trade_general 一般贸易、trade_processing 加工贸易、trade_bonded_logistics 保税物流",
        ),
    ]
    scope: Annotated[str, label("范围（统计口径）", note="如 全市 (customs statistics)")]
    year: Annotated[int, label("年份")]
    period: Annotated[str, label("期间", note="year 全年；部分期间如 2021Jan-Aug")]
    value: Annotated[float, label("数值")]
    unit: Annotated[str, label("单位", note="按发布口径：亿元 或 billion yuan")]
    lower_bound: Annotated[
        bool, label("仅为下限（“超过”“突破”）", note="来源只说超过某数时填“是”")
    ] = False
    source_url: Annotated[str | None, label("来源网址")] = None
    source_title: Annotated[str | None, label("来源标题")] = None


def rule_input(row: Any, cls: type, **extra: Any) -> Any:
    """The rule input ``cls`` built from a stored row: every field of ``cls`` the row has,
    then ``extra`` (for the fields the row names otherwise)."""
    names = {f.name for f in dataclasses.fields(cls)}
    values = {f.name: getattr(row, f.name) for f in dataclasses.fields(row) if f.name in names}
    values.update({k: v for k, v in extra.items() if k in names})
    return cls(**values)


__all__ = [
    "APPLICATION_ZH",
    "KIND_ZH",
    "STATUS_ZH",
    "ApplicationRecord",
    "ComplaintRecord",
    "Project",
    "ProjectYear",
    "TradeFigureRecord",
    "rule_input",
]
