"""The facts the foreign trade and investment rules read, one typed row each; ``None`` means
the fact is not known (a rule then answers "unknown", never "eligible").

Amounts of foreign capital are in US dollars as received (实际到位外资金额, of which 外方股东
贷款 shareholder loans); rewards and premiums are in yuan (元). Industries are the sections
(门类) of GB/T 4754 国民经济行业分类, a letter A–T: C is manufacturing (制造业), J finance
(金融业), K real estate (房地产业); 类金融 (financial leasing, factoring, pawnbroking, small loans
and the like) has no section of its own and is its own fact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from policyledger.rules import label

ProjectKind = Literal["new", "capital_increase"]
ProjectStatus = Literal["signed", "registered", "under_construction", "operating", "withdrawn"]
ApplicationStatus = Literal["submitted", "approved", "refused", "paid"]
ComplaintStatus = Literal["received", "accepted", "answered", "closed", "withdrawn"]

INDUSTRY_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRST")


@dataclass(frozen=True)
class RewardClaim:
    """One project's foreign capital in one year, as the reward rule reads it."""

    project: Annotated[str, label("项目编号")]
    year: Annotated[int, label("年度", "年")]
    kind: Annotated[
        ProjectKind | None, label("项目类型（new 新项目/capital_increase 增资项目）")
    ] = None
    industry_section: Annotated[
        str | None, label("国民经济行业门类（GB/T 4754，A–T；C 制造业，J 金融业，K 房地产业）")
    ] = None
    quasi_finance: Annotated[
        bool | None, label("是否类金融业（融资租赁、商业保理、典当、小额贷款等）")
    ] = None
    received_usd: Annotated[float | None, label("当年实际到位外资金额", "美元")] = None
    shareholder_loans_usd: Annotated[float | None, label("其中外方股东贷款", "美元")] = None
    other_support_same_direction: Annotated[bool | None, label("是否已获同一方向其他市级奖励")] = (
        None
    )
    district: Annotated[str | None, label("所在区县")] = None


@dataclass(frozen=True)
class ExportEnterprise:
    """A foreign-trade enterprise as the export credit insurance rules read it."""

    enterprise: Annotated[str, label("企业名称")]
    year: Annotated[int, label("年度", "年")]
    exports_usd: Annotated[float | None, label("年出口额", "美元")] = None
    on_unified_platform: Annotated[bool | None, label("是否通过区县统一投保平台投保")] = None
    little_giant: Annotated[bool | None, label("是否列入工业和信息化部专精特新“小巨人”清单")] = None
    base_premium_cny: Annotated[float | None, label("原保费", "元")] = None


@dataclass(frozen=True)
class Complaint:
    """A complaint from a foreign-invested enterprise."""

    id: str
    enterprise: str
    received: dt.date
    subject: str | None = None
    body: str | None = None  # the body assigned to handle it (registry id or name)
    accepted: dt.date | None = None
    deadline: dt.date | None = None  # when left empty, the rule sets it from the parameters
    answered: dt.date | None = None
    closed: dt.date | None = None
    status: ComplaintStatus | None = None
    district: str | None = None


@dataclass(frozen=True)
class Application:
    """An application for the foreign-capital reward (三、（四）10) for one project and year,
    and what became of it; amounts in yuan (元)."""

    id: str
    project: str
    year: int
    applied_cny: float | None = None
    status: ApplicationStatus | None = None
    submitted: dt.date | None = None
    decided: dt.date | None = None
    approved_cny: float | None = None
    reason: str | None = None  # why it was refused (or a note on the decision)
    paid: dt.date | None = None
    paid_cny: float | None = None


@dataclass(frozen=True)
class TradeFigure:
    """One published foreign-trade figure: an indicator (trade_total, trade_imports,
    trade_exports, trade_general, trade_processing, trade_bonded_logistics) for a scope (全市, a
    region code such as central_urban, or a district), a year and a period ("year" for the
    full year; anything else, such as "2021Jan-Aug", is part of a year). ``unit`` is 亿元 or
    "billion yuan"; ``lower_bound`` marks a figure the source gave as "突破/exceeded"."""

    indicator: str
    scope: str
    year: int
    period: str
    value: float
    unit: str
    source: str | None = None
    lower_bound: bool = False


@dataclass(frozen=True)
class TradeFigures:
    """The figures known, assessed against the trade plan's targets for ``year``."""

    year: int
    figures: list[TradeFigure]


@dataclass(frozen=True)
class ComplaintLedger:
    """The complaints of foreign-invested enterprises, as they stand on the date ``on``."""

    on: dt.date
    complaints: list[Complaint]
