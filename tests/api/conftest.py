"""Fixtures of the API tests: a TestClient over the sample ledger, and helpers to find rows
by what they say (ids differ between SQLite and PostgreSQL runs)."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest

from policyledger.api import create_app
from tests.conftest import bearer

with warnings.catch_warnings():
    # Starlette's TestClient warns that it is built on httpx; harmless here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def admin_token(ingested, make_user) -> str:
    return make_user("admin")[1]


@pytest.fixture
def client(ingested, admin_token):
    """A client of the API over a ledger holding the sample gazette, as an administrator."""
    with TestClient(create_app(ingested), headers=bearer(admin_token)) as test_client:
        yield test_client


@pytest.fixture
def anonymous_client(ingested):
    """A client of the API with no token."""
    with TestClient(create_app(ingested)) as test_client:
        yield test_client


@pytest.fixture
def empty_client(db, make_user):
    token = make_user("admin")[1]
    with TestClient(create_app(db), headers=bearer(token)) as test_client:
        yield test_client


def target_by_metric(client, metric: str) -> dict:
    """The one current target whose metric is exactly ``metric``."""
    items = client.get("/targets", params={"q": metric, "limit": 500}).json()["items"]
    found = [t for t in items if t["metric"] == metric]
    assert len(found) == 1, (metric, [t["metric"] for t in items])
    return found[0]


def add_assessments(database, rows: list[tuple[int, dt.date, str, str]], **extra) -> None:
    """Store assessment rows ``(target_id, as_of, status, warning)`` as the engine would."""
    from policyledger.storage.models import AssessmentRow

    with database.session() as session:
        for target_id, as_of, status, warning in rows:
            session.add(
                AssessmentRow(
                    target_id=target_id,
                    as_of=as_of,
                    status=status,
                    warning=warning,
                    reasons=[f"测试：{status}"],
                    **extra,
                )
            )
