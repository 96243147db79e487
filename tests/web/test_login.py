"""Signing in and out: a new session on sign-in and back to the page asked for (a local path
only); a wrong password, an unknown user and too many failures each a one-line message; signing
out ends the session; a disabled user's session stops working at once; the session cookie's
flags; CSRF tokens on every form and refused when missing or wrong, with nothing stored."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from policyledger.auth import disable_user
from policyledger.auth.users import MAX_FAILURES_PER_USER
from policyledger.storage.models import Document, LoginAttempt, Observation, User
from policyledger.web.site import SESSION_COOKIE
from tests.web.auth_helpers import csrf_of, login
from tests.web.bodies_helpers import assert_accessible, ev_target, observations


def test_signing_in_starts_a_new_session_and_goes_where_asked(anonymous_client, make_user):
    make_user("viewer", username="wang")
    client = anonymous_client
    before = csrf_of(client)
    cookie_before = client.cookies.get(SESSION_COOKIE)
    page = client.get("/login?next=/plans").text
    assert_accessible(page)
    response = login(client, "wang", next_url="/plans")
    assert response.status_code == 303 and response.headers["location"] == "/plans"
    assert client.cookies.get(SESSION_COOKIE) != cookie_before
    assert csrf_of(client) != before  # a new session: a new CSRF token
    plans = client.get("/plans")
    assert plans.status_code == 200
    who = re.search(r'data-testid="who">(.*?)<span class="role">(.*?)</span>', plans.text)
    assert who and who.group(1).strip() == "wang" and who.group(2) == "查阅人"
    assert 'data-testid="sign-out"' in plans.text and 'action="/logout"' in plans.text
    with_next = client.get("/login").text  # signed in: the form says as whom
    assert 'data-testid="signed-in-as"' in with_next


@pytest.mark.parametrize(
    "wanted",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "http:/x", "plans", "/\x00x"],
)
def test_only_a_local_next_is_followed(anonymous_client, make_user, wanted):
    make_user("viewer", username="li")
    response = login(anonymous_client, "li", next_url=wanted)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_wrong_password_and_unknown_user_are_one_line(anonymous_client, make_user, ingested):
    make_user("viewer", username="zhao")
    for username, password in (("zhao", "not the password"), ("nobody", "whatever it is")):
        response = login(anonymous_client, username, password)
        assert response.status_code == 401
        message = re.findall(
            r'data-testid="login-error"><p id="login-error">(.*?)</p>', response.text
        )
        assert message == ["用户名或密码错误。"]  # the same for both: no telling which is wrong
        assert f'value="{username}"' in response.text and password not in response.text
    assert anonymous_client.get("/", follow_redirects=False).status_code == 303
    empty = login(anonymous_client, "", "")
    assert empty.status_code == 422
    with ingested.session() as session:
        assert session.scalar(select(func.count()).select_from(LoginAttempt)) == 2


def test_too_many_failures_are_refused_even_with_the_right_password(anonymous_client, make_user):
    make_user("supervisor", username="qian")
    token = csrf_of(anonymous_client)
    for _ in range(MAX_FAILURES_PER_USER):
        assert login(anonymous_client, "qian", "wrong password", token=token).status_code == 401
    response = login(anonymous_client, "qian", token=token)
    assert response.status_code == 429
    assert "登录失败次数过多" in response.text
    english = anonymous_client.post(
        "/login?lang=en",
        data={"username": "qian", "password": "x" * 12, "csrf_token": token},
    )
    assert english.status_code == 429 and "Too many failed sign-in attempts" in english.text
    assert anonymous_client.get("/", follow_redirects=False).status_code == 303


def test_signing_out_ends_the_session(client_as):
    client = client_as("viewer")
    cookie = client.cookies.get(SESSION_COOKIE)
    assert client.get("/plans").status_code == 200
    response = client.post("/logout", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/plans", follow_redirects=False).status_code == 303
    client.cookies.set(SESSION_COOKIE, cookie)  # a copy of the old cookie, replayed
    assert client.get("/plans", follow_redirects=False).status_code == 303


def test_a_disabled_users_session_stops_working(client_as, ingested):
    client = client_as("supervisor")
    assert client.get("/review").status_code == 200
    with ingested.session() as session:
        disable_user(session, "supervisor-all", actor="test")
    response = client.get("/review", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    with ingested.session() as session:
        user = session.scalar(select(User).where(User.username == "supervisor-all"))
        assert user.disabled and user.session_version == 2
    assert login(client, "supervisor-all").status_code == 401  # and cannot sign in again


def test_the_session_cookie_is_httponly_lax_and_signed(anonymous_client, make_user):
    make_user("viewer", username="sun")
    response = login(anonymous_client, "sun")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    flags = cookie.lower()
    assert "httponly" in flags and "samesite=lax" in flags and "max-age=28800" in flags
    assert "secure" not in flags  # POLICYLEDGER_SECURE_COOKIES=1 adds it (served over HTTPS)
    value = anonymous_client.cookies.get(SESSION_COOKIE)
    assert anonymous_client.get("/", follow_redirects=False).status_code == 200
    anonymous_client.cookies.set(
        SESSION_COOKIE, value[:-4] + ("AAAA" if value[-4:] != "AAAA" else "BBBB")
    )
    assert anonymous_client.get("/", follow_redirects=False).status_code == 303  # tampered


def test_secure_cookies_when_asked(ingested, make_user, monkeypatch):
    from fastapi.testclient import TestClient

    from policyledger.web import create_site

    monkeypatch.setenv("POLICYLEDGER_SECURE_COOKIES", "1")
    make_user("viewer", username="zhou")
    with TestClient(create_site(ingested), base_url="https://testserver") as client:
        response = login(client, "zhou")
        assert response.status_code == 303 and "secure" in response.headers["set-cookie"].lower()


# --- CSRF -----------------------------------------------------------------------------------------


def _posts(ev_lineage: int, observation_id: int) -> list[tuple[str, dict]]:
    return [
        (
            "/report",
            {"data": {"body": "cq.sww", "target": str(ev_lineage), "period": "2024", "value": "1"}},
        ),
        (
            "/report/upload",
            {
                "data": {"body": "cq.sww"},
                "files": {"file": ("a.csv", b"target_id,period,value\r\n", "text/csv")},
            },
        ),
        ("/upload", {"files": {"file": ("a.txt", "文本".encode(), "text/plain")}}),
        ("/upload/save", {"data": {"token": "made-up"}}),
        (f"/review/{observation_id}/approve", {}),
        (f"/review/{observation_id}/return", {"data": {"reason": "不对"}}),
        ("/logout", {}),
        ("/login", {"data": {"username": "admin-all", "password": "correct horse battery"}}),
    ]


@pytest.mark.parametrize("token", ["missing", "wrong", "other session"])
def test_a_post_without_the_right_csrf_token_is_refused_and_stores_nothing(
    client_as, ingested, token
):
    from policyledger.storage.observations import NewObservation, add_observation

    ev = ev_target(ingested)
    with ingested.session() as session:
        new = NewObservation(ev.lineage, "2023", 80.0, ev.unit, reporter_id="cq.sww")
        pending = add_observation(session, new, "seed", status="submitted").id
    client = client_as("admin")
    other = client_as("viewer")
    del client.headers["X-CSRF-Token"]
    sent = {"missing": None, "wrong": "x" * 43, "other session": csrf_of(other)}[token]
    for path, payload in _posts(ev.lineage, pending):
        if sent is not None:
            payload.setdefault("data", {})["csrf_token"] = sent
        response = client.post(path, follow_redirects=False, **payload)
        assert response.status_code == 403, path
        assert "表单已过期或并非从本站提交" in response.text, path
    assert observations(ingested) == 1
    with ingested.session() as session:
        assert session.get(Observation, pending).status == "submitted"
        assert session.scalar(select(func.count()).select_from(Document)) == 3
    assert client.get("/review").status_code == 200  # still signed in: /logout was refused too


def test_the_csrf_token_is_accepted_as_a_field_or_a_header(client_as, ingested):
    ev = ev_target(ingested)
    client = client_as("admin")
    token = client.headers.pop("X-CSRF-Token")
    form = client.get("/report", params={"body": "cq.sww", "target": ev.lineage}).text
    assert f'name="csrf_token" value="{token}"' in form
    data = {"body": "cq.sww", "target": str(ev.lineage), "period": "2023", "value": "80"}
    as_field = client.post("/report", data={**data, "csrf_token": token}, follow_redirects=False)
    assert as_field.status_code == 303
    as_header = client.post(
        "/report",
        data={**data, "value": "81"},
        headers={"X-CSRF-Token": token},
        follow_redirects=False,
    )
    assert as_header.status_code == 303
    assert observations(ingested) == 2
    assert f'hx-headers=\'{{"X-CSRF-Token": "{token}"}}\'' in form  # htmx posts send it too


def test_every_form_that_posts_carries_the_token(client_as, ingested):
    from tests.web.test_access import DISTRICT_A

    pages = {
        "admin": ["/report?body=cq.sww", "/upload", "/review", "/login", "/plans"],
        "reporter": ["/report"],
    }
    for role, urls in pages.items():
        client = client_as(role, DISTRICT_A if role == "reporter" else None)
        for url in urls:
            page = client.get(url).text
            forms = re.findall(r'<form [^>]*method="post"[^>]*>(.*?)</form>', page, re.S)
            assert forms, url
            for form in forms:
                assert 'name="csrf_token"' in form, (url, form[:200])


def test_pages_cannot_be_framed_or_cached(site_client):
    page = site_client.get("/review")
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["content-security-policy"] == "frame-ancestors 'none'"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["cache-control"] == "no-store"
    static = site_client.get("/static/css/site.css")
    assert "no-store" not in static.headers.get("cache-control", "")
