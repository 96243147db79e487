"""The energy pack's typed inputs, as a data template would fill them: one row per district and
period, put together per district, described with Chinese labels and units."""

from __future__ import annotations

import datetime as dt

import pytest

from policyledger.packs.energy import pack
from policyledger.packs.energy.inputs import DistrictEnergy, EnergyPeriod, district_energy
from policyledger.rules import RuleInputError, describe

ROWS = [
    EnergyPeriod(2023, 900, 400, 3, 60, 20, 10),
    EnergyPeriod(2022, 860, 390, 3, 55, 18, 10),
    EnergyPeriod(2020, 770, 356, 3, 50, 15, 0),
    EnergyPeriod(2023, 1200, 530),  # the whole year: another period, not used for Q3
]


def test_rows_are_put_together_per_district_and_run():
    account = district_energy("示例区", ROWS, 2023, quarter=3)
    assert isinstance(account, DistrictEnergy)
    assert (account.current.gdp, account.previous.gdp, account.base.gdp) == (900, 860, 770)
    result = pack.run("energy.barometer", account, dt.date(2023, 9, 30))
    assert (result.level, result.colour, round(result.reduction_vs_previous, 4)) == (
        2,
        "yellow",
        2.3327,
    )


def test_a_missing_or_repeated_row_is_one_line():
    with pytest.raises(RuleInputError, match=r"^示例区: no row for 2022 1—2季度 \(previous\)$"):
        district_energy("示例区", [*ROWS, EnergyPeriod(2023, 600, 270, 2)], 2023, quarter=2)
    with pytest.raises(RuleInputError, match=r"two rows for 2023$"):
        district_energy("示例区", [*ROWS, EnergyPeriod(2023, 1, 1)], 2023)


def test_fields_carry_labels_and_units_for_templates():
    fields = {f.name: f for f in describe(EnergyPeriod)}
    assert (fields["gdp"].zh, fields["gdp"].unit) == ("地区生产总值（2020年不变价）", "亿元")
    assert fields["gdp"].required and not fields["feedstock"].required
    assert fields["quarter"].nullable
    assert [f.name for f in describe(EnergyPeriod) if f.required] == [
        "year",
        "gdp",
        "total_energy",
    ]
