"""Fixtures for the assessment-engine tests: the packaged rules and the sample targets."""

from __future__ import annotations

from datetime import date

import pytest

from policyledger.assess import Observation, Rules, TargetSpec, load_rules


@pytest.fixture(scope="session")
def rules() -> Rules:
    return load_rules()


@pytest.fixture
def energy() -> TargetSpec:
    """单位地区生产总值能耗比2020年下降14% — a 十四五 target: 2020-12-31 → 2025-12-31."""
    return TargetSpec(
        key="energy",
        value=14,
        unit="%",
        change="decrease",
        relation=">=",
        start=date(2020, 12, 31),
        deadline=date(2025, 12, 31),
    )


@pytest.fixture
def trade() -> TargetSpec:
    """外贸进出口总额到2024年突破1万亿元 — a 2022—2024 plan, baseline 8000.6亿元 = 0.80006万亿元."""
    return TargetSpec(
        key="trade",
        value=1.0,
        unit="万亿元",
        change=None,
        relation=">=",
        start=date(2021, 12, 31),
        deadline=date(2024, 12, 31),
        baseline_value=0.80006,
        frequency="yearly",
    )


@pytest.fixture
def trade_values() -> list[Observation]:
    """Reported totals in 万亿元 (8000.6, 8158.4, 7137.4, 7154.2 亿元)."""
    return [
        Observation(date(2021, 12, 31), 0.80006),
        Observation(date(2022, 12, 31), 0.81584),
        Observation(date(2023, 12, 31), 0.71374),
        Observation(date(2024, 12, 31), 0.71542),
    ]
