"""Fixtures of the web page tests: a TestClient over the whole site (pages and API) on the
sample ledger."""

from __future__ import annotations

import warnings

import pytest

from policyledger.web import create_site

with warnings.catch_warnings():
    # Starlette's TestClient warns that it is built on httpx; harmless here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def site_client(ingested):
    """A client of the site over a ledger holding the sample gazette."""
    with TestClient(create_site(ingested)) as client:
        yield client
