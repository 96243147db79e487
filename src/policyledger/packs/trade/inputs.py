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
from typing import Literal

ProjectKind = Literal["new", "capital_increase"]
ProjectStatus = Literal["signed", "registered", "under_construction", "operating", "withdrawn"]
ApplicationStatus = Literal["submitted", "approved", "refused", "paid"]
ComplaintStatus = Literal["received", "accepted", "answered", "closed", "withdrawn"]

INDUSTRY_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRST")


@dataclass(frozen=True)
class RewardClaim:
    """One project's foreign capital in one year, as the reward rule reads it."""

    project: str
    year: int
    kind: ProjectKind | None = None
    industry_section: str | None = None
    quasi_finance: bool | None = None
    received_usd: float | None = None
    shareholder_loans_usd: float | None = None
    other_support_same_direction: bool | None = None
    district: str | None = None


@dataclass(frozen=True)
class ExportEnterprise:
    """A foreign-trade enterprise as the export credit insurance rules read it."""

    enterprise: str
    year: int
    exports_usd: float | None = None
    on_unified_platform: bool | None = None
    little_giant: bool | None = None  # on the MIIT 专精特新“小巨人” list
    base_premium_cny: float | None = None


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
