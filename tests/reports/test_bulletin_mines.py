"""The mines pack's bulletin section ("非煤矿山安全监管月度排名"), added through the pack's
bulletin hook when districts' monthly enforcement records exist within the bulletin's period:
the ranking with its components and weights, the overdue major hazards, the blacklisted
enterprises, the clauses cited; absent without records for the period."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from policyledger.packs.mines import pack
from policyledger.packs.mines.ledgers import HazardLedger, RankingInput
from policyledger.packs.mines.synthetic import SEED, load_synthetic, synthetic_registry
from policyledger.reports.bulletin import make_bulletin

END = dt.date(2024, 3, 31)


@pytest.fixture
def ledger(ingested):
    with ingested.session() as session:
        load_synthetic(session, actor="test")
    return ingested


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_docx_has_the_mines_section(ledger):
    from docx import Document

    registry = synthetic_registry(seed=SEED)
    with ledger.session() as session:
        output = make_bulletin(session, "2024-03", fmt="docx")
    (section,) = [s for s in output.bulletin.sections if s.pack == "mines"]
    assert section.title == "非煤矿山安全监管月度排名"
    document = Document(io.BytesIO(output.data))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2].endswith("、非煤矿山安全监管月度排名") and headings[-1].endswith("、说明")
    assert "（一）重点区县执法月排名" in paragraphs and "（二）逾期未整改重大隐患" in paragraphs
    text = _text(document)
    assert "本节为2024年3月重点区县非煤矿山安全监管执法月排名" in text
    assert "注：本节数据为合成数据（虚构）" in text
    assert "渝府办发〔2022〕105号 二、（三）2“开展检查诊断、行政处罚、整改复查闭环执法" in text
    assert (
        "渝府办发〔2022〕105号 二、（五）2“对重大隐患整改做到责任、措施、资金、时限和预案" in text
    )
    ranking = pack.run(
        "mines.district_ranking",
        RankingInput(2024, 3, registry.district_months(2024, 3), registry.mines, registry.hazards),
        END,
    )
    assert "执法计划完成率25分" in text
    for d in ranking.districts:
        assert f"{d.rank} | {d.district} | {d.score:.1f} | " in text
        for b in d.blacklisted:
            assert b in text
    hazards = pack.run("mines.hazard_ledger", HazardLedger(registry.hazards, registry.mines), END)
    assert f"逾期重大隐患{hazards.major_overdue}条" in text
    for h in hazards.hazards:
        if h.grade == "major" and h.overdue:
            assert f"{h.id} | " in text
    blacklisted = [m for m in registry.mines if m.blacklisted]
    assert blacklisted and all(f"（{m.name}，{m.district}）" in text for m in blacklisted)


def test_no_mines_section_without_records_for_the_period(ledger):
    with ledger.session() as session:
        bulletin = make_bulletin(session, "2024-06", fmt="html")
    assert [s.pack for s in bulletin.bulletin.sections if s.pack == "mines"] == []
    assert "非煤矿山安全监管月度排名" not in bulletin.data.decode("utf-8")
