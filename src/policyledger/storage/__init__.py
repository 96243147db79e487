"""The ledger's storage: tables, migrations, sessions and the write paths (ingest,
observations). Never imports the API, the web pages or the command line."""

from policyledger.storage.db import Database, DatabaseError, open_database, resolve_url

__all__ = ["Database", "DatabaseError", "open_database", "resolve_url"]
