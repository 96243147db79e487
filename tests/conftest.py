"""Shared fixtures: the sample gazette, its gold answer and the corpus copies in tests/fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "cq-gazette-2022-18.txt"
GOLD = FIXTURES / "cq-gazette-2022-18.gold.json"
CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_extraction(sample_text: str) -> dict:
    from policyledger.ingest import extract_text

    return extract_text(sample_text, SAMPLE.name).to_dict()
