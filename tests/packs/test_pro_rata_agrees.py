"""The energy pack's linear pro-rata schedule is the one policyledger's assessment engine uses for
the same target (单位GDP能耗比2020年下降14%), so a district's barometer and the target's status
read the same schedule (the note of the parameter dual_control.pro_rata_method says so)."""

from __future__ import annotations

from datetime import date

import pytest

from policyledger.assess import TargetSpec
from policyledger.assess.schedule import expected_value
from policyledger.packs.energy import pack

ENERGY = TargetSpec(
    key="energy",
    value=14,
    unit="%",
    change="decrease",
    relation=">=",
    start=date(2020, 12, 31),
    deadline=date(2025, 12, 31),
)
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025])
@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_linear_schedule_matches_the_assessment_engine(year, quarter):
    end = date(year, *QUARTER_END[quarter])
    rule = pack.run(
        "energy.pro_rata", {"district": "示例区", "year": year, "quarter": quarter}, end
    )
    assert rule.method == "linear"
    assert rule.required_reduction == pytest.approx(-expected_value(ENERGY, end), abs=1e-9)
