"""The OpenAPI description, the Swagger page, error bodies and Chinese kept as written."""

from __future__ import annotations

import re

from policyledger.api.routers import (
    assessments,
    audit,
    bodies,
    documents,
    health,
    observations,
    plans,
    public,
    reviews,
    targets,
    tasks,
)

ROUTERS = (
    assessments,
    audit,
    bodies,
    documents,
    health,
    observations,
    plans,
    public,
    reviews,
    targets,
    tasks,
)

PATHS = {
    "/health",
    "/gazettes",
    "/documents",
    "/documents/{document_id}",
    "/plans",
    "/plans/{plan_id}",
    "/tasks",
    "/tasks/{task_id}",
    "/targets",
    "/targets/{target_id}",
    "/targets/{target_id}/observations",
    "/observations/{observation_id}/corrections",
    "/bodies",
    "/bodies/{body_id}",
    "/districts",
    "/assessments",
    "/assessments/runs",
    "/reviews",
    "/observations/{observation_id}/approve",
    "/observations/{observation_id}/return",
    "/documents/{document_id}/published",
    "/public/documents",
    "/rankings",
    "/audit",
}


def test_openapi_lists_every_path(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "policyledger"
    assert "政策台账" in schema["info"]["description"]
    routes = {
        re.sub(r":\w+}", "}", route.path) for module in ROUTERS for route in module.router.routes
    }
    assert set(schema["paths"]) == routes == PATHS
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "·" in operation["summary"], (method, path)  # Chinese · English
            ok = next(c for c in ("201", "200") if c in operation["responses"])
            assert "$ref" in str(operation["responses"][ok]), (method, path)
    invalid = schema["components"]["schemas"]["HTTPValidationError"]
    assert invalid["properties"]["detail"]["type"] == "string"
    listed = schema["paths"]["/targets"]["get"]["parameters"]
    limit = next(p for p in listed if p["name"] == "limit")["schema"]
    assert (limit["default"], limit["maximum"]) == (50, 500)


def test_swagger_ui(client):
    response = client.get("/docs")
    assert response.status_code == 200 and "swagger" in response.text.lower()


def test_chinese_is_sent_as_written(client):
    raw = client.get("/documents", params={"q": "外贸"}).content
    assert "外贸".encode() in raw and b"\\u" not in raw
    error = client.get("/targets/999999").content
    assert "未找到".encode() in error


def test_audit_newest_first(client):
    page = client.get("/audit").json()
    assert page["total"] == 4  # three documents ingested, then the client's token made
    assert [a["entity"] for a in page["items"]] == ["api_token"] + ["document"] * 3
    times = [a["at"] for a in page["items"]]
    assert times == sorted(times, reverse=True)
    assert client.get("/audit", params={"actor": "test"}).json()["total"] == 4
    assert client.get("/audit", params={"entity": "observation"}).json()["total"] == 0


def test_audit_total_follows_new_rows(client):
    assert client.get("/audit").json()["total"] == 4
    target = client.get("/targets", params={"q": "新能源汽车产量"}).json()["items"][0]
    url = f"/targets/{target['id']}/observations"
    assert client.post(url, json={"period": "2024", "value": 1}).status_code == 201
    page = client.get("/audit").json()
    assert page["total"] == 5
    assert page["items"][0]["entity"] == "observation"
    assert page["items"][0]["actor"] == "admin-all"
    assert page["items"][0]["token_id"] is not None


def test_an_unreachable_database_is_503(tmp_path):
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    from policyledger.api import create_app
    from policyledger.storage.db import Database
    from tests.api.conftest import TestClient

    engine = create_engine(f"sqlite:///{tmp_path / 'missing' / 'ledger.db'}")
    database = Database(engine, sessionmaker(engine))
    with TestClient(create_app(database)) as client:
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "unavailable"
        assert health.json()["database"] == "sqlite"
        listed = client.get("/targets", headers={"Authorization": "Bearer plg_unknown"})
        assert listed.status_code == 503
        assert "database unavailable" in listed.json()["detail"]
    engine.dispose()
