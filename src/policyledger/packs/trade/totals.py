"""The foreign-capital reward per district and year, from the stored project library: for every
project-year the rule ``trade.reward`` (run on 31 December of its year), then the sums per
district and year — projects, foreign capital received, shareholder loans, the reward's base,
the project-years eligible and the reward they are entitled to — beside what was applied for,
approved, paid and refused. A project-year is counted once, in the district of its project; a
project-year whose project is not in the library is counted under no district (``None``) and
its rule is not run. City-wide totals are the sums of the districts'.

Used by :mod:`.results` (which re-exports :func:`reward_totals`), the ``policyledger reward
totals`` command and the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from policyledger.packdata import Loaded, load
from policyledger.packs.trade.inputs import RewardClaim
from policyledger.packs.trade.library import ApplicationRecord, Project, ProjectYear
from policyledger.packs.trade.records import APPLICATION, PROJECT, PROJECT_YEAR
from policyledger.packs.trade.reward import RewardResult
from policyledger.rules import RulesError
from policyledger.storage.packs import synthetic

PACK = "trade"


@dataclass(frozen=True)
class LibraryProject:
    """A project of the library and the registry id of its district."""

    project: Project
    body_id: str | None


@dataclass(frozen=True)
class ProjectYearReward:
    """One stored project-year, its project (None when the library lacks it) and the reward:
    the rule's result, or the one-line reason it could not run."""

    year: ProjectYear
    project: Project | None
    body_id: str | None
    result: RewardResult | None = None
    error: str | None = None

    @property
    def district(self) -> str | None:
        return self.project.district if self.project else None

    @property
    def entitled_cny(self) -> float:
        """What the rule grants (0 unless eligible)."""
        if self.result is None or self.result.status != "eligible":
            return 0.0
        return self.result.amount_cny


def reward_claim(project: Project, year: ProjectYear) -> RewardClaim:
    """The reward rule's input for a project's year."""
    return RewardClaim(
        project=project.id,
        year=year.year,
        kind=project.kind,
        industry_section=project.industry_section,
        quasi_finance=project.quasi_finance,
        received_usd=year.received_usd,
        shareholder_loans_usd=year.shareholder_loans_usd,
        other_support_same_direction=year.other_support_same_direction,
        district=project.district,
    )


def run_reward(project: Project, year: ProjectYear) -> tuple[RewardResult | None, str | None]:
    """The reward of a project's year on 31 December of that year, or why it cannot run."""
    from policyledger.packs.trade import pack

    try:
        result = pack.run("trade.reward", reward_claim(project, year), dt.date(year.year, 12, 31))
    except RulesError as error:
        return None, str(error)
    return result, None


def library(session: Session) -> tuple[list[LibraryProject], list[Loaded]]:
    """The project library (by id) and the loaded records it came from."""
    loaded = load(session, PACK, PROJECT)
    return [LibraryProject(i.value, i.record.body_id) for i in loaded], loaded


def project_year_rewards(
    session: Session,
    year: int | None = None,
    found: tuple[list[LibraryProject], list[Loaded]] | None = None,
) -> tuple[list[ProjectYearReward], bool]:
    """Every stored project-year (of ``year`` only, when given) with its reward, by project and
    year; and whether any of the records is synthetic. ``found``: the :func:`library` already
    loaded by the caller."""
    projects, loaded = found if found is not None else library(session)
    by_id = {p.project.id: p for p in projects}
    periods = [str(year)] if year is not None else None
    years = load(session, PACK, PROJECT_YEAR, periods=periods)
    out = []
    for item in years:
        row: ProjectYear = item.value
        entry = by_id.get(row.project)
        if entry is None:
            out.append(
                ProjectYearReward(
                    row,
                    None,
                    None,
                    error=f"项目库中没有项目 {row.project} · project {row.project} is not in "
                    "the project library",
                )
            )
            continue
        result, error = run_reward(entry.project, row)
        out.append(ProjectYearReward(row, entry.project, entry.body_id, result, error))
    out.sort(key=lambda r: (r.year.project, r.year.year))
    flagged = synthetic(session, [i.record for i in (*loaded, *years)])
    return out, flagged


