"""A scratch database on a PostgreSQL server: created with a unique name, dropped afterwards.
Used by the test suite and the benchmarks so that they never touch an existing database."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from policyledger.storage.db import resolve_url


def scratch_database(server: str, prefix: str = "policyledger_scratch") -> tuple[str, Callable]:
    """Create an empty database on the server at ``server`` (any URL of it); return its URL and
    a function that drops it."""
    server_url = resolve_url(server)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop
