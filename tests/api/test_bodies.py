"""Responsible bodies and districts."""

from __future__ import annotations


def test_body_kinds(client):
    districts = client.get("/bodies", params={"kind": "district"}).json()
    assert districts["total"] == 38 and len(districts["items"]) == 38
    assert all(b["kind"] == "district" for b in districts["items"])
    zones = client.get("/bodies", params={"kind": "development_zone"}).json()["total"]
    departments = client.get("/bodies", params={"kind": "department"}).json()
    assert departments["total"] > 0
    assert {b["kind"] for b in departments["items"]} == {"municipal_department"}
    agencies = client.get("/bodies", params={"kind": "central_agency", "limit": 500}).json()
    assert {b["kind"] for b in agencies["items"]} == {"central_agency_in_cq"}
    assert client.get("/districts").json()["total"] == 38 + zones
    bad = client.get("/bodies", params={"kind": "ministry of truth"})
    assert bad.status_code == 422 and "kind" in bad.json()["detail"]


def test_body_search_and_registered(client):
    found = client.get("/bodies", params={"q": "商务"}).json()["items"]
    assert "cq.sww" in {b["id"] for b in found}
    english = client.get("/bodies", params={"q": "commission of commerce"}).json()["items"]
    assert "cq.sww" in {b["id"] for b in english}
    unknown = client.get("/bodies", params={"registered": False}).json()
    assert {b["name"] for b in unknown["items"]} == {"各综合保税区管委会", "市级有关部门"}
    assert all(not b["registered"] for b in unknown["items"])
    registered = client.get("/bodies", params={"registered": True}).json()["total"]
    assert registered + unknown["total"] == client.get("/bodies").json()["total"]
    assert client.get("/districts", params={"q": "渝中"}).json()["items"][0]["name"] == "渝中区"


def test_body_detail(client):
    commerce = client.get("/bodies/cq.sww").json()
    assert (commerce["name"], commerce["full_name"]) == ("市商务委", "重庆市商务委员会")
    assert commerce["name_en"] == "Chongqing Municipal Commission of Commerce"
    tasks = client.get("/tasks", params={"body": "cq.sww"}).json()["total"]
    targets = client.get("/targets", params={"body": "cq.sww", "limit": 500}).json()
    assert commerce["tasks_count"] == tasks > 0
    assert commerce["targets_owned_count"] == targets["total"]
    assert [t["id"] for t in commerce["targets_owned"]] == [t["id"] for t in targets["items"]]
    assert client.get("/bodies/市商务委").json()["id"] == "cq.sww"
    unregistered = client.get("/bodies/unregistered:市级有关部门").json()
    assert unregistered["registered"] is False
