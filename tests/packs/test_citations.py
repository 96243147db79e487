"""Every quote the energy pack attributes to the plan (渝府发〔2022〕39号) is in the clause it
cites, read from a ledger holding the sample gazette; citations of other documents name them."""

from __future__ import annotations

import pytest

from policyledger.packs.energy import pack
from policyledger.packs.energy.clauses import PLAN
from policyledger.rules.clauses import ledger_path
from tests.packs.citation_checks import check_quotes, pack_citations


def test_every_plan_quote_is_in_its_clause(ingested):
    with ingested.session() as session:
        assert check_quotes(session, pack_citations(pack), PLAN) >= 20


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
    for where, document, clause, _quote in pack_citations(pack):
        assert document.strip() and clause.strip(), where
