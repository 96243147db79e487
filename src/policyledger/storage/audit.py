"""Write the audit log: one row per change to the ledger, with who made it and what changed."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from policyledger.storage.models import AuditLog


def record(
    session: Session, actor: str, action: str, entity: str, entity_id: object = None, **detail: Any
) -> AuditLog:
    """Add an audit row to the session's transaction (it commits or rolls back with it)."""
    row = AuditLog(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        detail=detail,
    )
    session.add(row)
    return row
