"""Who may call what: every role × every write endpoint (and the guarded reads) of the API, with
the expected answer written out as a table. A reporter reports only for targets its own body
owns; anonymous callers get 401, signed-in callers without the permission 403."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from policyledger.api import create_app
from policyledger.storage.models import Body, Observation, Target
from policyledger.storage.observations import NewObservation, add_observation
from policyledger.storage.queries import is_owner, owners_of
from tests.api.conftest import TestClient
from tests.conftest import bearer

METRIC = "新能源汽车产量"
ROLES = ("anonymous", "viewer", "reporter_own", "reporter_other", "supervisor", "admin")

# endpoint            anonymous viewer rep_own rep_other supervisor admin
MATRIX = {
    "report": (401, 403, 201, 403, 201, 201),
    "correct": (401, 403, 201, 403, 201, 201),
    "assess": (401, 403, 403, 403, 201, 201),
    "approve": (401, 403, 403, 403, 200, 200),
    "return": (401, 403, 403, 403, 200, 200),
    "publish": (401, 403, 403, 403, 403, 200),
    "read targets": (401, 200, 200, 200, 200, 200),
    "read audit": (401, 403, 403, 403, 200, 200),
    "read reviews": (401, 403, 403, 403, 200, 200),
    "public documents": (200, 200, 200, 200, 200, 200),
}


@dataclass
class Ledger:
    target_id: int
    current_id: int  # an approved, current value of the target
    pending_id: int  # a submitted value waiting for review
    document_id: int
    tokens: dict[str, str | None]


@pytest.fixture
def ledger(ingested, make_user) -> Ledger:
    with ingested.session() as session:
        target = session.scalar(select(Target).where(Target.metric == METRIC))
        owner = owners_of(session, target)[0][0]
        stranger = next(  # a body that owns neither the target nor a share of it
            b
            for b in session.scalars(select(Body).order_by(Body.id))
            if not is_owner(session, b, target)
        )
        lineage = target.lineage or target.id
        current = add_observation(session, NewObservation(lineage, "2023", 60.0, target.unit), "t")
        pending = add_observation(
            session,
            NewObservation(lineage, "2022", 50.0, target.unit, reporter_id=owner.id),
            "t",
            status="submitted",
        )
        ids = target.id, current.id, pending.id, target.plan.document_id
        owner_id, stranger_id = owner.id, stranger.id
    tokens: dict[str, str | None] = {"anonymous": None}
    tokens["viewer"] = make_user("viewer")[1]
    tokens["reporter_own"] = make_user("reporter", owner_id)[1]
    tokens["reporter_other"] = make_user("reporter", stranger_id)[1]
    tokens["supervisor"] = make_user("supervisor")[1]
    tokens["admin"] = make_user("admin")[1]
    return Ledger(*ids, tokens=tokens)


def _call(client: TestClient, action: str, ledger: Ledger):
    target, current, pending = ledger.target_id, ledger.current_id, ledger.pending_id
    calls = {
        "report": ("post", f"/targets/{target}/observations", {"period": "2024", "value": 90}),
        "correct": ("post", f"/observations/{current}/corrections", {"value": 61, "note": "更正"}),
        "assess": ("post", "/assessments/runs", {"as_of": "2024-12-31"}),
        "approve": ("post", f"/observations/{pending}/approve", {}),
        "return": ("post", f"/observations/{pending}/return", {"reason": "口径不一致"}),
        "publish": ("put", f"/documents/{ledger.document_id}/published", {"published": True}),
        "read targets": ("get", "/targets", None),
        "read audit": ("get", "/audit", None),
        "read reviews": ("get", "/reviews", None),
        "public documents": ("get", "/public/documents", None),
    }
    method, url, body = calls[action]
    return client.request(method, url, json=body)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(ledger: Ledger, ingested, action: str, role: str):
    expected = MATRIX[action][ROLES.index(role)]
    token = ledger.tokens[role]
    headers = bearer(token) if token else {}
    with ingested.session() as session:
        before = session.scalar(select(Observation.id).order_by(Observation.id.desc()).limit(1))
    with TestClient(create_app(ingested), headers=headers) as client:
        answer = _call(client, action, ledger)
    assert answer.status_code == expected, (action, role, answer.text)
    if expected in (401, 403):
        assert "detail" in answer.json()
        with ingested.session() as session:  # a refusal writes nothing
            after = session.scalar(select(Observation.id).order_by(Observation.id.desc()).limit(1))
            pending = session.get(Observation, ledger.pending_id)
            assert (after, pending.status) == (before, "submitted")


def test_a_reporter_value_waits_for_review_and_approval_makes_it_current(ledger, ingested):
    reporter = bearer(ledger.tokens["reporter_own"])
    supervisor = bearer(ledger.tokens["supervisor"])
    with TestClient(create_app(ingested)) as client:
        url = f"/targets/{ledger.target_id}/observations"
        sent = client.post(url, json={"period": "2024", "value": 88}, headers=reporter).json()
        assert (sent["status"], sent["is_current"]) == ("submitted", False)
        shown = client.get(url, headers=reporter).json()["items"]
        assert 88 not in [o["value"] for o in shown]  # not current until approved
        waiting = client.get("/reviews", headers=supervisor).json()["items"]
        assert sent["id"] in [o["id"] for o in waiting]
        approved = client.post(f"/observations/{sent['id']}/approve", json={}, headers=supervisor)
        assert approved.json()["status"] == "approved" and approved.json()["is_current"]
        assert approved.json()["reviewed_by"] == "supervisor-all"
        again = client.post(f"/observations/{sent['id']}/approve", json={}, headers=supervisor)
        assert again.status_code == 409
        # an approved value is locked: a reporter's correction is a new submission, not an edit
        fixed = client.post(
            f"/observations/{sent['id']}/corrections",
            json={"value": 89, "note": "修正"},
            headers=reporter,
        ).json()
        assert fixed["status"] == "submitted"
        values = [o["value"] for o in client.get(url, headers=reporter).json()["items"]]
        assert 88 in values and 89 not in values
        audit = client.get("/audit", params={"entity": "observation"}, headers=supervisor).json()
        actions = [(a["action"], a["actor"]) for a in audit["items"]][:3]
        assert actions == [
            ("submit", "reporter-" + ledger_owner(ingested, ledger)),
            ("approve", "supervisor-all"),
            ("submit", "reporter-" + ledger_owner(ingested, ledger)),
        ]
        assert all(a["token_id"] for a in audit["items"][:3])


def ledger_owner(database, ledger: Ledger) -> str:
    with database.session() as session:
        return owners_of(session, session.get(Target, ledger.target_id))[0][0].id


def test_a_return_needs_a_reason(ledger, ingested):
    with TestClient(create_app(ingested), headers=bearer(ledger.tokens["supervisor"])) as client:
        empty = client.post(f"/observations/{ledger.pending_id}/return", json={"reason": "  "})
        assert empty.status_code == 422
        done = client.post(f"/observations/{ledger.pending_id}/return", json={"reason": "缺来源"})
        assert (done.json()["status"], done.json()["review_note"]) == ("returned", "缺来源")


def test_a_revoked_or_unknown_token_is_401_not_anonymous(ingested, make_user):
    with TestClient(create_app(ingested)) as client:
        for header in ("Bearer plg_nope", "Bearer ", "Basic dXNlcjpwYXNz"):
            answer = client.get("/targets", headers={"Authorization": header})
            assert answer.status_code == 401, header
            assert answer.headers["www-authenticate"] == "Bearer"


def test_the_audit_log_cannot_be_altered_through_the_api(client):
    before = client.get("/audit").json()
    first = before["items"][-1]["id"]
    for method in ("put", "patch", "delete"):
        for url in ("/audit", f"/audit/{first}"):
            assert client.request(method, url, json={"actor": "x"}).status_code in (404, 405)
    assert client.post("/audit", json={"actor": "x"}).status_code == 405
    assert client.get("/audit").json() == before


def test_the_public_view_shows_only_published_documents(ledger, ingested):
    admin = bearer(ledger.tokens["admin"])
    with TestClient(create_app(ingested)) as client:
        assert client.get("/public/documents").json()["total"] == 0
        client.put(
            f"/documents/{ledger.document_id}/published", json={"published": True}, headers=admin
        )
        page = client.get("/public/documents").json()
        assert [d["id"] for d in page["items"]] == [ledger.document_id]
        targets = [t for p in page["items"][0]["plans"] for t in p["targets"]]
        shown = next(t for t in targets if t["id"] == ledger.target_id)
        assert (shown["latest_value"], shown["latest_period"]) == (60.0, "2023")  # not pending
        assert client.get("/targets").status_code == 401
