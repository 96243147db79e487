"""Link the units named in an extraction to the registry of responsible bodies.

Every unit keeps the form the document wrote; this adds, for each written form, the registry
entry it resolves to (canonical short name, full name, English name) or flags it as unknown.
Unknown bodies are kept, never dropped.
"""

from __future__ import annotations

from policyledger.registry.bodies import Body, Registry, default_registry


def document_jurisdiction(doc_number: str | None, issuer: str | None) -> str | None:
    """ "cq" for a Chongqing document (渝府发…), "cn" for a national one (国发…), else None."""
    if doc_number:
        if doc_number.startswith("渝"):
            return "cq"
        if doc_number.startswith("国"):
            return "cn"
    if issuer:
        if "重庆" in issuer:
            return "cq"
        if issuer.startswith("国务院"):
            return "cn"
    return None


def link_units(documents: list[dict], registry: Registry | None = None) -> list[dict]:
    """Add ``unit_ids`` to each task and return the ``canonical_units`` table.

    ``documents`` are extraction documents in their JSON-ready form; they are updated in place.
    """
    registry = registry or default_registry()
    table: dict[tuple[str, str | None], dict] = {}
    known: dict[tuple[str, str | None], Body | None] = {}
    for doc in documents:
        jurisdiction = document_jurisdiction(doc.get("doc_number"), doc.get("issuer"))
        for task in doc["tasks"]:
            ids = []
            for unit in task["units"]:
                key_ = (unit, jurisdiction)
                if key_ not in known:
                    known[key_] = registry.resolve(unit, jurisdiction=jurisdiction)
                body = known[key_] or registry.resolve(
                    unit, context=task["units"], jurisdiction=jurisdiction
                )
                key = (unit, body.id if body else None)
                if key not in table:
                    table[key] = _entry(unit, body)
                ids.append(key[1])
            task["unit_ids"] = ids
    return sorted(table.values(), key=lambda e: (not e["known"], e["id"] or "", e["written"]))


def _entry(written: str, body: Body | None) -> dict:
    if body is None:
        return {
            "written": written,
            "known": False,
            "id": None,
            "name": written,
            "full_name": None,
            "name_en": None,
            "kind": None,
        }
    return {
        "written": written,
        "known": True,
        "id": body.id,
        "name": body.name,
        "full_name": body.full_name,
        "name_en": body.name_en or None,
        "kind": body.kind,
    }
