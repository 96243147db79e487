"""SYNTHETIC data of the foreign trade and investment pack: a generated project library with
foreign capital received year by year, reward applications and complaints, for tests and
demonstrations. Nothing here describes a real project, enterprise or complaint.

:func:`synthetic_trade` is deterministic for a seed. Every id starts with ``SYNTHETIC-`` and
every project and enterprise name says 合成; the districts are real (names as the body registry
writes them) so that the rows join the ledger. Ten projects are designed around the reward's
thresholds (a base of exactly 10,000,000 and 30,000,000 USD, shareholder loans pushing one below
the threshold, real estate, finance, quasi-finance, a capped manufacturing project, support in
the same direction, an unknown industry, capital received in 2022); the others are drawn at
random. Applications are approved at most at the amount :func:`expected_reward` works out by
hand from the clause (so never above what the rule grants), and paid at most what was approved.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy.orm import Session

from policyledger.packdata.csvrows import write_kind_csv
from policyledger.packs.trade.library import (
    ApplicationRecord,
    ComplaintRecord,
    Project,
    ProjectYear,
)

SYNTHETIC_DISTRICTS = (
    "两江新区",
    "西部科学城重庆高新区",
    "重庆经开区",
    "渝北区",
    "江北区",
    "沙坪坝区",
    "九龙坡区",
    "南岸区",
    "渝中区",
    "璧山区",
    "永川区",
    "涪陵区",
)
YEARS = (2022, 2023, 2024, 2025)
_COUNTRIES = ("SG", "DE", "JP", "KR", "US", "HK", "GB", "FR", "新加坡", "德国")
_RANDOM_SECTIONS = {
    "C": ("汽车零部件制造", "电子元件制造", "智能装备制造", "生物医药制造", "新材料制造"),
    "G": ("跨境贸易", "医药批发"),
    "I": ("软件开发", "数据服务"),
    "M": ("研发服务", "工程设计"),
    "L": ("商务咨询", "供应链管理"),
    "H": ("酒店",),
}
_SUBJECTS = (
    "行政许可办理时限",
    "土地出让金结汇",
    "外籍人员工作许可",
    "政府采购公平竞争",
    "知识产权保护",
    "奖励资金兑付进度",
)


@dataclass(frozen=True)
class SyntheticTrade:
    """SYNTHETIC projects, their years, applications and complaints."""

    seed: int
    projects: list[Project]
    years: list[ProjectYear]
    applications: list[ApplicationRecord] = field(default_factory=list)
    complaints: list[ComplaintRecord] = field(default_factory=list)


def expected_reward(project: Project, year: ProjectYear) -> float | None:
    """The reward in yuan worked out by hand from 三、（四）10 with the minimum rates (2%, 4%)
    and the dollar base taken as the number of yuan (the pack's default reading): 0 when the
    project-year is outside the clause, None when a fact is missing. The generator approves no
    more than this."""
    received, loans = year.received_usd, year.shareholder_loans_usd
    facts = (project.kind, project.industry_section, project.quasi_finance)
    if received is None or loans is None or year.other_support_same_direction is None:
        return None
    if any(f is None for f in facts):
        return None
    base = received - loans
    if year.year < 2023 or year.other_support_same_direction:
        return 0.0
    if project.industry_section in ("J", "K") or project.quasi_finance:
        return 0.0
    if project.industry_section == "C" and base > 30_000_000:
        return min(base * 0.04, 10_000_000.0)
    if base > 10_000_000:
        return min(base * 0.02, 10_000_000.0)
    return 0.0


def _project(number: int, district: str, **facts) -> Project:
    values = {
        "id": f"SYNTHETIC-FDI-{number:03d}",
        "name": f"合成{district[:2]}{facts.pop('label')}项目{number:02d}",
        "enterprise": f"合成外资企业{number:02d}（SYNTHETIC）有限公司",
        "district": district,
        "status": "operating",
        "key_project": True,
    }
    values.update(facts)
    return Project(**values)


# The designed projects: (label, section, kind, quasi-finance, [(year, received, loans,
# other support)]). Amounts in US dollars.
_DESIGNED = (
    ("精密制造", "C", "new", False, [(2023, 30_000_000.0, 0.0, False)]),
    ("供应链", "G", "capital_increase", False, [(2024, 10_000_000.0, 0.0, False)]),
    ("汽车零部件", "C", "new", False, [(2024, 12_500_000.0, 3_000_000.0, False)]),
    ("商业综合体", "K", "new", False, [(2023, 80_000_000.0, 0.0, False)]),
    ("外资银行", "J", "capital_increase", False, [(2024, 50_000_000.0, 0.0, False)]),
    ("融资租赁", "L", "new", True, [(2024, 25_000_000.0, 0.0, False)]),
    ("显示面板", "C", "capital_increase", False, [(2024, 320_000_000.0, 20_000_000.0, False)]),
    ("研发中心", "M", "new", False, [(2024, 20_000_000.0, 0.0, True)]),
    ("综合服务", None, "new", False, [(2025, 15_000_000.0, 0.0, False)]),
    ("电子材料", "C", "new", False, [(2022, 45_000_000.0, 0.0, False)]),
)


_DESIGNED_INDUSTRY = {"C": "制造业", "K": "房地产开发", "J": "银行", "L": "融资租赁"}


def _designed(districts: list[str]) -> tuple[list[Project], list[ProjectYear]]:
    projects, years = [], []
    for number, (name, section, kind, quasi, rows) in enumerate(_DESIGNED, start=1):
        district = districts[(number - 1) % len(districts)]
        industry = _DESIGNED_INDUSTRY.get(section or "")
        project = _project(
            number,
            district,
            label=name,
            investor_country=_COUNTRIES[number % len(_COUNTRIES)],
            industry_section=section,
            industry=industry,
            quasi_finance=quasi,
            kind=kind,
            contracted_usd=max(r[1] for r in rows) * 1.5,
            signed=dt.date(rows[0][0] - 1, 6, 1),
        )
        projects.append(project)
        for year, received, loans, other in rows:
            years.append(
                ProjectYear(
                    project.id,
                    year,
                    contracted_usd=received,
                    received_usd=received,
                    shareholder_loans_usd=loans,
                    other_support_same_direction=other,
                )
            )
    return projects, years


def _random(
    rng: random.Random, first: int, count: int, districts: list[str]
) -> tuple[list[Project], list[ProjectYear]]:
    projects, years = [], []
    for number in range(first, first + count):
        section = rng.choices(list(_RANDOM_SECTIONS), (0.45, 0.15, 0.12, 0.12, 0.1, 0.06))[0]
        start = rng.choice(YEARS[:3])
        span = rng.randint(1, len(YEARS) - YEARS.index(start))
        scale = 45_000_000 if section == "C" else 25_000_000
        received = [round(rng.uniform(0.15, 1.6) * scale, -4) for _ in range(span)]
        project = _project(
            number,
            rng.choice(districts),
            label=rng.choice(_RANDOM_SECTIONS[section])[:4],
            investor_country=rng.choice(_COUNTRIES),
            investor_region=rng.choice((None, None, "Bavaria", "Ontario", "关东")),
            industry_section=section,
            industry=rng.choice(_RANDOM_SECTIONS[section]),
            quasi_finance=False,
            kind=rng.choice(("new", "new", "capital_increase")),
            status=rng.choice(("registered", "under_construction", "operating", "operating")),
            key_project=rng.random() < 0.6,
            contracted_usd=round(sum(received) * rng.uniform(1.1, 1.8), -4),
            signed=dt.date(start - 1, rng.randint(1, 12), rng.randint(1, 28)),
        )
        projects.append(project)
        for offset, amount in enumerate(received):
            loans = round(amount * rng.choice((0.0, 0.0, 0.05, 0.1, 0.25)), -4)
            years.append(
                ProjectYear(
                    project.id,
                    start + offset,
                    contracted_usd=round(amount * rng.uniform(1.0, 1.3), -4),
                    received_usd=amount,
                    shareholder_loans_usd=loans,
                    other_support_same_direction=rng.random() < 0.05,
                )
            )
    return projects, years


def _applications(
    rng: random.Random, projects: list[Project], years: list[ProjectYear], designed: set[str]
) -> list[ApplicationRecord]:
    by_id = {p.id: p for p in projects}
    out: list[ApplicationRecord] = []
    statuses = ("paid", "approved", "submitted", "paid", "refused")
    for row in years:
        if row.year < 2023 or (row.project not in designed and rng.random() < 0.55):
            continue
        expected = expected_reward(by_id[row.project], row)
        submitted = dt.date(row.year + 1, rng.randint(2, 5), rng.randint(1, 28))
        decided = submitted + dt.timedelta(days=rng.randint(30, 90))
        number = len(out) + 1
        status = statuses[number % len(statuses)]
        if expected is None:
            status = "submitted"
        elif expected == 0:
            status = "refused"
        elif expected >= 10_000_000:
            status = "paid"  # the capped project: paid the cap in full
        elif status == "refused":
            status = "approved"
        applied = round((expected or 0) * rng.choice((1.0, 1.0, 1.2)), 2) or round(
            (row.received_usd or 0) * 0.02, 2
        )
        approved = round(expected, 2) if expected and status in ("approved", "paid") else None
        paid_cny = approved if status == "paid" and rng.random() < 0.8 else None
        if status == "paid" and paid_cny is None and approved is not None:
            paid_cny = round(approved * 0.5, 2)  # paid in two instalments, the first one here
        out.append(
            ApplicationRecord(
                id=f"SYNTHETIC-APP-{number:03d}",
                project=row.project,
                year=row.year,
                applied_cny=applied,
                status=status,
                submitted=submitted,
                decided=decided if status != "submitted" else None,
                approved_cny=approved,
                reason="不符合三、（四）10的奖励条件（合成）" if status == "refused" else None,
                paid=decided + dt.timedelta(days=rng.randint(20, 60)) if paid_cny else None,
                paid_cny=paid_cny,
            )
        )
    first = next(a for a in out if a.status == "paid")
    out.append(  # the same project-year applied for twice: the check should notice
        ApplicationRecord(
            id=f"SYNTHETIC-APP-{len(out) + 1:03d}",
            project=first.project,
            year=first.year,
            applied_cny=first.applied_cny,
            status="submitted",
            submitted=(first.submitted or dt.date(first.year + 1, 3, 1)) + dt.timedelta(days=40),
        )
    )
    return out


def _complaints(rng: random.Random, projects: list[Project], count: int) -> list[ComplaintRecord]:
    out = []
    for number in range(1, count + 1):
        project = rng.choice(projects)
        received = dt.date(2024, 1, 15) + dt.timedelta(days=rng.randint(0, 690))
        accepted = received + dt.timedelta(days=rng.randint(1, 9))
        outcome = ("closed", "closed", "answered", "accepted", "received", "withdrawn")[number % 6]
        late = number % 4 == 0
        deadline = received + dt.timedelta(days=60) if number % 3 else None
        answered = closed = None
        if outcome in ("answered", "closed"):
            answered = accepted + dt.timedelta(days=rng.randint(20, 55) + (100 if late else 0))
        if outcome == "closed":
            closed = (answered or accepted) + dt.timedelta(days=rng.randint(1, 10))
        out.append(
            ComplaintRecord(
                id=f"SYNTHETIC-TS-{number:02d}",
                enterprise=project.enterprise or project.name,
                received=received,
                subject=f"{rng.choice(_SUBJECTS)}（合成）",
                body=rng.choice(("市商务委", project.district or "市商务委")),
                accepted=accepted if outcome != "received" else None,
                deadline=deadline,
                answered=answered,
                closed=closed,
                status=outcome,
                district=project.district,
            )
        )
    return out


def synthetic_trade(seed: int = 2024, projects: int = 40, complaints: int = 12) -> SyntheticTrade:
    """SYNTHETIC data: ``projects`` projects (ten designed, the rest random) over the twelve
    :data:`SYNTHETIC_DISTRICTS`, their years 2022–2025, applications and ``complaints``
    complaints. The same seed gives the same data."""
    rng = random.Random(seed)
    districts = list(SYNTHETIC_DISTRICTS)
    designed, designed_years = _designed(districts)
    drawn, drawn_years = _random(rng, len(designed) + 1, projects - len(designed), districts)
    library = designed + drawn
    years = sorted(designed_years + drawn_years, key=lambda y: (y.project, y.year))
    return SyntheticTrade(
        seed,
        library,
        years,
        _applications(rng, library, years, {p.id for p in designed}),
        _complaints(rng, library, complaints),
    )


# --- the stored CSV set -------------------------------------------------------------------------
# ``synthetic/*.csv`` beside this file are :func:`synthetic_trade` (SEED, the defaults) written
# by :func:`write_synthetic_files`; :func:`load_synthetic` imports them marked synthetic.

SEED = 2024
KINDS = ("project", "project_year", "application", "complaint")
NOTE = "合成数据（虚构），仅供演示和测试 · synthetic data for demos and tests"
FIRST_LINE = (
    "合成数据（虚构，仅供演示和测试，不是真实外资项目、奖励或投诉）SYNTHETIC data, invented for "
    "demos and tests"
)


def rows_of(data: SyntheticTrade, kind: str) -> list:
    """The rows of one kind of record."""
    return {
        "project": data.projects,
        "project_year": data.years,
        "application": data.applications,
        "complaint": data.complaints,
    }[kind]


def synthetic_file(kind: str) -> Path:
    """The synthetic CSV of a kind of record."""
    return Path(str(resources.files("policyledger.packs.trade.synthetic") / f"{kind}.csv"))


def write_synthetic_files(folder: Path, seed: int = SEED) -> list[Path]:
    """Write the four CSVs of :func:`synthetic_trade` (``seed``) into ``folder``."""
    from policyledger.packs.trade import pack

    data = synthetic_trade(seed)
    return [
        write_kind_csv(pack.kind(kind), rows_of(data, kind), folder / f"{kind}.csv", FIRST_LINE)
        for kind in KINDS
    ]


def load_synthetic(session: Session, actor: str = "demo") -> list:
    """Import every synthetic file, marked synthetic (a file imported before is skipped);
    return the import results."""
    from policyledger.packdata import import_records
    from policyledger.packs.trade import pack

    return [
        import_records(session, pack, kind, synthetic_file(kind), actor, synthetic=True, note=NOTE)
        for kind in KINDS
    ]