@dataclass
class RewardTotal:
    """The sums of one district (None: project-years outside the library) in one year (None:
    the city-wide line of :attr:`RewardTotals.city` sums every district)."""

    district: str | None
    body_id: str | None
    year: int
    projects: int = 0
    received_usd: float = 0.0
    shareholder_loans_usd: float = 0.0
    base_usd: float = 0.0
    eligible: int = 0
    unknown: int = 0
    entitled_cny: float = 0.0
    applications: int = 0
    applied_cny: float = 0.0
    approved_cny: float = 0.0
    paid_cny: float = 0.0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    city: bool = False  # the city-wide line of the year

    def add(self, other: RewardTotal) -> None:
        """Add another line's sums to this one."""
        for name in SUMMED:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


SUMMED = (
    "projects",
    "received_usd",
    "shareholder_loans_usd",
    "base_usd",
    "eligible",
    "unknown",
    "entitled_cny",
    "applications",
    "applied_cny",
    "approved_cny",
    "paid_cny",
    "refused",
)
"""The fields of :class:`RewardTotal` that add up, in the order tables show them."""


@dataclass
class RewardTotals:
    """The totals per district and year, the city-wide line of each year, the project-years
    they sum, and whether any of the data is synthetic."""

    districts: list[RewardTotal] = field(default_factory=list)
    city: list[RewardTotal] = field(default_factory=list)
    rewards: list[ProjectYearReward] = field(default_factory=list)
    synthetic: bool = False

    @property
    def years(self) -> list[int]:
        return sorted({line.year for line in self.city})


def _count_years(lines: dict, rewards: Iterable[ProjectYearReward]) -> None:
    for item in rewards:
        line = lines.setdefault(
            (item.district, item.year.year),
            RewardTotal(item.district, item.body_id, item.year.year),
        )
        line.projects += 1
        line.received_usd += item.year.received_usd or 0.0
        line.shareholder_loans_usd += item.year.shareholder_loans_usd or 0.0
        if item.result is not None and item.result.base_usd is not None:
            line.base_usd += item.result.base_usd
        if item.error:
            line.errors.append(f"{item.year.project} {item.year.year}: {item.error}")
        elif item.result is not None:
            line.eligible += item.result.status == "eligible"
            line.unknown += item.result.status == "unknown"
            line.entitled_cny += item.entitled_cny


def _count_applications(
    lines: dict, applications: Iterable[ApplicationRecord], projects: dict[str, LibraryProject]
) -> None:
    for app in applications:
        entry = projects.get(app.project)
        district = entry.project.district if entry else None
        line = lines.setdefault(
            (district, app.year), RewardTotal(district, entry.body_id if entry else None, app.year)
        )
        line.applications += 1
        line.applied_cny += app.applied_cny or 0.0
        line.approved_cny += app.approved_cny or 0.0
        line.paid_cny += app.paid_cny or 0.0
        line.refused += app.status == "refused"


def reward_totals(session: Session, year: int | None = None) -> RewardTotals:
    """The reward totals per district and year (only ``year``, when given), sorted by year then
    district (no district last), and the city-wide line of each year."""
    found = library(session)
    rewards, flagged = project_year_rewards(session, year, found)
    projects = found[0]
    by_id = {p.project.id: p for p in projects}
    periods = [str(year)] if year is not None else None
    applications = load(session, PACK, APPLICATION, periods=periods)
    lines: dict[tuple[str | None, int], RewardTotal] = {}
    _count_years(lines, rewards)
    _count_applications(lines, (i.value for i in applications), by_id)
    districts = sorted(lines.values(), key=lambda t: (t.year, t.district is None, t.district or ""))
    city: dict[int, RewardTotal] = {}
    for line in districts:
        city.setdefault(line.year, RewardTotal(None, None, line.year, city=True)).add(line)
    flagged |= synthetic(session, [i.record for i in applications])
    return RewardTotals(districts, [city[y] for y in sorted(city)], rewards, flagged)
