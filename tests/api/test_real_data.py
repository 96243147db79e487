"""The acceptance example: with the published statistics loaded and assessed, the API lists
the 2024 foreign-trade total as behind its target, with the real 2024 figure against it."""

from __future__ import annotations

import datetime as dt

from policyledger.services.assessment import run_assessment
from policyledger.storage.statistics import load_sample_statistics


def test_behind_targets_show_the_real_2024_trade_figure(client, ingested):
    with ingested.session() as session:
        load_sample_statistics(session, actor="test")
        run_assessment(session, dt.date(2024, 12, 31), actor="test")
    page = client.get("/targets", params={"status": "behind", "as_of": "2024-12-31"}).json()
    trade = [t for t in page["items"] if t["metric"] == "外贸进出口总值"]
    assert len(trade) == 1
    (item,) = trade
    assert (item["value"], item["unit"], item["year"]) == (1, "万亿元", 2024)
    assert item["warning"] == "yellow"
    detail = client.get(f"/targets/{item['id']}").json()
    assert detail["assessment"]["latest_value"] == 0.71542  # 715.42 billion yuan, 2024
    values = {o["period"]: o["value"] for o in detail["observations"]}
    assert values["2024"] == 0.71542
    (source,) = [o["source_url"] for o in detail["observations"] if o["period"] == "2024"]
    assert source.startswith("http")


def test_a_date_not_yet_assessed_is_assessed_on_request(client, ingested):
    with ingested.session() as session:
        load_sample_statistics(session, actor="test")
    page = client.get("/targets", params={"status": "behind", "as_of": "2024-12-31"}).json()
    assert [t["metric"] for t in page["items"]] == ["外贸进出口总值", "实际使用外资"]
    overdue = client.get("/targets", params={"status": "overdue", "as_of": "2026-01-31"}).json()
    assert "外贸进出口总值" in [t["metric"] for t in overdue["items"]]


def test_post_an_assessment_run(client, ingested):
    response = client.post("/assessments/runs", json={"as_of": "2023-12-31"})
    assert response.status_code == 201
    assert response.json()["targets"] == 91
    stored = client.get("/assessments", params={"as_of": "2023-12-31"}).json()
    assert stored["total"] == 91
