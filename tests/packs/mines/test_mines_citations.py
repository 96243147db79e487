"""Every quote the mines pack attributes to 渝府办发〔2022〕105号 — in rule citations, in
parameter sources and in the findings the rules produce — is in the clause it cites, read from
a ledger holding the sample gazette."""

from __future__ import annotations

import re

from policyledger.packs.mines import clauses, pack
from policyledger.packs.mines.clauses import OPINION
from policyledger.rules import Citation
from policyledger.rules.clauses import clause_text, ledger_path


def _citations():
    """(where, document, clause, quote) of every citation of the pack."""
    out = []
    for name, value in vars(clauses).items():
        if isinstance(value, Citation):
            out.append((f"clauses.{name}", value.document, value.clause, value.quote))
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


def test_every_quote_of_the_opinion_is_in_its_clause(ingested):
    checked = 0
    with ingested.session() as session:
        for where, document, clause, quote in _citations():
            if document != OPINION:
                continue
            found, reason = clause_text(session, document, clause)
            assert found is not None, f"{where}: {reason}"
            assert quote, f"{where}: a citation of the opinion needs a quote"
            for part in re.split(r"…+", quote):
                assert _squeeze(part) in _squeeze(found.text), (
                    f"{where}: '{part}' is not in {document} {clause}"
                )
            checked += 1
    assert checked >= 80


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
