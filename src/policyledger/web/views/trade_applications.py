"""The reward applications page's data (``/packs/trade/applications``): every application with
its project, the rule's check (entitled amount, problems, suggestion), the version of its record
the decision forms carry, which decisions it is open to, and the sums per district and year.
Decisions themselves are :mod:`.trade_decisions`."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from policyledger.packs.trade.library import Project
from policyledger.packs.trade.records import APPLICATION
from policyledger.packs.trade.results import ApplicationLine, application_checks, project_library
from policyledger.packs.trade.totals import PACK, RewardTotal, reward_totals
from policyledger.rules import RulesError
from policyledger.storage.packs import current_records
from policyledger.web.views.energy import RuleBox
from policyledger.web.views.trade import has_trade_batches, rule_boxes

APPLICATION_STATUSES = ("submitted", "approved", "refused", "paid")
APPLICATION_CHIPS = {"submitted": "blue", "approved": "green", "refused": "grey", "paid": "green"}
SUGGESTION_CHIPS = {"approve": "green", "refuse": "red", "check": "yellow"}


@dataclass(frozen=True)
class ApplicationShown:
    """An application's line: the rule's check, its project, its record's version."""

    line: ApplicationLine
    project: Project | None
    version: int

    @property
    def id(self) -> str:
        return self.line.application.id

    @property
    def may_decide(self) -> bool:
        """Open to approval or refusal."""
        return self.line.application.status == "submitted"

    @property
    def may_pay(self) -> bool:
        return self.line.application.status == "approved"

    @property
    def default_amount(self) -> str:
        """What the approve form proposes: the rule's suggestion when it suggests approving."""
        check = self.line.check
        if check is not None and check.suggested_cny is not None:
            return f"{check.suggested_cny:.2f}".removesuffix(".00")
        return ""

    @property
    def default_payment(self) -> str:
        approved = self.line.application.approved_cny
        return "" if approved is None else f"{approved:.2f}".removesuffix(".00")


@dataclass
class ApplicationsPage:
    applications: list[ApplicationShown]
    totals: list[RewardTotal]
    city: list[RewardTotal]
    rules: dict[str, RuleBox]
    filters: dict[str, str]
    error: str | None = None
    totals_error: str | None = None
    years: list[int] = field(default_factory=list)
    statuses: tuple[str, ...] = APPLICATION_STATUSES
    counts: dict[str, int] = field(default_factory=dict)
    synthetic: bool = False
    has_batches: bool = False


def load_applications_page(session: Session, filters: dict[str, str]) -> ApplicationsPage:
    """Every application (of the chosen ``year`` and ``status`` only, when given) with its
    check, submitted ones first, and the sums per district and year."""
    year = int(filters["year"]) if filters.get("year", "").isdigit() else None
    page = ApplicationsPage([], [], [], rule_boxes(session, "trade.application_check"), filters)
    page.has_batches = has_trade_batches(session)
    try:
        lines, flagged = application_checks(session)
    except RulesError as error:
        page.error = str(error)
        return page
    entries, _ = project_library(session)
    projects = {e.project.id: e.project for e in entries}
    versions = {r.record_key: r.version for r in current_records(session, PACK, APPLICATION.name)}
    order = {status: i for i, status in enumerate(APPLICATION_STATUSES)}
    page.years = sorted({line.application.year for line in lines}, reverse=True)
    for status in APPLICATION_STATUSES:
        page.counts[status] = sum(line.application.status == status for line in lines)
    kept = [
        line
        for line in lines
        if (year is None or line.application.year == year)
        and (not filters.get("status") or line.application.status == filters["status"])
    ]
    kept.sort(key=lambda line: (order.get(line.application.status or "", 9), line.application.id))
    page.applications = [
        ApplicationShown(
            line, projects.get(line.application.project), versions.get(line.application.id, 1)
        )
        for line in kept
    ]
    try:
        totals = reward_totals(session, year)
    except RulesError as error:
        page.totals_error = str(error)
    else:
        page.totals = [t for t in totals.districts if t.applications]
        page.city = [t for t in totals.city if t.applications]
        flagged |= totals.synthetic
    page.synthetic = flagged
    return page
