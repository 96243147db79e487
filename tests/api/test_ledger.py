"""Health, gazettes, documents (and their versions), plans with their clause tree, tasks."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import TestClient, target_by_metric
from tests.conftest import SAMPLE


def test_health_names_the_backend(client, ingested):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["database"] == ingested.engine.dialect.name


def test_gazettes(client):
    page = client.get("/gazettes").json()
    assert page["total"] == 1
    (gazette,) = page["items"]
    assert (gazette["title"], gazette["year"], gazette["issue"]) == ("重庆市人民政府公报", 2022, 18)
    assert gazette["cumulative_issue"] == 924
    assert gazette["document_count"] == 3


def test_documents_list_and_search(client):
    page = client.get("/documents").json()
    assert page["total"] == 3 and page["limit"] == 50 and page["offset"] == 0
    numbers = {d["doc_number"] for d in page["items"]}
    assert numbers == {"渝府发〔2022〕39号", "渝府办发〔2022〕105号", "渝府办发〔2022〕107号"}
    by_title = client.get("/documents", params={"q": "外贸"}).json()
    assert [d["doc_number"] for d in by_title["items"]] == ["渝府办发〔2022〕107号"]
    by_number = client.get("/documents", params={"q": "〔2022〕39号"}).json()
    assert by_number["total"] == 1 and "节能减排" in by_number["items"][0]["title"]
    assert client.get("/documents", params={"q": "100%_"}).json()["total"] == 0


def test_document_detail_has_plans_and_versions(client):
    (doc,) = client.get("/documents", params={"q": "107号"}).json()["items"]
    detail = client.get(f"/documents/{doc['id']}").json()
    assert [p["name"] for p in detail["plans"]] == [
        "重庆市推动外贸高质量发展三年行动计划（2022—2024年）",
        "重庆市建设高质量外资集聚地三年行动计划（2022—2024年）",
    ]
    assert detail["plans"][0]["target_count"] == 33
    assert [(v["version"], v["is_current"]) for v in detail["versions"]] == [(1, True)]
    assert detail["span"]["start"] < detail["span"]["end"]


def test_a_revised_document_keeps_its_history(client, ingested):
    from policyledger.ingest import extract_text
    from policyledger.storage.ingest import ingest_extraction

    target = target_by_metric(client, "外贸进出口总值")
    reported = client.post(
        f"/targets/{target['id']}/observations", json={"period": "2022", "value": 0.81}
    )
    assert reported.status_code == 201
    revised = Path(SAMPLE).read_text(encoding="utf-8").replace("突破1万亿元", "突破1.2万亿元")
    with ingested.session() as session:
        ingest_extraction(session, extract_text(revised, "revised.txt"), actor="test")
    assert client.get("/documents").json()["total"] == 3
    every = client.get("/documents", params={"all_versions": True}).json()
    assert every["total"] == 4
    new = next(d for d in every["items"] if d["doc_number"].endswith("107号") and d["is_current"])
    versions = client.get(f"/documents/{new['id']}").json()["versions"]
    assert [(v["version"], v["is_current"]) for v in versions] == [(1, False), (2, True)]
    current = target_by_metric(client, "外贸进出口总值")
    assert current["id"] != target["id"] and current["lineage"] == target["lineage"]
    assert current["value"] == 1.2
    values = client.get(f"/targets/{current['id']}/observations").json()["items"]
    assert [v["value"] for v in values] == [0.81]


def test_plans_and_clause_tree(client):
    page = client.get("/plans").json()
    assert page["total"] == 4
    trade = next(p for p in page["items"] if p["name"].startswith("重庆市推动外贸"))
    assert (trade["task_count"], trade["target_count"]) == (29, 33)
    assert client.get("/plans", params={"q": "外资"}).json()["total"] == 1
    plan = client.get(f"/plans/{trade['id']}").json()
    assert plan["document"]["doc_number"] == "渝府办发〔2022〕107号"
    roots = [node["path"] for node in plan["clauses"]]
    assert roots[:2] == ["二", "三"]
    goals = plan["clauses"][0]
    assert "外贸进出口总值" in [t["metric"] for t in goals["targets"]]

    def leaves(nodes):
        for node in nodes:
            if node["task"]:
                yield node
            yield from leaves(node["children"])

    tasks = list(leaves(plan["clauses"]))
    assert len(tasks) == 29
    assert all(n["path"] == n["task"]["path"] for n in tasks)
    first = plan["clauses"][1]["children"][0]["children"][0]
    assert first["path"] == "三/一/1" and first["task"]["heading"] == "夯实贸易发展产业基础"
    assert {a["body_id"] for a in first["task"]["assignments"]} >= {"cq.sww"}
    assert all(
        {"body_id", "name", "name_en", "role"} <= set(a) for a in first["task"]["assignments"]
    )
    assert [t["metric"] for t in first["task"]["targets"]] == ["外向型产业聚集区"]
    placed = sum(len(n["task"]["targets"]) for n in tasks) + len(goals["targets"])
    assert placed + len(plan["other_targets"]) == 33


def test_tasks_filters(client):
    every = client.get("/tasks", params={"limit": 500}).json()
    assert every["total"] == 121 == len(every["items"])
    commerce = client.get("/tasks", params={"body": "市商务委", "limit": 500}).json()
    assert commerce["total"] > 0
    assert all("cq.sww" in {a["body_id"] for a in t["assignments"]} for t in commerce["items"])
    assert client.get("/tasks", params={"body": "cq.sww"}).json()["total"] == commerce["total"]
    ecology = client.get("/tasks", params={"body": "市生态环境局"}).json()
    leads = client.get("/tasks", params={"body": "市生态环境局", "role": "lead"}).json()
    assert 0 < leads["total"] < ecology["total"]
    for task in leads["items"]:
        roles = {a["role"] for a in task["assignments"] if a["body_id"] == "cq.sthjj"}
        assert roles == {"lead"}
    assert client.get("/tasks", params={"body": "cq.sww", "role": "lead"}).json()["total"] == 0
    carried = sum(t["districts_responsible"] for t in every["items"])
    district = client.get("/tasks", params={"body": "渝中区"}).json()
    assert district["total"] >= carried > 0
    only_district = client.get("/tasks", params={"body": "渝中区", "role": "district"}).json()
    assert only_district["total"] == carried
    words = client.get("/tasks", params={"q": "外贸"}).json()
    assert words["total"] > 0 and all("外贸" in t["heading"] for t in words["items"])
    plan_id = every["items"][0]["plan_id"]
    in_plan = client.get("/tasks", params={"plan_id": plan_id}).json()
    assert in_plan["total"] == 46


def test_paging_envelope(client):
    every = client.get("/tasks", params={"limit": 500}).json()["items"]
    page = client.get("/tasks", params={"limit": 10, "offset": 5}).json()
    assert (page["total"], page["limit"], page["offset"]) == (121, 10, 5)
    assert [t["id"] for t in page["items"]] == [t["id"] for t in every[5:15]]
    past = client.get("/tasks", params={"offset": 1000}).json()
    assert past["total"] == 121 and past["items"] == []


def test_task_detail_has_clause_text_and_highlights(client):
    (task,) = client.get("/tasks", params={"q": "着力提升重点行业能效水平"}).json()["items"]
    detail = client.get(f"/tasks/{task['id']}").json()
    text = detail["text"]
    assert text.startswith("1.着力提升重点行业能效水平")
    assert len(text) == detail["span"]["end"] - detail["span"]["start"]
    assert detail["document"]["doc_number"] == "渝府发〔2022〕39号"
    marked = {h["metric"]: text[h["start"] : h["end"]] for h in detail["highlights"]}
    assert marked == {
        "规上工业单位增加值能耗": "规上工业单位增加值能耗下降14.5%",
        "标杆水平产能比例": "标杆水平产能比例超过30%",
    }


def test_unknown_ids_are_404(client):
    for path in (
        "/documents/999999",
        "/plans/999999",
        "/tasks/999999",
        "/targets/999999",
        "/targets/999999/observations",
        "/bodies/no-such-body",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert isinstance(response.json()["detail"], str) and response.json()["detail"]


def test_an_empty_ledger_answers_empty_pages(empty_client: TestClient):
    for path in (
        "/gazettes",
        "/documents",
        "/plans",
        "/tasks",
        "/targets",
        "/bodies",
        "/assessments",
        "/rankings",
    ):
        page = empty_client.get(path).json()
        assert (page["items"], page["total"]) == ([], 0), path
    audit = empty_client.get("/audit").json()  # only the making of the client's own token
    assert [(r["action"], r["entity"]) for r in audit["items"]] == [("create", "api_token")]
