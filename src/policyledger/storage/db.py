"""Open the ledger database: resolve where it is, create the engine, bring the schema up to
date with Alembic, and hand out sessions.

SQLite (a ``policyledger.db`` file) is the default; PostgreSQL works with the same code given a
``postgresql+psycopg://`` URL. ``--db`` takes a path or a URL; ``POLICYLEDGER_DATABASE_URL``
does the same for every command.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from policyledger.errors import PolicyLedgerError

DEFAULT_FILE = "policyledger.db"
ENV_VAR = "POLICYLEDGER_DATABASE_URL"


class DatabaseError(PolicyLedgerError):
    """The database cannot be opened or is not a ledger."""


def resolve_url(db: str | None = None) -> str:
    """A database URL from ``--db`` (a path or URL), the environment, or the default file."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_FILE
    if "://" in value:
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value[len("postgresql://") :]
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseError(f"not a database URL: {url}") from error
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if path and path != ":memory:" and not Path(path).parent.exists():
            raise DatabaseError(f"cannot create the database {path}: its folder does not exist")
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _alembic_config(engine: Engine):
    from alembic.config import Config

    folder = resources.files("policyledger.storage") / "migrations"
    config = Config()
    config.set_main_option("script_location", str(folder))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine) -> None:
    """Apply any pending migrations (a new database gets the whole schema)."""
    from alembic import command

    config = _alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass
class Database:
    """An open ledger: its engine and a session factory."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed at the end, rolled back on any error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(db: str | None = None, migrate: bool = True) -> Database:
    """Open (and by default create or upgrade) the ledger at ``db``."""
    url = resolve_url(db)
    engine = make_engine(url)
    try:
        if migrate:
            upgrade(engine)
        else:
            inspect(engine).get_table_names()
    except OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        shown = engine.url.render_as_string(hide_password=True)
        raise DatabaseError(f"cannot open the database {shown}: {reason}") from None
    return Database(engine, sessionmaker(engine, expire_on_commit=False))
