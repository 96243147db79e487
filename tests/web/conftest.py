"""Fixtures of the web page tests: TestClients over the whole site (pages and API) on the sample
ledger — ``site_client`` signed in as an administrator (its CSRF token sent as a header with
every request, so that tests of other things can post forms plainly), ``anonymous_client``
signed in as nobody, and ``client_as(role, body_id)`` for any other user."""

from __future__ import annotations

import warnings

import pytest

from policyledger.web import create_site
from tests.web.auth_helpers import SECRET, sign_in

with warnings.catch_warnings():
    # Starlette's TestClient warns that it is built on httpx; harmless here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def client_as(ingested, make_user):
    """``client_as(role, body_id=None, username=None)``: a client signed in as a new user of that
    role (``None``: anonymous), sending its CSRF token as a header."""
    clients = []

    def make(role: str | None, body_id: str | None = None, username: str | None = None):
        client = TestClient(create_site(ingested, secret_key=SECRET))
        client.__enter__()
        clients.append(client)
        if role is not None:
            make_user(role, body_id, username)
            sign_in(client, username or f"{role}-{body_id or 'all'}")
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def site_client(client_as):
    """A client of the site over a ledger holding the sample gazette, signed in as an
    administrator."""
    return client_as("admin")


@pytest.fixture
def anonymous_client(client_as):
    """A client of the site over the sample ledger, not signed in."""
    return client_as(None)
