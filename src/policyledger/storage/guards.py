"""Database-level guards: the audit log is append-only. A trigger refuses every UPDATE and
DELETE of ``audit_log`` rows (and TRUNCATE on PostgreSQL), whatever code or tool connects.

Created by migration 0003; the test suite lifts the guard only to empty its scratch database
between tests (``lift_audit_guard`` / ``set_audit_guard``)."""

from __future__ import annotations

from sqlalchemy import Connection, text

MESSAGE = "audit_log is append-only"

_SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
_POSTGRES = [
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
]


def set_audit_guard(connection: Connection) -> None:
    """Install the append-only triggers."""
    statements = _POSTGRES if connection.dialect.name == "postgresql" else _SQLITE
    for statement in statements:
        connection.execute(text(statement))


def lift_audit_guard(connection: Connection) -> None:
    """Remove the triggers (for emptying a scratch database; set them again afterwards)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log"))
        connection.execute(text("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log"))
    else:
        connection.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        connection.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
