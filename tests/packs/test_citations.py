"""Every quote the energy pack attributes to the plan (渝府发〔2022〕39号) is in the clause it
cites, read from a ledger holding the sample gazette; citations of other documents name them."""

from __future__ import annotations

import re

import pytest

from policyledger.packs.energy import pack
from policyledger.packs.energy.clauses import PLAN
from policyledger.rules.clauses import clause_text, ledger_path


def _citations():
    """(where, document, clause, quote) of every rule citation and parameter source."""
    out = []
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


def test_every_plan_quote_is_in_its_clause(ingested):
    checked = 0
    with ingested.session() as session:
        for where, document, clause, quote in _citations():
            if document != PLAN:
                continue
            found, reason = clause_text(session, document, clause)
            assert found is not None, f"{where}: {reason}"
            assert quote, f"{where}: a citation of the plan needs a quote"
            for part in re.split(r"…+", quote):
                assert _squeeze(part) in _squeeze(found.text), (
                    f"{where}: '{part}' is not in {document} {clause}"
                )
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("四、（一）1", "四/一/1"),
        ("二", "二"),
        ("二、", "二"),
        ("五、（三）", "五/三"),
        ("四、(七)2", "四/七/2"),
        ("四/三/2", "四/三/2"),
        ("正文第二段", None),
        ("第二条（一）", None),
    ],
)
def test_clause_paths(written, stored):
    assert ledger_path(written) == stored


def test_every_citation_names_document_and_clause():
    for where, document, clause, _quote in _citations():
        assert document.strip() and clause.strip(), where
