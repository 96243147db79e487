"""Write the audit log: one row per change to the ledger, with who made it, what changed, and
from where (the client address and API token a request set with ``set_origin``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from policyledger.storage.models import AuditLog

ORIGIN = "policyledger.origin"


def set_origin(session: Session, address: str | None, token_id: int | None = None) -> None:
    """Where the changes made in ``session`` come from: the client address, the API token."""
    session.info[ORIGIN] = ((address or None) and address[:64], token_id)


def record(
    session: Session, actor: str, action: str, entity: str, entity_id: object = None, **detail: Any
) -> AuditLog:
    """Add an audit row to the session's transaction (it commits or rolls back with it)."""
    address, token_id = session.info.get(ORIGIN, (None, None))
    row = AuditLog(
        address=address,
        token_id=token_id,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        detail=detail,
    )
    session.add(row)
    return row
