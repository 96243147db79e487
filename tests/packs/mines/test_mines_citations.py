"""Every quote the mines pack attributes to 渝府办发〔2022〕105号 — in rule citations, in
parameter sources and in the findings the rules produce — is in the clause it cites, read from
a ledger holding the sample gazette."""

from __future__ import annotations

from policyledger.packs.mines import clauses, pack
from policyledger.packs.mines.clauses import OPINION
from policyledger.rules import Citation
from policyledger.rules.clauses import clause_text, ledger_path
from tests.packs.citation_checks import check_quotes, pack_citations


def _citations():
    """(where, document, clause, quote) of every citation of the pack, ``clauses`` first."""
    named = [(f"clauses.{n}", v) for n, v in vars(clauses).items() if isinstance(v, Citation)]
    return pack_citations(pack, named)


def test_every_quote_of_the_opinion_is_in_its_clause(ingested):
    with ingested.session() as session:
        assert check_quotes(session, _citations(), OPINION) >= 80


def test_clause_paths_are_those_the_ledger_stores():
    stored = {
        "一、（二）": "一/二",
        "二、（一）3": "二/一/3",
        "二、（四）2": "二/四/2",
        "三": "三",
    }
    for written, path in stored.items():
        assert ledger_path(written) == path
    for where, document, clause, _quote in _citations():
        if document == OPINION:
            assert ledger_path(clause) is not None, f"{where}: '{clause}' is not a clause path"


def test_every_citation_names_document_and_clause():
    for where, document, clause, _quote in _citations():
        assert document.strip() and clause.strip(), where
    assert pack.problems() == []


def test_findings_name_the_clause_the_ledger_can_show(ingested):
    import datetime as dt

    from policyledger.packs.mines.synthetic import synthetic_registry

    mine = synthetic_registry(seed=3).mines[0]
    report = pack.run("mines.compliance", mine, dt.date(2024, 3, 31))
    with ingested.session() as session:
        for result in report.rules:
            for f in result.findings:
                assert f.clause == f"{f.document} {f.clause_path}"
                if f.document == OPINION:
                    found, reason = clause_text(session, f.document, f.clause_path)
                    assert found is not None and found.text, reason
