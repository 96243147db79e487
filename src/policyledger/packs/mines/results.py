"""The mines pack's results, computed from the stored records through the rules (the rules
themselves read nothing): the registry, a mine's compliance report with its check lapses and
hazards, the hazard ledger (open, overdue, escalated) and, for a month, the district views and
the ranking with what each score is made of. Blacklisted enterprises come marked from the
rules (the registry's ``blacklisted`` fact).

The check date of a month is its last day; without district months it is today. Each block is
computed on its own: a rule that cannot run leaves a one-line reason in its block."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from policyledger.packdata import Loaded, load
from policyledger.packs.mines import pack
from policyledger.packs.mines.checks import CheckLapses
from policyledger.packs.mines.hazards import HazardLedgerResult, HazardState
from policyledger.packs.mines.inputs import Mine
from policyledger.packs.mines.ledgers import (
    CheckLedger,
    Hazard,
    HazardLedger,
    RankingInput,
    month_bounds,
)
from policyledger.packs.mines.ranking import DistrictRanking
from policyledger.packs.mines.records import DISTRICT_MONTH, HAZARD, HAZARD_CHECK, MINE
from policyledger.packs.mines.report import ComplianceReport
from policyledger.rules import RulesError
from policyledger.storage.packs import periods_of, synthetic

OPERATING = ("construction", "producing")


@dataclass(frozen=True)
class MineMonth:
    """A month with district enforcement data: "2024-03"."""

    label: str
    year: int
    month: int
    end: dt.date

    @property
    def text(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def text_en(self) -> str:
        return f"{self.end:%B} {self.year}"


def mine_months(session: Session) -> list[MineMonth]:
    """The months with district enforcement records, latest first."""
    out = []
    for label, end in periods_of(session, "mines", DISTRICT_MONTH.name):
        year, _, month = label.partition("-")
        out.append(MineMonth(label, int(year), int(month), end))
    return out


def month_of(day: dt.date) -> MineMonth:
    end = month_bounds(day.year, day.month)[1]
    return MineMonth(f"{day.year}-{day.month:02d}", day.year, day.month, end)


@dataclass(frozen=True)
class RegistryLine:
    """A mine of the registry: its facts and the district body it belongs to."""

    mine: Mine
    body_id: str | None


def registry(session: Session) -> tuple[list[RegistryLine], bool]:
    """The registry (by mine id) and whether any of it is synthetic."""
    loaded = load(session, "mines", MINE)
    lines = [RegistryLine(item.value, item.record.body_id) for item in loaded]
    return lines, synthetic(session, [item.record for item in loaded])


def _hazards(session: Session, on: dt.date) -> tuple[list[Hazard], list[Loaded]]:
    loaded = load(session, "mines", HAZARD)
    hazards = [i.value for i in loaded if i.value.found is None or i.value.found <= on]
    return hazards, loaded


@dataclass
class MineReport:
    """A mine's page: its compliance report, check lapses over the month and its hazards."""

    mine: Mine
    month: MineMonth
    report: ComplianceReport | None = None
    report_error: str | None = None
    lapses: CheckLapses | None = None
    lapses_error: str | None = None
    hazards: list[HazardState] = field(default_factory=list)
    hazards_error: str | None = None
    synthetic: bool = False


def mine_report(
    session: Session, mine_id: str, month: MineMonth | None = None
) -> MineReport | None:
    """The report of the mine ``mine_id`` at the end of ``month`` (default: the latest month
    with district data, else this month); None when the mine is not in the registry."""
    loaded = [i for i in load(session, "mines", MINE) if i.value.id == mine_id]
    if not loaded:
        return None
    mine = loaded[0].value
    if month is None:
        months = mine_months(session)
        month = months[0] if months else month_of(dt.date.today())
    out = MineReport(mine, month, synthetic=synthetic(session, [loaded[0].record]))
    try:
        out.report = pack.run("mines.compliance", mine, month.end)
    except RulesError as error:
        out.report_error = str(error)
    try:
        checks = [
            i.value
            for i in load(session, "mines", HAZARD_CHECK, until=month.end)
            if i.value.mine == mine_id
        ]
        first = month_bounds(month.year, month.month)[0]
        ledger = CheckLedger(mine, first, month.end, checks)
        out.lapses = pack.run("mines.check_lapses", ledger, month.end)
    except RulesError as error:
        out.lapses_error = str(error)
    try:
        hazards, _ = _hazards(session, month.end)
        mine_hazards = [h for h in hazards if h.mine == mine_id]
        if mine_hazards:
            result = pack.run("mines.hazard_ledger", HazardLedger(mine_hazards, [mine]), month.end)
            out.hazards = result.hazards
    except RulesError as error:
        out.hazards_error = str(error)
    return out


@dataclass
class MinesResults:
    """What the registry page, the hazard page and the bulletin section show for a month."""

    month: MineMonth
    mines: list[RegistryLine] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)  # mine id → compliance status
    ranking: DistrictRanking | None = None
    ranking_error: str | None = None
    hazards: HazardLedgerResult | None = None
    hazards_error: str | None = None
    synthetic: bool = False

    @property
    def on(self) -> dt.date:
        return self.month.end

    @property
    def blacklisted(self) -> list[Mine]:
        return [line.mine for line in self.mines if line.mine.blacklisted]

    @property
    def major_overdue(self) -> list[HazardState]:
        if self.hazards is None:
            return []
        return [h for h in self.hazards.hazards if h.grade == "major" and h.overdue]


def _ranking(session: Session, results: MinesResults) -> None:
    month = results.month
    loaded = load(session, "mines", DISTRICT_MONTH, periods=[month.label])
    if not loaded:
        return
    results.synthetic |= synthetic(session, [i.record for i in loaded])
    hazards, _ = _hazards(session, month.end)
    inputs = RankingInput(
        month.year,
        month.month,
        [i.value for i in loaded],
        [line.mine for line in results.mines],
        hazards,
    )
    results.ranking = pack.run("mines.district_ranking", inputs, month.end)


def _hazard_ledger(session: Session, results: MinesResults) -> None:
    hazards, loaded = _hazards(session, results.on)
    if not loaded:
        return
    results.synthetic |= synthetic(session, [i.record for i in loaded])
    ledger = HazardLedger(hazards, [line.mine for line in results.mines])
    results.hazards = pack.run("mines.hazard_ledger", ledger, results.on)


def _statuses(results: MinesResults) -> None:
    for line in results.mines:
        try:
            report = pack.run("mines.compliance", line.mine, results.on)
        except RulesError:
            continue
        results.statuses[line.mine.id] = report.status


def mines_results(
    session: Session, month: MineMonth | None = None, *, statuses: bool = True
) -> MinesResults:
    """The results at the end of ``month`` (default: the latest month with district data,
    else this month); ``statuses`` runs every mine's compliance report for its status."""
    if month is None:
        months = mine_months(session)
        month = months[0] if months else month_of(dt.date.today())
    results = MinesResults(month)
    results.mines, results.synthetic = registry(session)
    for block, attribute in ((_ranking, "ranking_error"), (_hazard_ledger, "hazards_error")):
        try:
            block(session, results)
        except RulesError as error:
            setattr(results, attribute, str(error))
    if statuses:
        _statuses(results)
    return results
