"""The mines pages on the SYNTHETIC data: the registry with its filters and blacklist marks, the
month's ranking as the rule gives it with its components and weights; a mine's compliance report
with its findings grouped by status, each with its clause text from the ledger (the acceptance
check of issue 8) or, without the document in the ledger, the rule's quote; the hazard ledger's
counts and groups; English; an unknown mine or month is 404."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from policyledger.packs.mines import pack
from policyledger.packs.mines.ledgers import HazardLedger, RankingInput
from policyledger.packs.mines.synthetic import SEED, load_synthetic, synthetic_registry
from policyledger.rules.clauses import clause_text
from policyledger.web.views.mines import load_mine_page
from tests.web.bodies_helpers import assert_accessible

END = dt.date(2024, 3, 31)


@pytest.fixture(scope="module")
def registry():
    return synthetic_registry(seed=SEED)


@pytest.fixture
def mines_data(ingested):
    with ingested.session() as session:
        load_synthetic(session, actor="test")
    return ingested


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", html.unescape(text))


def test_the_registry_and_ranking(client_as, mines_data, registry):
    page = client_as("viewer").get("/packs/mines").text
    assert_accessible(page)
    assert 'data-testid="synthetic"' in page and "合成数据" in page
    assert '<option value="2024-03" selected>2024年3月</option>' in page
    assert len(re.findall(r'data-testid="mine-row"', page)) == len(registry.mines)
    blacklisted = set(re.findall(r'data-mine="([^"]+)" data-blacklisted="true"', page))
    assert blacklisted == {m.id for m in registry.mines if m.blacklisted} != set()
    expected = pack.run(
        "mines.district_ranking",
        RankingInput(2024, 3, registry.district_months(2024, 3), registry.mines, registry.hazards),
        END,
    )
    rows = re.findall(
        r'data-testid="ranking-row" data-district="([^"]+)" data-rank="(\d+)" '
        r'data-score="([\d.]+)"',
        page,
    )
    assert rows == [(d.district, str(d.rank), f"{d.score:.2f}") for d in expected.districts]
    first = expected.districts[0]
    for part in first.parts:  # every component with its weight in the header
        assert f'{html.escape(part.label)}<br><span class="muted">权重 {part.weight:g}' in page
    assert "渝府办发〔2022〕105号 二、（三）2" in page  # the ranking's clause


def test_the_registry_filters(client_as, mines_data, registry):
    viewer = client_as("viewer")
    page = viewer.get("/packs/mines", params={"district": "万州区", "type": "open_pit"}).text
    shown = re.findall(r'data-testid="mine-row" data-mine="([^"]+)"', page)
    assert shown == sorted(
        m.id for m in registry.mines if m.district == "万州区" and m.type == "open_pit"
    )
    page = viewer.get("/packs/mines", params={"status": "closed"}).text
    shown = re.findall(r'data-testid="mine-row" data-mine="([^"]+)"', page)
    assert shown == sorted(m.id for m in registry.mines if m.status == "closed")


def test_a_mines_report_lists_findings_with_the_clause_text_from_the_ledger(
    client_as, mines_data, registry
):
    mine = next(m for m in registry.mines if m.type == "open_pit" and m.status == "producing")
    page = client_as("viewer").get(f"/packs/mines/{mine.id}").text
    assert_accessible(page)
    report = pack.run("mines.compliance", mine, END)
    findings = re.findall(r'data-testid="finding" data-check="[^"]+" data-status="(\w+)"', page)
    assert len(findings) == sum(report.counts.values())
    order = ("fail", "unknown", "advised", "pass", "not_applicable")
    assert findings == sorted(findings, key=order.index)  # grouped by status, actions first
    assert sorted(findings) == sorted(f.status for r in report.rules for f in r.findings)
    assert 'data-from-ledger="false"' not in page
    texts = re.findall(r'data-from-ledger="true">(.*?)</blockquote>', page, re.S)
    assert len(texts) == len(findings)
    with mines_data.session() as session:
        for r in report.rules:
            for f in r.findings:
                stored, _ = clause_text(session, f.document, f.clause_path)
                assert _squeeze(stored.text) in _squeeze(page), f.clause
    failing = next(f for f in report.actions if f.status == "fail")
    block = page.split(f'data-check="{failing.check}"', 1)[1].split("</li>", 1)[0]
    assert html.escape(failing.reason) in block and failing.fix_zh in block
    assert f"{failing.document} {failing.clause_path}" in block
    assert re.search(r'<a href="/plans/\d+#clause-', block)  # linked into the ledger


def test_without_the_document_the_rules_quote_is_shown(db, registry):
    with db.session() as session:  # a ledger without 渝府办发〔2022〕105号
        load_synthetic(session, actor="test")
        page = load_mine_page(session, registry.mines[0].id)
    shown = [item for items in page.groups.values() for item in items]
    assert shown and not any(item.clause.from_ledger for item in shown)
    top_down = next(item for item in shown if item.finding.check == "top_down")
    assert "按照自上而下开采顺序" in top_down.clause.text and top_down.clause.link is None


def test_the_hazard_ledger(client_as, mines_data, registry):
    page = client_as("viewer").get("/packs/mines/hazards").text
    assert_accessible(page)
    ledger = pack.run("mines.hazard_ledger", HazardLedger(registry.hazards, registry.mines), END)
    counts = dict(re.findall(r'<li data-count="(\w+)">[^<]*<strong>(\d+)</strong>', page))
    assert counts == {
        "open": str(ledger.open),
        "overdue": str(ledger.overdue),
        "major_overdue": str(ledger.major_overdue),
        "escalated": str(ledger.escalated),
        "five_items_incomplete": str(ledger.five_items_incomplete),
        "awaiting_reinspection": str(ledger.awaiting_reinspection),
    }
    overdue = page.split('data-testid="hazards-overdue"', 1)[1].split("</section>", 1)[0]
    ids = re.findall(r'data-testid="hazard-row" data-hazard="([^"]+)"', overdue)
    assert sorted(ids) == sorted(h.id for h in ledger.hazards if h.open and h.overdue)
    assert len(re.findall(r'data-testid="hazard-row"', page)) == len(registry.hazards)
    for h in ledger.hazards:
        if h.escalation_level:
            assert html.escape(h.escalation) in page


def test_english_and_unknown_pages(client_as, mines_data, registry):
    viewer = client_as("viewer")
    page = viewer.get("/packs/mines?lang=en").text
    assert "Monthly ranking of districts" in page and "Registry of mines" in page
    page = viewer.get(f"/packs/mines/{registry.mines[0].id}?lang=en").text
    assert "Mine compliance report" in page
    assert viewer.get("/packs/mines/NO-SUCH").status_code == 404
    assert viewer.get("/packs/mines?month=2030-01").status_code == 404
    assert viewer.get("/packs/mines/hazards?month=2030-01").status_code == 404
    assert 'href="/packs/mines"' in viewer.get("/").text  # in the navigation


def test_the_upload_page_of_the_mines_pack(client_as, mines_data):
    page = client_as("supervisor").get("/packs/mines/upload")
    assert page.status_code == 200  # not taken for a mine's id
    for kind in ("mine", "hazard_check", "hazard", "district_month"):
        assert f"/packs/mines/template/{kind}" in page.text
    assert 'href="/packs/mines"' in page.text
