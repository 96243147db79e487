"""The stored assessment rows and the rankings computed from them."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.api.conftest import add_assessments

AS_OF = dt.date(2024, 6, 30)
COLOURS = [("on_track", "green"), ("behind", "yellow"), ("off_track", "red")]


@pytest.fixture
def assessed(client, ingested):
    """Every current target assessed at AS_OF: green, yellow, red in turn; 4 reports due each,
    one missing for every other target."""
    targets = client.get("/targets", params={"limit": 500}).json()["items"]
    from policyledger.storage.models import AssessmentRow

    with ingested.session() as session:
        for i, target in enumerate(targets):
            status, warning = COLOURS[i % 3]
            session.add(
                AssessmentRow(
                    target_id=target["id"],
                    as_of=AS_OF,
                    status=status,
                    warning=warning,
                    reports_due=4,
                    reports_missing=i % 2,
                    reports_late=0,
                    reasons=[],
                )
            )
    add_assessments(ingested, [(targets[0]["id"], dt.date(2024, 3, 31), "no_data", "grey")])
    return targets


def test_assessments_latest_by_default(client, assessed):
    page = client.get("/assessments").json()
    assert page["as_of"] == "2024-06-30" and page["total"] == len(assessed)
    first = page["items"][0]
    assert first["target"]["metric"] and first["target"]["unit"]
    red = client.get("/assessments", params={"warning": "red", "limit": 500}).json()
    assert red["total"] == len(assessed) // 3
    assert all(a["status"] == "off_track" for a in red["items"])
    earlier = client.get("/assessments", params={"as_of": "2024-03-31"}).json()
    assert [a["status"] for a in earlier["items"]] == ["no_data"]
    plan_id = assessed[0]["plan_id"]
    in_plan = client.get("/assessments", params={"plan_id": plan_id, "limit": 500}).json()
    assert in_plan["total"] == sum(t["plan_id"] == plan_id for t in assessed)
    owned = client.get("/assessments", params={"body": "市商务委", "limit": 500}).json()
    targets = client.get("/targets", params={"body": "市商务委", "limit": 500}).json()
    assert sorted(a["target_id"] for a in owned["items"]) == [t["id"] for t in targets["items"]]


def test_department_ranking_explains_its_scores(client, assessed):
    page = client.get("/rankings", params={"kind": "department", "limit": 500}).json()
    assert page["kind"] == "department" and page["as_of"] == "2024-06-30"
    entries = page["items"]
    assert entries and page["total"] == len(entries)
    scores = [e["score"] for e in entries]
    assert scores == sorted(scores, reverse=True)
    assert entries[0]["rank"] == 1
    for before, after in itertools.pairwise(entries):
        assert (
            after["rank"] == before["rank"]
            if after["score"] == before["score"]
            else after["rank"] > before["rank"]
        )
    for entry in entries:
        assert sum(p["contribution"] for p in entry["parts"]) == pytest.approx(
            entry["score"], abs=1e-3
        )
        assert {p["name"] for p in entry["parts"]} == {"green", "red", "on_time"}
        assert "绿灯占比" in entry["explanation"]

    commerce = next(e for e in entries if e["body_id"] == "cq.sww")
    owned = client.get("/targets", params={"body": "cq.sww", "limit": 500}).json()["items"]
    index = {t["id"]: i for i, t in enumerate(assessed)}
    greens = sum(t["warning"] == "green" for t in owned) / len(owned)
    reds = sum(t["warning"] == "red" for t in owned) / len(owned)
    on_time = sum(4 - index[t["id"]] % 2 for t in owned) / (4 * len(owned))
    assert commerce["targets"] == len(owned)
    assert commerce["score"] == pytest.approx(40 * greens - 30 * reds + 30 * on_time, abs=1e-3)
    assert commerce["name_en"] == "Chongqing Municipal Commission of Commerce"


def test_district_ranking_shares_rank_on_equal_scores(client, assessed):
    page = client.get("/rankings").json()
    assert page["kind"] == "district"
    districts = client.get("/districts").json()["total"]
    assert page["total"] == districts
    assert {e["rank"] for e in page["items"]} == {1}
    assert len({e["score"] for e in page["items"]}) == 1
    bad = client.get("/rankings", params={"kind": "county"})
    assert bad.status_code == 422 and "kind" in bad.json()["detail"]


@pytest.mark.parametrize("kind", ["district", "department"])
def test_rankings_agree_with_the_assessment_service(client, ingested, kind):
    """The API ranks from the stored rows exactly as the service ranks from its results."""
    from policyledger.services.assessment import rankings, run_assessment

    target = client.get("/targets", params={"q": "新能源汽车产量"}).json()["items"][0]
    for period, value in (("2022", 40), ("2023", 50)):
        created = client.post(
            f"/targets/{target['id']}/observations", json={"period": period, "value": value}
        )
        assert created.status_code == 201
    as_of = dt.date(2024, 6, 30)
    with ingested.session() as session:
        results = run_assessment(session, as_of, actor="test")
    with ingested.session() as session:
        expected = [
            (r.ranked.rank, r.body.id, round(r.ranked.score, 6), r.targets)
            for r in rankings(session, results, kind)
        ]
    page = client.get("/rankings", params={"kind": kind, "limit": 500}).json()
    assert page["as_of"] == as_of.isoformat()
    got = [(e["rank"], e["body_id"], round(e["score"], 6), e["targets"]) for e in page["items"]]
    assert got == expected
