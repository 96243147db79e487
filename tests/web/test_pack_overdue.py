"""The overview lists what the rule packs hold that is overdue (``Pack(overdue=…)``), beside
the overdue targets; a pack whose hook fails adds one line instead of breaking the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from importlib.metadata import EntryPoint

import pytest

from policyledger.packdata.overdue import OverdueItem
from policyledger.rules import packs as packs_module
from tests.rules.sample_pack import pack as sample_pack

SEEN: list[dt.date] = []


def listing(session, on: dt.date) -> list[OverdueItem]:
    SEEN.append(on)
    return [
        OverdueItem(
            "sample",
            "投诉TS-1逾期",
            "Complaint TS-1 overdue",
            "期限2024-03-01，已逾期3个工作日",
            "due 2024-03-01, 3 working days overdue",
            "/packs/sample/TS-1",
            dt.date(2024, 3, 1),
            3,
        )
    ]


def failing(session, on: dt.date) -> list[OverdueItem]:
    raise ValueError("the complaint ledger cannot be read")


listing_pack = replace(sample_pack, overdue="tests.web.test_pack_overdue:listing")
failing_pack = replace(sample_pack, overdue="tests.web.test_pack_overdue:failing")


def _with(monkeypatch, name: str) -> None:
    real = packs_module.entry_points

    def fake(group):
        return [
            *real(group=group),
            EntryPoint("sample", f"tests.web.test_pack_overdue:{name}", group),
        ]

    monkeypatch.setattr(packs_module, "entry_points", fake)


def test_a_packs_overdue_items_are_on_the_overview(monkeypatch, site_client):
    _with(monkeypatch, "listing_pack")
    SEEN.clear()
    page = site_client.get("/")
    assert page.status_code == 200
    assert 'data-testid="pack-overdue-list"' in page.text
    assert "投诉TS-1逾期" in page.text and 'href="/packs/sample/TS-1"' in page.text
    assert [dt.date.today()] == SEEN
    english = site_client.get("/?lang=en")
    assert "Complaint TS-1 overdue" in english.text


@pytest.mark.filterwarnings("ignore")
def test_a_failing_hook_is_one_line(monkeypatch, site_client):
    _with(monkeypatch, "failing_pack")
    page = site_client.get("/")
    assert page.status_code == 200
    assert "逾期事项暂时无法计算" in page.text
    assert "the complaint ledger cannot be read" in page.text
