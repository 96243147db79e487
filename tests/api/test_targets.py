"""Targets: filters, the detail page, and the filters on the stored assessment."""

from __future__ import annotations

import datetime as dt

from tests.api.conftest import add_assessments, target_by_metric


def test_the_trade_target(client):
    page = client.get("/targets", params={"q": "外贸进出口总值"}).json()
    trade = [t for t in page["items"] if t["metric"] == "外贸进出口总值"]
    assert len(trade) == 1
    (target,) = trade
    assert (target["value"], target["unit"], target["year"]) == (1.0, "万亿元", 2024)
    assert target["relation"] == ">=" and target["scope"] == "全市"
    assert target["status"] is None and page["as_of"] is None


def test_target_filters(client):
    every = client.get("/targets", params={"limit": 500}).json()
    assert every["total"] == 91 == len(every["items"])
    for params, check in (
        ({"year": 2024}, lambda t: t["year"] == 2024),
        ({"unit": "万亿元"}, lambda t: t["unit"] == "万亿元"),
        ({"q": "能耗"}, lambda t: "能耗" in t["metric"]),
    ):
        page = client.get("/targets", params={**params, "limit": 500}).json()
        expected = [t["id"] for t in every["items"] if check(t)]
        assert expected and [t["id"] for t in page["items"]] == expected, params
        assert page["total"] == len(expected)
    plan_id = target_by_metric(client, "外贸进出口总值")["plan_id"]
    assert client.get("/targets", params={"plan_id": plan_id}).json()["total"] == 33
    owned = client.get("/targets", params={"body": "市商务委", "limit": 500}).json()
    assert 0 < owned["total"] < 91
    district = client.get("/targets", params={"body": "cq.d.yuzhong", "limit": 500}).json()
    assert district["total"] > 0


def test_target_detail(client):
    target = target_by_metric(client, "新能源汽车产量")
    detail = client.get(f"/targets/{target['id']}").json()
    assert detail["source"]["text"] == detail["text"]
    span = detail["source"]["span"]
    assert span["end"] - span["start"] == len(detail["text"])
    clause, mark = detail["source"]["clause_text"], detail["source"]["highlight"]
    if detail["task"] is not None:
        assert clause[mark["start"] : mark["end"]] == detail["text"]
    assert detail["owners"], "a target of a task with units has owners"
    assert all({"body_id", "name", "name_en", "role"} <= set(o) for o in detail["owners"])
    assert detail["document"]["doc_number"].startswith("渝府")
    assert detail["observations"] == [] and detail["assessment"] is None


def test_assessment_filters_read_the_stored_rows(client, ingested):
    every = client.get("/targets", params={"limit": 500}).json()["items"]
    behind, green = [t["id"] for t in every[:2]], [t["id"] for t in every[2:5]]
    old, new = dt.date(2024, 3, 31), dt.date(2024, 6, 30)
    add_assessments(
        ingested,
        [(i, new, "behind", "yellow") for i in behind]
        + [(i, new, "on_track", "green") for i in green]
        + [(i, old, "behind", "yellow") for i in green],
    )
    latest = client.get("/targets", params={"status": "behind"}).json()
    assert latest["as_of"] == "2024-06-30"
    assert sorted(t["id"] for t in latest["items"]) == sorted(behind)
    assert all((t["status"], t["warning"]) == ("behind", "yellow") for t in latest["items"])
    dated = client.get("/targets", params={"status": "behind", "as_of": "2024-06-30"}).json()
    assert sorted(t["id"] for t in dated["items"]) == sorted(behind) and dated["total"] == 2
    earlier = client.get("/targets", params={"status": "behind", "as_of": "2024-03-31"}).json()
    assert sorted(t["id"] for t in earlier["items"]) == sorted(green)
    yellow = client.get("/targets", params={"warning": "green"}).json()
    assert sorted(t["id"] for t in yellow["items"]) == sorted(green)
    nothing = client.get("/targets", params={"status": "behind", "as_of": "2023-01-01"}).json()
    assert nothing["total"] == 0
    unfiltered = client.get("/targets", params={"limit": 500}).json()
    statuses = {t["id"]: t["status"] for t in unfiltered["items"]}
    assert statuses[behind[0]] == "behind" and statuses[every[-1]["id"]] is None
    detail = client.get(f"/targets/{green[0]}").json()
    assert detail["assessment"]["as_of"] == "2024-06-30"
    assert detail["assessment"]["status"] == "on_track"
    assert detail["assessment"]["reasons"] == ["测试：on_track"]


def test_bad_target_parameters_are_422(client):
    for params in (
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"status": "late"},
        {"warning": "purple"},
        {"as_of": "2024-13-01"},
        {"year": "next"},
        {"body": "不存在的单位"},
    ):
        response = client.get("/targets", params=params)
        assert response.status_code == 422, params
        detail = response.json()["detail"]
        assert isinstance(detail, str) and next(iter(params)) in detail, (params, detail)
