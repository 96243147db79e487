"""Who may open which page and make which change, in one table: every role (anonymous, viewer,
a reporter of a district, a reporter of another body, supervisor, administrator) × every page
and every POST route of the site → allowed (its status), sent to sign in, or refused (403). A
test also checks that the table names every route the site has, so that a new page cannot be
added without saying who may use it."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from policyledger.packdata import import_records
from policyledger.packs.mines import pack as mines
from policyledger.packs.mines.synthetic import synthetic_file
from policyledger.storage.models import AuditLog, Document, Observation, PackRecord, Plan
from policyledger.storage.observations import NewObservation, add_observation
from policyledger.storage.queries import find_body, targets_owned_by
from policyledger.web import create_site
from tests.reporting.helpers import write_csv
from tests.web.auth_helpers import csrf_of

DISTRICT_A = "cq.d.yuzhong"  # 渝中区: reporter A's district
BODY_B = "cq.sww"  # 市商务委: reporter B's body
LOGIN = "→login"  # 303 to /login?next=…
L = LOGIN

ROLES = ("anonymous", "viewer", "reporter_a", "reporter_b", "supervisor", "admin")
USERS = {
    "anonymous": None,
    "viewer": ("viewer", None),
    "reporter_a": ("reporter", DISTRICT_A),
    "reporter_b": ("reporter", BODY_B),
    "supervisor": ("supervisor", None),
    "admin": ("admin", None),
}

# fmt: off
MATRIX = [
    # method  path                                   anon  viewer rep_A rep_B super admin
    ("GET",  "/",                                     L,   200,   200,  200,  200,  200),
    ("GET",  "/plans",                                L,   200,   200,  200,  200,  200),
    ("GET",  "/plans/{plan_id}",                      L,   200,   200,  200,  200,  200),
    ("GET",  "/tasks/{task_id}/source",               L,   200,   200,  200,  200,  200),
    ("GET",  "/targets/{target_id}",                  L,   200,   200,  200,  200,  200),
    ("GET",  "/search?q=外贸",                        L,   200,   200,  200,  200,  200),
    ("GET",  "/bodies",                               L,   200,   200,  200,  200,  200),
    ("GET",  "/bodies/{body_id}",                     L,   200,   200,  200,  200,  200),
    ("GET",  "/rankings",                             L,   200,   200,  200,  200,  200),
    ("GET",  "/packs/energy",                         L,   200,   200,  200,  200,  200),
    ("GET",  "/packs/mines",                          L,   200,   200,  200,  200,  200),
    ("GET",  "/packs/mines/hazards",                  L,   200,   200,  200,  200,  200),
    ("GET",  "/packs/mines/{mine_id}",                L,   200,   200,  200,  200,  200),
    ("GET",  "/packs/trade",                          L,   200,   200,  200,  200,  200),
    ("GET",  "/packs/trade/applications",             L,   200,   200,  200,  200,  200),
    ("GET",  "/packs/trade/complaints",               L,   200,   200,  200,  200,  200),
    ("GET",  "/packs/{pack_name}/upload",             L,   403,   403,  403,  200,  200),
    ("GET",  "/packs/{pack_name}/template/{kind}",    L,   403,   403,  403,  200,  200),
    ("GET",  "/bulletin?period=2024-13",              L,   400,   400,  400,  400,  400),
    ("GET",  "/report",                               L,   403,   200,  200,  200,  200),
    ("GET",  "/report/template?body=" + DISTRICT_A,   L,   403,   200,  403,  200,  200),
    ("GET",  "/upload",                               L,   403,   403,  403,  200,  200),
    ("GET",  "/review",                               L,   403,   403,  403,  200,  200),
    ("GET",  "/audit",                                L,   403,   403,  403,  200,  200),
    ("GET",  "/audit.csv",                            L,   403,   403,  403,  200,  200),
    ("GET",  "/public",                               200, 200,   200,  200,  200,  200),
    ("GET",  "/public/plans/{plan_id}",               200, 200,   200,  200,  200,  200),
    ("GET",  "/public/investors",                     200, 200,   200,  200,  200,  200),
    ("GET",  "/login",                                200, 200,   200,  200,  200,  200),
    ("GET",  "/docs",                                 307, 307,   307,  307,  307,  307),
    ("GET",  "/static/css/site.css",                  200, 200,   200,  200,  200,  200),
    ("POST", "/report",                               L,   403,   303,  403,  303,  303),
    ("POST", "/report/upload",                        L,   403,   200,  403,  200,  200),
    ("POST", "/upload",                               L,   403,   403,  403,  200,  200),
    ("POST", "/packs/{pack_name}/upload",             L,   403,   403,  403,  200,  200),
    ("POST", "/upload/save",                          L,   403,   403,  403,  400,  400),
    ("POST", "/review/{observation_id}/approve",      L,   403,   403,  403,  303,  303),
    ("POST", "/review/{returned_id}/return",          L,   403,   403,  403,  303,  303),
    # no such application in this world: the decision is refused with one line (404)
    ("POST", "/packs/trade/applications/{application_id}/decision", L, 403, 403, 403, 404, 404),
    ("POST", "/login",                                401, 401,   401,  401,  401,  401),
    ("POST", "/logout",                               303, 303,   303,  303,  303,  303),
]
# fmt: on


def _payload(method: str, path: str, world: dict, tmp_path) -> dict:
    """What each POST sends: a valid request, so that only the permission decides."""
    if path == "/report":
        data = {"body": DISTRICT_A, "target": str(world["lineage"]), "period": "2024", "value": "3"}
        return {"data": data}
    if path == "/report/upload":
        rows = [{"target_id": world["lineage"], "period": "2023", "value": 2}]
        csv = write_csv(tmp_path / "a.csv", rows).read_bytes()
        return {"data": {"body": DISTRICT_A}, "files": {"file": ("a.csv", csv, "text/csv")}}
    if path == "/upload":
        return {"files": {"file": ("note.txt", "没有文件".encode(), "text/plain")}}
    if path == "/packs/{pack_name}/upload":
        csv = "district,year,quarter,gdp,total_energy\n渝中区,2023,1,360.5,58.1\n"
        return {
            "data": {"kind": world["kind"]},
            "files": {"file": ("energy.csv", csv.encode(), "text/csv")},
        }
    if path == "/upload/save":
        return {"data": {"token": "made-up"}}
    if path.endswith("/decision"):
        return {"data": {"action": "approve", "amount": "1"}}
    if path.endswith("/return"):
        return {"data": {"reason": "数据口径不对"}}
    if path == "/login":
        return {"data": {"username": "nobody", "password": "wrong password"}}
    return {}


@pytest.fixture
def world(ingested):
    """A target district A owns and body B does not, its plan published, and two values of it
    waiting for review."""
    with ingested.session() as session:
        district, other = find_body(session, DISTRICT_A), find_body(session, BODY_B)
        not_b = {t.id for t in targets_owned_by(session, other)}
        target = next(t for t in targets_owned_by(session, district) if t.id not in not_b)
        plan = session.get(Plan, target.plan_id)
        session.get(Document, plan.document_id).published = True
        ids = []
        for period in ("2022", "2023-Q1"):
            new = NewObservation(target.lineage, period, 1.0, target.unit, reporter_id=DISTRICT_A)
            ids.append(add_observation(session, new, "seed", status="submitted").id)
        import_records(session, mines, "mine", synthetic_file("mine"), "seed", synthetic=True)
        return {
            "lineage": target.lineage,
            "target_id": target.id,
            "plan_id": plan.id,
            "task_id": target.task_id,
            "body_id": DISTRICT_A,
            "observation_id": ids[0],
            "returned_id": ids[1],
            "pack_name": "energy",
            "kind": "district_energy",
            "mine_id": "SYNTHETIC-001",
            "application_id": "NO-SUCH-APPLICATION",
        }


def _counts(database) -> tuple[int, int, int]:
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(Observation)),
            session.scalar(select(func.count()).select_from(AuditLog)),
            session.scalar(  # the upload posts energy data; the world holds mines
                select(func.count()).select_from(PackRecord).where(PackRecord.pack == "energy")
            ),
        )


@pytest.mark.parametrize("role", ROLES)
def test_the_permission_matrix(role, client_as, world, ingested, tmp_path):
    user = USERS[role]
    client = client_as(*user) if user else client_as(None)
    client.headers["X-CSRF-Token"] = client.headers.get("X-CSRF-Token") or csrf_of(client)
    before = _counts(ingested)
    column = ROLES.index(role)
    wrong = []
    for method, path, *expected_by_role in MATRIX:
        expected = expected_by_role[column]
        url = path.format(**world)
        response = client.request(
            method, url, follow_redirects=False, **_payload(method, path, world, tmp_path)
        )
        location = response.headers.get("location", "")
        if expected == LOGIN:
            ok = response.status_code == 303 and location.startswith("/login?next=/")
        else:
            ok = response.status_code == expected and not location.startswith("/login?next=")
        if ok and response.status_code >= 400:  # a refusal or an error is one line, never a trace
            ok = "Traceback" not in response.text
        if not ok:
            wrong.append(
                f"{method} {url}: expected {expected}, got {response.status_code} {location}"
            )
    assert not wrong, "\n".join(wrong)
    if role in ("anonymous", "viewer", "reporter_a", "reporter_b"):  # no pack data loaded
        assert _counts(ingested)[2] == before[2] == 0
    if role in ("anonymous", "viewer", "reporter_b"):  # every write refused: nothing changed
        assert _counts(ingested)[0] == before[0]
    if role == "anonymous":
        assert _counts(ingested)[1] == before[1]


def test_the_matrix_names_every_route_of_the_site(ingested):
    site = create_site(ingested)
    routes = {
        (method, route.path)
        for route in site.routes
        if isinstance(route, APIRoute)
        for method in route.methods - {"HEAD"}
    }
    named = {
        (method, path.split("?")[0].replace("{returned_id}", "{observation_id}"))
        for method, path, *_ in MATRIX
    }
    assert routes - named == set(), "routes without a row in MATRIX"


def test_a_refusal_is_a_page_with_one_line(client_as):
    viewer = client_as("viewer")
    response = viewer.get("/upload")
    assert response.status_code == 403
    assert 'data-testid="error-message">viewer-all（查阅人）无权上传政策文件。<' in response.text
    english = viewer.get("/review?lang=en")
    assert "viewer-all (viewer) may not review reports." in english.text


def test_an_anonymous_visitor_is_sent_to_sign_in_and_comes_back(anonymous_client, make_user):
    response = anonymous_client.get("/plans?lang=en", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/plans%3Flang%3Den"
    page = anonymous_client.get(response.headers["location"]).text
    assert 'name="next" value="/plans?lang=en"' in page
    assert 'data-testid="sign-in"' not in page  # no sign-in link on the sign-in page itself
    public = anonymous_client.get("/public").text
    assert 'href="/login"' in public and 'data-testid="account"' not in public


def test_a_post_without_a_session_signs_in_first_then_goes_to_the_overview(anonymous_client):
    anonymous_client.headers["X-CSRF-Token"] = csrf_of(anonymous_client)
    response = anonymous_client.post("/upload/save", data={"token": "x"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/"


def test_pages_take_an_api_token_too_and_refuse_a_bad_one(anonymous_client, make_user):
    from tests.conftest import bearer

    _, token = make_user("supervisor")
    exported = anonymous_client.get("/audit.csv", headers=bearer(token))
    assert exported.status_code == 200 and exported.content.startswith(b"\xef\xbb\xbf")
    bad = anonymous_client.get("/plans", headers=bearer("plg_not-a-token"), follow_redirects=False)
    assert bad.status_code == 401 and bad.headers["www-authenticate"] == "Bearer"
    assert 'data-testid="error-message">invalid or revoked API token<' in bad.text
