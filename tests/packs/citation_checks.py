"""What the packs' citation tests share: every (where, document, clause, quote) a pack cites,
and the check that each quote of a given document is in the clause the ledger stores."""

from __future__ import annotations

import re
from collections.abc import Iterable

from policyledger.rules.clauses import clause_text


def pack_citations(pack, more: Iterable = ()) -> list[tuple[str, str, str, str]]:
    """(where, document, clause, quote) of every rule citation and parameter source of
    ``pack``, after the ``(where, citation)`` pairs given in ``more``."""
    out = [(where, c.document, c.clause, c.quote) for where, c in more]
    for r in pack.rules:
        for c in r.citations:
            out.append((r.id, c.document, c.clause, c.quote))
    for key, parameter in pack.parameters.items():
        for period in parameter.periods:
            s = period.source
            out.append((f"{key} ({parameter.file}:{period.line})", s.document, s.clause, s.quote))
    return out


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_quotes(session, citations, document: str) -> int:
    """Assert each quote of ``document`` is in its clause's text; the number checked."""
    checked = 0
    for where, cited, clause, quote in citations:
        if cited != document:
            continue
        found, reason = clause_text(session, cited, clause)
        assert found is not None, f"{where}: {reason}"
        assert quote, f"{where}: a citation of {document} needs a quote"
        for part in re.split(r"…+", quote):
            assert _squeeze(part) in _squeeze(found.text), (
                f"{where}: '{part}' is not in {document} {clause}"
            )
        checked += 1
    return checked
