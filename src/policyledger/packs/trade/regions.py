"""The city's 一区两群 regions as the trade plan 三、（二）6 uses them: the region codes, their
Chinese names, which district belongs to which (a parameter, ``regions.<code>``), how a
figure's scope (全市, a region code or name, a district) is read, and a region's series of
figures — its own, or for a period it has none, the sum of its districts (a lower bound when a
district has not reported)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from policyledger.rules import ParameterView

CITY = "全市"
REGIONS: dict[str, str] = {
    "central_urban": "中心城区",
    "new_main_urban": "主城新区",
    "northeast_group": "渝东北三峡库区城镇群",
    "southeast_group": "渝东南武陵山城镇群",
}
REGION_EN: dict[str, str] = {
    "central_urban": "central urban districts",
    "new_main_urban": "new main urban districts",
    "northeast_group": "north-eastern Three Gorges county group",
    "southeast_group": "south-eastern Wuling Mountains county group",
}
COUNTY_GROUPS = ("northeast_group", "southeast_group")
COUNTY_GROUPS_CODE = "county_groups"
COUNTY_GROUPS_ZH = "渝东北三峡库区城镇群和渝东南武陵山城镇群（合计）"
REGION_PARAMETERS = [f"regions.{code}" for code in REGIONS]

ScopeKind = Literal["city", "region", "district"]
Bound = Literal["exact", "more_than", "at_least"]


@dataclass(frozen=True)
class Scope:
    """How a figure's scope reads: the city, a region (``code``) or a district (``name``,
    with the region it belongs to, or ``None`` when it is in no region)."""

    kind: ScopeKind
    code: str
    region: str | None


def region_members(p: ParameterView) -> dict[str, str]:
    """Each district or county named in the region parameters → its region code."""
    members: dict[str, str] = {}
    for code in REGIONS:
        for name in p[f"regions.{code}"]:
            members[str(name).strip()] = code
    return members


def read_scope(scope: str, members: dict[str, str]) -> Scope:
    """The :class:`Scope` of a figure's ``scope`` text."""
    text = scope.strip()
    if text == CITY:
        return Scope("city", CITY, None)
    for code, zh in REGIONS.items():
        if text in (code, zh):
            return Scope("region", code, code)
    return Scope("district", text, members.get(text))


def scope_zh(code: str) -> str:
    """The Chinese name of a scope code (全市, a region, the two county groups)."""
    if code == COUNTY_GROUPS_CODE:
        return COUNTY_GROUPS_ZH
    return REGIONS.get(code, code)


def scope_en(code: str) -> str:
    if code == CITY:
        return "whole city"
    if code == COUNTY_GROUPS_CODE:
        return "the two county groups together"
    return REGION_EN.get(code, code)


@dataclass(frozen=True)
class Figure:
    """A figure read for the targets: ``value`` in 亿元 (or % for a share) for one scope, year
    and period ("year" for the full year). ``bound``: ``exact``; ``more_than`` (the source said
    突破/exceeded the value); ``at_least`` (a sum some parts of which did not report).
    ``made_from`` and ``missing_parts`` name what a sum (or a share) was made from and which
    parts did not report."""

    indicator: str
    scope: Scope
    year: int
    period: str
    value: Decimal
    source: str | None
    bound: Bound
    made_from: tuple[str, ...] = ()
    missing_parts: tuple[str, ...] = ()


def fmt(x: Decimal | float) -> str:
    """A number with thousands separators and at most four decimals."""
    return f"{float(x):,.4f}".rstrip("0").rstrip(".")


def sum_bound(parts: list[Bound], incomplete: bool) -> Bound:
    """The bound of a sum of ``parts`` (``incomplete``: some parts did not report, and a part
    is never negative): more than if a part is more than, else at least if a part is at least
    or one is missing, else exact."""
    if "more_than" in parts:
        return "more_than"
    if incomplete or "at_least" in parts:
        return "at_least"
    return "exact"


def summed(
    indicator: str, code: str, pieces: list[tuple[str, Figure]], expected: list[str]
) -> list[Figure]:
    """Per (year, period), the sum of ``pieces`` (name, figure) as a figure of ``code``; a sum
    without one of the ``expected`` names, or of a lower bound, is a lower bound."""
    grouped: dict[tuple[int, str], list[tuple[str, Figure]]] = defaultdict(list)
    for name, f in pieces:
        grouped[(f.year, f.period)].append((name, f))
    out = []
    for (year, period), group in grouped.items():
        names = [name for name, _ in group]
        missing = [name for name in expected if name not in names]
        missing += [part for _, f in group for part in f.missing_parts]
        sources = sorted({f.source for _, f in group if f.source})
        out.append(
            Figure(
                indicator=indicator,
                scope=Scope("region", code, code),
                year=year,
                period=period,
                value=sum((f.value for _, f in group), Decimal(0)),
                source="; ".join(sources) or None,
                bound=sum_bound([f.bound for _, f in group], bool(missing)),
                made_from=tuple(f"{name} {fmt(f.value)}" for name, f in group),
                missing_parts=tuple(missing),
            )
        )
    return out


def series(
    indicator: str, code: str, figures: list[Figure], members: dict[str, str]
) -> list[Figure]:
    """The figures of ``indicator`` for the scope ``code`` (全市, a region, or the two county
    groups together): a region's own figures, and for the periods it has none, the sum of its
    districts."""
    if code == COUNTY_GROUPS_CODE:
        parts = [
            (scope_zh(group), f)
            for group in COUNTY_GROUPS
            for f in series(indicator, group, figures, members)
        ]
        return summed(indicator, code, parts, [scope_zh(g) for g in COUNTY_GROUPS])
    own = [
        f
        for f in figures
        if f.indicator == indicator and f.scope.code == code and f.scope.kind != "district"
    ]
    if code == CITY:
        return own
    covered = {(f.year, f.period) for f in own}
    districts = [
        (f.scope.code, f)
        for f in figures
        if f.indicator == indicator
        and f.scope.kind == "district"
        and f.scope.region == code
        and (f.year, f.period) not in covered
    ]
    expected = [name for name, region in members.items() if region == code]
    return own + summed(indicator, code, districts, expected)
