"""The mines pages' data (``/packs/mines``, ``/packs/mines/{mine_id}``, ``/packs/mines/hazards``):
the registry with its filters, the month's district ranking with its components, the hazard
ledger, and a mine's compliance report with each finding's clause text read from the ledger
(the document 渝府办发〔2022〕105号 and the clause path among its tasks), falling back to the
rule's quote when the document is not in the ledger."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from policyledger.packs.mines import pack
from policyledger.packs.mines.findings import Finding
from policyledger.packs.mines.hazards import HazardState
from policyledger.packs.mines.report import MINE_RULES
from policyledger.packs.mines.results import (
    MineMonth,
    MineReport,
    MinesResults,
    RegistryLine,
    mine_months,
    mine_report,
    mines_results,
)
from policyledger.rules import Citation
from policyledger.rules.clauses import clause_text
from policyledger.storage.packs import batches
from policyledger.web.views.energy import RuleBox, clause_link, rule_box

STATUSES = ("fail", "unknown", "advised", "pass", "not_applicable")
STATUS_CHIPS = {
    "fail": "red",
    "unknown": "grey",
    "advised": "yellow",
    "pass": "green",
    "not_applicable": "grey",
}
MINE_TYPES = ("open_pit", "underground", "tailings_pond")
MINE_STATUSES = ("construction", "producing", "suspended", "closed")


@dataclass(frozen=True)
class ClauseShown:
    """A finding's clause: its reference, its text (from the ledger, else the rule's quote),
    where the text came from, and a link to it in the ledger."""

    ref: str
    text: str
    from_ledger: bool
    link: str | None


class ClauseBook:
    """Clause texts of the ledger, looked up once per (document, clause)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.found: dict[tuple[str, str], ClauseShown] = {}
        self.quotes: dict[tuple[str, str], list[str]] = {}
        for r in MINE_RULES:
            for c in r.citations:
                quotes = self.quotes.setdefault((c.document, c.clause), [])
                if c.quote and c.quote not in quotes:
                    quotes.append(c.quote)

    def of(self, document: str, clause: str) -> ClauseShown:
        key = (document, clause)
        if key not in self.found:
            stored, _ = clause_text(self.session, document, clause)
            link = clause_link(self.session, Citation(document, clause, ""))
            if stored is not None:
                shown = ClauseShown(f"{document} {clause}", stored.text, True, link)
            else:
                quote = "……".join(self.quotes.get(key, []))
                shown = ClauseShown(f"{document} {clause}", quote, False, link)
            self.found[key] = shown
        return self.found[key]


@dataclass(frozen=True)
class FindingShown:
    finding: Finding
    rule: str
    clause: ClauseShown


@dataclass
class MinesPage:
    months: list[MineMonth]
    chosen: MineMonth | None
    results: MinesResults | None
    rules: dict[str, RuleBox]
    lines: list[RegistryLine] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    unknown_month: bool = False
    has_batches: bool = False


def _chosen(session: Session, wanted: str) -> tuple[list[MineMonth], MineMonth | None, bool]:
    months = mine_months(session)
    chosen = next((m for m in months if m.label == wanted), None)
    unknown = bool(wanted) and chosen is None
    if chosen is None and not unknown and months:
        chosen = months[0]
    return months, chosen, unknown


def load_mines_page(session: Session, wanted: str, filters: dict[str, str]) -> MinesPage:
    """The registry page for the month labelled ``wanted`` ("2024-03"; empty: the latest),
    its registry filtered by district, type and status."""
    months, chosen, unknown = _chosen(session, wanted)
    rules = {
        rule_id: rule_box(session, pack.rule(rule_id))
        for rule_id in ("mines.district_ranking", "mines.compliance")
    }
    page = MinesPage(months, chosen, None, rules, filters=filters, unknown_month=unknown)
    page.has_batches = bool(batches(session, "mines", limit=1))
    if unknown:
        return page
    results = mines_results(session, chosen)
    page.results = results
    page.districts = sorted({line.mine.district for line in results.mines if line.mine.district})
    page.lines = [
        line
        for line in results.mines
        if all(
            not filters.get(name) or getattr(line.mine, name) == filters[name]
            for name in ("district", "type", "status")
        )
    ]
    return page


@dataclass
class MinePage:
    report: MineReport
    groups: dict[str, list[FindingShown]]
    compliance: RuleBox
    lapses: RuleBox
    hazards: RuleBox


def load_mine_page(session: Session, mine_id: str) -> MinePage | None:
    """A mine's compliance report with its findings grouped by status; None for no such mine."""
    report = mine_report(session, mine_id)
    if report is None:
        return None
    book = ClauseBook(session)
    groups: dict[str, list[FindingShown]] = {status: [] for status in STATUSES}
    if report.report is not None:
        for result in report.report.rules:
            for f in result.findings:
                shown = FindingShown(f, result.rule, book.of(f.document, f.clause_path))
                groups[f.status].append(shown)
    return MinePage(
        report,
        groups,
        rule_box(session, pack.rule("mines.compliance")),
        rule_box(session, pack.rule("mines.check_lapses")),
        rule_box(session, pack.rule("mines.hazard_ledger")),
    )


@dataclass
class HazardsPage:
    months: list[MineMonth]
    chosen: MineMonth | None
    results: MinesResults | None
    rule: RuleBox
    groups: dict[str, list[HazardState]] = field(default_factory=dict)
    unknown_month: bool = False


def hazard_group(h: HazardState) -> str:
    """overdue, open or closed."""
    if h.open:
        return "overdue" if h.overdue else "open"
    return "closed"


def load_hazards_page(session: Session, wanted: str) -> HazardsPage:
    months, chosen, unknown = _chosen(session, wanted)
    page = HazardsPage(months, chosen, None, rule_box(session, pack.rule("mines.hazard_ledger")))
    page.unknown_month = unknown
    if unknown:
        return page
    page.results = mines_results(session, chosen, statuses=False)
    page.groups = {"overdue": [], "open": [], "closed": []}
    if page.results.hazards is not None:
        for h in page.results.hazards.hazards:
            page.groups[hazard_group(h)].append(h)
        page.groups["overdue"].sort(
            key=lambda h: (h.grade != "major", -(h.escalation_level or 0), -(h.days_overdue or 0))
        )
    return page
