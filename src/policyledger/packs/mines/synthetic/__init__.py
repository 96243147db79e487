"""SYNTHETIC data: a generated registry of non-coal mines with hazard checks, hazards and
district enforcement facts, for tests and demonstrations. Nothing here describes a real mine.

:func:`synthetic_registry` is deterministic for a seed. Every mine id starts with
``SYNTHETIC-`` and every name and enterprise says 合成 / SYNTHETIC; the districts are real
Chongqing districts (names as the body registry writes them) so that the data can be joined
with the ledger, but the mines in them are invented. About one fact in twenty is left empty,
as real registers are incomplete.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from policyledger.packdata.csvrows import write_kind_csv
from policyledger.packs.mines.inputs import Mine
from policyledger.packs.mines.ledgers import DistrictMonth, Hazard, HazardCheck, month_bounds

SYNTHETIC_DISTRICTS = (
    "万州区",
    "涪陵区",
    "綦江区",
    "南川区",
    "武隆区",
    "奉节县",
    "城口县",
    "秀山土家族苗族自治县",
)
_MINERALS = {
    "open_pit": ("石灰岩", "建筑石料", "页岩", "砂岩", "白云岩"),
    "underground": ("铅锌矿", "硫铁矿", "重晶石", "建筑石料"),
}
_OPERATING = ("construction", "producing")


@dataclass(frozen=True)
class SyntheticRegistry:
    """SYNTHETIC mines, checks, hazards and district facts over ``months`` ((year, month))."""

    seed: int
    months: list[tuple[int, int]]
    mines: list[Mine]
    checks: list[HazardCheck] = field(default_factory=list)
    hazards: list[Hazard] = field(default_factory=list)
    districts: list[DistrictMonth] = field(default_factory=list)

    def district_months(self, year: int, month: int) -> list[DistrictMonth]:
        return [d for d in self.districts if (d.year, d.month) == (year, month)]


def _maybe(rng: random.Random, value: Any, missing: float = 0.05) -> Any:
    """``value``, or None (not reported) with probability ``missing``."""
    return None if rng.random() < missing else value


def _mine(rng: random.Random, number: int, district: str) -> Mine:
    kind = rng.choices(("open_pit", "underground", "tailings_pond"), (0.6, 0.25, 0.15))[0]
    status = rng.choices(
        ("producing", "construction", "suspended", "closed"), (0.72, 0.1, 0.1, 0.08)
    )[0]
    size = rng.choices(("large", "medium", "small"), (0.15, 0.4, 0.45))[0]
    if kind == "tailings_pond":
        mineral = "尾矿"
    elif district in ("城口县", "秀山土家族苗族自治县") and rng.random() < 0.4:
        mineral = "锰矿"
    else:
        mineral = rng.choice(_MINERALS[kind])
    output = {"large": 120.0, "medium": 45.0, "small": 12.0}[size] * rng.uniform(0.6, 1.4)
    good = rng.random() < 0.75  # most mines keep their house in order

    def yes(p: float = 0.9) -> bool:
        return rng.random() < (p if good else p - 0.35)

    suffix = mineral if mineral.endswith("矿") else f"{mineral}矿"
    suffix = "尾矿库" if kind == "tailings_pond" else suffix
    base = Mine(
        id=f"SYNTHETIC-{number:03d}",
        name=f"合成{district[:2]}{suffix}{number:02d}",
        enterprise=f"SYNTHETIC 合成矿业有限公司{number:02d}",
        type=kind,
        mineral=mineral,
        building_stone=mineral == "建筑石料",
        annual_output=round(output, 1) if kind != "tailings_pond" else None,
        size_class=_maybe(rng, size) if kind != "tailings_pond" else None,
        district=district,
        licence_valid_until=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(-60, 900)),
        status=status,
        new_build=_maybe(rng, status == "construction" or rng.random() < 0.1),
        blasting=_maybe(rng, mineral not in ("页岩", "砂岩") or rng.random() < 0.5),
        principal=f"合成负责人{number:02d}",
        actual_controller=f"合成控制人{number:02d}",
        has_chief_engineer=_maybe(rng, yes(0.85)),
        standardization=_maybe(
            rng, rng.choices(("一级", "二级", "三级", "none"), (0.03, 0.3, 0.5, 0.17))[0]
        ),
        blacklisted=rng.random() < 0.06,
        single_management_level=_maybe(rng, size == "small" and rng.random() < 0.6),
        mech_mining=_maybe(rng, yes()),
        mech_loading=_maybe(rng, yes()),
        mech_transport=_maybe(rng, yes()),
        mech_ventilation=_maybe(rng, yes()) if kind == "underground" else None,
        safety_info_system=_maybe(rng, yes(0.85)),
        video_monitoring=_maybe(rng, yes(0.8)),
        two_lists_two_cards=_maybe(rng, yes(0.95)),
        person_vehicle_separation=_maybe(rng, yes()),
        outsourced=_maybe(rng, rng.random() < 0.3),
        dual_leadership=_maybe(rng, yes()),
        safety_insurance=_maybe(rng, yes(0.95)),
        safety_fees=_maybe(rng, yes(0.95)),
        two_organizations=_maybe(rng, yes()),
        principal_underground_days=_maybe(rng, rng.randint(2, 9)),
        controller_onsite_days=_maybe(rng, rng.randint(6, 16)),
        controller_meetings=_maybe(rng, rng.choice((0, 1, 1, 1, 2))),
        chief_engineer_days=_maybe(rng, rng.randint(10, 22)),
    )
    if kind == "open_pit":
        slope = rng.choice((60, 95, 100, 130, 199, 200, 210, 260))
        return replace(
            base,
            top_down=_maybe(rng, yes(0.95)),
            benching=_maybe(rng, yes(0.95)),
            undercutting=_maybe(rng, not yes(0.95)),
            slope_height=_maybe(rng, float(slope)),
            slope_online_monitoring=_maybe(rng, slope >= 200 and yes(0.85)),
            slope_analysis_date=_maybe(rng, dt.date(2023, rng.randint(1, 12), 15)),
            dump_height=_maybe(rng, float(rng.choice((0, 0, 40, 110, 205)))),
            dump_online_monitoring=_maybe(rng, yes(0.7)),
            dump_analysis_date=_maybe(rng, dt.date(2023, rng.randint(1, 12), 10)),
            design_slope_height=float(slope + rng.choice((0, 20, 40))),
            mining_depth=float(rng.randint(50, 300)),
            coal_coexisting=False,
            design_review_level=_maybe(rng, "district" if output < 50 else "city"),
        )
    if kind == "underground":
        return replace(
            base,
            developed_reserve_years=_maybe(rng, round(rng.uniform(2.2, 6.0), 1)),
            levels_mined=_maybe(rng, rng.choice((1, 2, 3, 3, 4))),
            has_neighbour=_maybe(rng, rng.random() < 0.4),
            pillar_width=_maybe(rng, float(rng.choice((45, 49, 50, 60, 80)))),
            ventilation=_maybe(rng, "mechanical" if yes(0.95) else "natural"),
            shaft_hoist_new=_maybe(rng, rng.random() < 0.3),
            hoist_depth=float(rng.choice((250, 300, 320, 450))),
            hoist_persons=rng.choice((6, 9, 10, 12)),
            hoist_type=rng.choice(("single_rope_winding", "friction", "multi_rope_winding")),
            inclined_shaft_new=_maybe(rng, rng.random() < 0.2),
            man_car=rng.choice(("other", "other", "claw")),
            hydrogeology=_maybe(rng, rng.choice(("simple", "medium", "complex"))),
            three_probe_measures=_maybe(rng, yes()),
            old_workings=_maybe(rng, rng.random() < 0.3),
            drainage_probing=_maybe(rng, yes()),
            deposit_depth=float(rng.randint(120, 600)),
            mining_depth=float(rng.randint(150, 900)),
            mechanized_scaling=_maybe(rng, rng.random() < 0.5),
            staffing_quota=_maybe(rng, rng.choice((0, 30, 40, 60))),
            max_shift_headcount=_maybe(rng, rng.randint(20, 62)),
            coal_coexisting=_maybe(rng, False),
            five_posts=_maybe(rng, yes()),
            design_review_level=_maybe(rng, "city"),
        )
    return replace(
        base,
        dam_height=float(rng.randint(20, 90)),
        pond_capacity=float(rng.randint(50, 900)),
        tailings_online_monitoring=_maybe(rng, yes(0.85)),
        head_top=_maybe(rng, rng.random() < 0.1),
        final_elevation=_maybe(rng, rng.random() < 0.1),
        idle_since=dt.date(2020, rng.randint(1, 12), 1) if status == "suspended" else None,
        has_operator=_maybe(rng, rng.random() < 0.95),
        manganese_closed=_maybe(rng, district in ("城口县", "秀山土家族苗族自治县")),
        closed_out=status == "closed",
    )


def _checks(rng: random.Random, mine: Mine, first: dt.date, last: dt.date) -> list[HazardCheck]:
    diligence = rng.uniform(0.9, 1.0)
    out = []
    day = first
    while day <= last:
        if rng.random() < diligence:
            out.append(HazardCheck(mine.id, "team_leader", day, "合成班组长"))
        if day.weekday() == 2 and rng.random() < diligence:
            out.append(HazardCheck(mine.id, "mine_manager", day, "合成矿长"))
        if day.day == 20 and rng.random() < diligence:
            out.append(HazardCheck(mine.id, "principal", day, mine.principal))
        day += dt.timedelta(days=1)
    return out


def _hazards(rng: random.Random, mine: Mine, first: dt.date, last: dt.date) -> list[Hazard]:
    out = []
    span = (last - first).days
    for n in range(rng.choice((0, 1, 1, 2, 3, 4))):
        found = first + dt.timedelta(days=rng.randint(0, span))
        major = rng.random() < 0.12
        deadline = found + dt.timedelta(days=rng.randint(7, 40))
        closed = None
        if rng.random() < 0.8:
            closed = found + dt.timedelta(days=rng.randint(2, 50))
        reinspected = closed + dt.timedelta(days=rng.randint(1, 6)) if closed else None
        complete = rng.random() < 0.85
        out.append(
            Hazard(
                id=f"{mine.id}-H{n + 1}-{found:%m%d}",
                mine=mine.id,
                grade="major" if major else "ordinary",
                found=found,
                description="SYNTHETIC 合成隐患",
                responsible=_maybe(rng, "合成责任人", 0.0 if complete else 0.5),
                measures=_maybe(rng, "合成整改措施", 0.0 if complete else 0.5),
                funds=_maybe(rng, round(rng.uniform(0.5, 30), 1), 0.0 if complete else 0.5),
                deadline=deadline,
                contingency_plan=_maybe(rng, "合成应急预案", 0.0 if complete else 0.5),
                closed=closed,
                reinspected=_maybe(rng, reinspected, 0.15) if reinspected else None,
            )
        )
    return out


def synthetic_registry(
    seed: int = 2024, per_district: int = 5, start: tuple[int, int] = (2024, 1), months: int = 3
) -> SyntheticRegistry:
    """SYNTHETIC registry: ``per_district`` mines in each of :data:`SYNTHETIC_DISTRICTS` (40 by
    default), with checks, hazards and district enforcement facts for ``months`` months from
    ``start``. The same seed gives the same data."""
    rng = random.Random(seed)
    periods = []
    year, month = start
    for _ in range(months):
        periods.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    first, last = month_bounds(*periods[0])[0], month_bounds(*periods[-1])[1]
    mines = [
        _mine(rng, i * per_district + j + 1, district)
        for i, district in enumerate(SYNTHETIC_DISTRICTS)
        for j in range(per_district)
    ]
    checks, hazards = [], []
    for mine in mines:
        if mine.status in _OPERATING:
            checks += _checks(rng, mine, first, last)
            hazards += _hazards(rng, mine, first, last)
    districts = []
    for district in SYNTHETIC_DISTRICTS:
        for year, month in periods:
            planned = rng.randint(4, 12)
            violations = rng.randint(0, 6)
            staff = rng.randint(4, 10)
            districts.append(
                DistrictMonth(
                    district=district,
                    year=year,
                    month=month,
                    key_district=True,
                    inspections_planned=_maybe(rng, planned, 0.03),
                    inspections_done=max(0, planned + rng.randint(-4, 3)),
                    mines_inspected=rng.randint(1, per_district),
                    violations=_maybe(rng, violations, 0.03),
                    penalties=rng.randint(0, violations),
                    rectifications_reviewed=rng.randint(0, violations),
                    enforcement_staff=staff,
                    professional_staff=rng.randint(1, staff),
                )
            )
    return SyntheticRegistry(seed, periods, mines, checks, hazards, districts)


# --- the stored CSV set -------------------------------------------------------------------------
# ``synthetic/*.csv`` beside this file are :func:`synthetic_registry` (SEED, the defaults)
# written by :func:`write_synthetic_files`; :func:`load_synthetic` imports them marked synthetic.

SEED = 2024
KINDS = ("mine", "hazard_check", "hazard", "district_month")
NOTE = "合成数据（虚构），仅供演示和测试 · synthetic data for demos and tests"
FIRST_LINE = (
    "合成数据（虚构，仅供演示和测试，不是真实矿山或执法数据）SYNTHETIC data, invented for demos "
    "and tests"
)


def synthetic_file(kind: str) -> Path:
    """The synthetic CSV of a kind of record."""
    return Path(str(resources.files("policyledger.packs.mines.synthetic") / f"{kind}.csv"))


def write_synthetic_files(folder: Path, seed: int = SEED) -> list[Path]:
    """Write the four CSVs of :func:`synthetic_registry` (``seed``) into ``folder``."""
    from policyledger.packs.mines import pack

    registry = synthetic_registry(seed)
    rows = {
        "mine": registry.mines,
        "hazard_check": registry.checks,
        "hazard": registry.hazards,
        "district_month": registry.districts,
    }
    return [
        write_kind_csv(pack.kind(kind), rows[kind], folder / f"{kind}.csv", FIRST_LINE)
        for kind in KINDS
    ]


def load_synthetic(session: Session, actor: str = "demo") -> list:
    """Import every synthetic file, marked synthetic (a file imported before is skipped);
    return the import results."""
    from policyledger.packdata import import_records
    from policyledger.packs.mines import pack

    return [
        import_records(session, pack, kind, synthetic_file(kind), actor, synthetic=True, note=NOTE)
        for kind in KINDS
    ]
