"""Helpers of the web tests that sign in: read a page's CSRF token, sign in through the login
form (and send the session's token as a header from then on)."""

from __future__ import annotations

import re

from tests.conftest import TEST_PASSWORD

SECRET = "test-secret-key-not-for-production"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(client) -> str:
    """The CSRF token of the client's session (the login form always carries it)."""
    found = CSRF.search(client.get("/login").text)
    assert found, "no CSRF token on the login page"
    return found.group(1)


def login(client, username: str, password: str = TEST_PASSWORD, next_url: str = "", token=None):
    """Post the login form (without following the redirect)."""
    data = {
        "username": username,
        "password": password,
        "next": next_url,
        "csrf_token": token or csrf_of(client),
    }
    return client.post("/login", data=data, follow_redirects=False)


def sign_in(client, username: str, password: str = TEST_PASSWORD) -> str:
    """Sign in and send the new session's CSRF token as a header; return the token."""
    response = login(client, username, password)
    assert response.status_code == 303, response.text
    token = csrf_of(client)
    client.headers["X-CSRF-Token"] = token
    return token
