"""Shared fixtures: the sample gazette, its gold answer and the corpus copies in tests/fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "cq-gazette-2022-18.txt"
GOLD = FIXTURES / "cq-gazette-2022-18.gold.json"
CORPUS = FIXTURES / "corpus"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_extraction(sample_text: str) -> dict:
    from policyledger.ingest import extract_text

    return extract_text(sample_text, SAMPLE.name).to_dict()


# --- the ledger database -------------------------------------------------------------------------
# Tests run on SQLite by default; set POLICYLEDGER_TEST_DATABASE_URL to a PostgreSQL server URL
# (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres) to run the same tests there: a
# fresh database is created for the session and dropped at the end.

TEST_DB_ENV = "POLICYLEDGER_TEST_DATABASE_URL"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The URL of an empty ledger database for this test session (SQLite or PostgreSQL)."""
    import os

    server = os.environ.get(TEST_DB_ENV)
    if server:
        from policyledger.storage.scratch import scratch_database

        url, drop = scratch_database(server, prefix="policyledger_test")
        yield url
        drop()
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'test.db'}"


@pytest.fixture(scope="session")
def _database(database_url):
    from policyledger.storage import open_database

    database = open_database(database_url)  # runs the Alembic migrations
    yield database
    database.dispose()


@pytest.fixture
def db(_database):
    """A ledger database emptied after each test."""
    yield _database
    from sqlalchemy import delete

    from policyledger.storage.guards import lift_audit_guard, set_audit_guard
    from policyledger.storage.models import Base

    with _database.engine.begin() as connection:
        lift_audit_guard(connection)  # the audit log is append-only: lift the guard to empty it
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))
        set_audit_guard(connection)


@pytest.fixture
def ingested(db, sample_text):
    """A ledger holding the sample gazette."""
    from policyledger.ingest import extract_text
    from policyledger.storage.ingest import ingest_extraction

    with db.session() as session:
        ingest_extraction(session, extract_text(sample_text, SAMPLE.name), actor="test")
    return db


# --- users ---------------------------------------------------------------------------------------
# Argon2 hashing is slow on purpose; tests make users through ``make_user``, which hashes once per
# test session and reuses the hash (every test user's password is TEST_PASSWORD).

TEST_PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def _password_hash() -> str:
    from policyledger.auth.users import hash_password

    return hash_password(TEST_PASSWORD)


@pytest.fixture
def make_user(db, _password_hash):
    """``make_user(role, body_id=None, username=None) -> (user_id, api_token)``: a user of that
    role (a reporter bound to ``body_id``) with an API token, committed."""
    from policyledger.auth.users import create_token
    from policyledger.storage.models import User

    def make(role: str, body_id: str | None = None, username: str | None = None):
        name = username or f"{role}-{body_id or 'all'}"
        with db.session() as session:
            user = User(username=name, role=role, body_id=body_id, password_hash=_password_hash)
            session.add(user)
            session.flush()
            _row, secret = create_token(session, name, "test", actor="test")
            user_id = user.id
        return user_id, secret

    return make


def bearer(token: str) -> dict[str, str]:
    """The Authorization header of an API token."""
    return {"Authorization": f"Bearer {token}"}
