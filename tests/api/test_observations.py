"""Reporting values and correcting them through the API; history stays visible."""

from __future__ import annotations

from tests.api.conftest import target_by_metric
from tests.conftest import bearer

METRIC = "新能源汽车产量"


def test_report_then_correct_keeps_both_versions(client, make_user):
    zhang = bearer(make_user("supervisor", username="张三")[1])
    li = bearer(make_user("supervisor", username="李四")[1])
    target = target_by_metric(client, METRIC)
    url = f"/targets/{target['id']}/observations"
    created = client.post(
        url,
        json={"period": "2024年", "value": 95.0, "unit": "万辆", "note": "快报"},
        headers=zhang,
    )
    assert created.status_code == 201, created.text
    first = created.json()
    assert (first["period"], first["value"], first["unit"]) == ("2024", 95.0, "万辆")
    assert (first["version"], first["is_current"], first["actor"]) == (1, True, "张三")
    assert [o["id"] for o in client.get(url).json()["items"]] == [first["id"]]

    corrected = client.post(
        f"/observations/{first['id']}/corrections",
        json={"value": 95.32, "note": "市统计局年报数"},
        headers=li,
    )
    assert corrected.status_code == 201, corrected.text
    second = corrected.json()
    assert (second["version"], second["supersedes_id"], second["value"]) == (2, first["id"], 95.32)

    current = client.get(url).json()
    assert [o["id"] for o in current["items"]] == [second["id"]] and current["total"] == 1
    history = client.get(url, params={"history": True}).json()
    assert [
        (o["id"], o["version"], o["is_current"], o["supersedes_id"]) for o in history["items"]
    ] == [
        (first["id"], 1, False, None),
        (second["id"], 2, True, first["id"]),
    ]
    detail = client.get(f"/targets/{target['id']}").json()
    assert [o["value"] for o in detail["observations"]] == [95.32]

    again = client.post(f"/observations/{first['id']}/corrections", json={"value": 96, "note": "x"})
    assert again.status_code == 409
    assert str(second["id"]) in again.json()["detail"]

    audit = client.get("/audit", params={"entity": "observation"}).json()
    assert [(a["action"], a["actor"]) for a in audit["items"]] == [
        ("correct", "李四"),
        ("report", "张三"),
    ]
    assert client.get("/audit", params={"actor": "李四"}).json()["total"] == 1


def test_reporter_must_own_the_target(client):
    target = target_by_metric(client, METRIC)
    url = f"/targets/{target['id']}/observations"
    owners = client.get(f"/targets/{target['id']}").json()["owners"]
    owner = owners[0]
    ok = client.post(url, json={"period": "2024-Q3", "value": 70, "reporter": owner["name"]})
    assert ok.status_code == 201, ok.text
    assert ok.json()["reporter_id"] == owner["body_id"] and ok.json()["actor"] == "admin-all"
    stranger = next(
        b
        for b in client.get("/bodies", params={"kind": "national_ministry"}).json()["items"]
        if b["id"] not in {o["body_id"] for o in owners}
    )
    refused = client.post(url, json={"period": "2024-Q3", "value": 70, "reporter": stranger["id"]})
    assert refused.status_code == 403
    assert stranger["name"] in refused.json()["detail"]
    unknown = client.post(url, json={"period": "2024-Q3", "value": 70, "reporter": "不存在的单位"})
    assert unknown.status_code == 422 and "reporter" in unknown.json()["detail"]


def test_bad_observations_are_refused(client):
    target = target_by_metric(client, METRIC)
    url = f"/targets/{target['id']}/observations"
    wrong_unit = client.post(url, json={"period": "2024", "value": 1, "unit": "辆"})
    assert wrong_unit.status_code == 422
    assert "万辆" in wrong_unit.json()["detail"]
    bad_period = client.post(url, json={"period": "明年", "value": 1})
    assert bad_period.status_code == 422
    assert "not a reporting period" in bad_period.json()["detail"]
    no_value = client.post(url, json={"period": "2024"})
    assert no_value.status_code == 422 and "value" in no_value.json()["detail"]
    not_a_number = client.post(url, json={"period": "2024", "value": "lots"})
    assert not_a_number.status_code == 422
    assert client.get(url, params={"history": True}).json()["total"] == 0
    assert (
        client.post("/targets/999999/observations", json={"period": "2024", "value": 1}).status_code
        == 404
    )
    missing = client.post("/observations/999999/corrections", json={"value": 1, "note": "x"})
    assert missing.status_code == 404
    assert client.get("/audit", params={"entity": "observation"}).json()["total"] == 0
