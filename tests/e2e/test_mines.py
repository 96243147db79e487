"""The mines pages in a real browser: the registry filtered by district, the ranking with its
components, a mine's compliance report with the clause text from the ledger, the hazard ledger.
Photographed (artifacts/screenshots/mines-*)."""

from __future__ import annotations

from tests.e2e.conftest import screenshot


def test_the_registry_ranking_and_a_mines_report(page_as):
    page = page_as("e2e-viewer")
    page.goto(page.base + "/packs/mines")
    assert page.locator("h1").inner_text() == "非煤矿山安全监管"
    assert "合成数据" in page.get_by_test_id("synthetic").inner_text()
    assert page.locator("[data-testid=ranking-row]").count() == 8
    assert page.locator("[data-testid=mine-row]").count() == 40
    screenshot(page, "mines")
    form = page.get_by_test_id("filter-form")
    form.get_by_label("区县").select_option("万州区")
    form.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert page.locator("[data-testid=mine-row]").count() == 5
    page.locator("[data-testid=mine-row] th a").first.click()
    page.wait_for_load_state()
    assert "矿山合规报告" in page.locator("h1").inner_text()
    clause = page.locator("[data-testid=clause-text][data-from-ledger=true]").first
    assert "渝府办发〔2022〕105号" in clause.inner_text()
    screenshot(page, "mines-report")


def test_the_hazard_ledger(page_as):
    page = page_as("e2e-viewer")
    page.goto(page.base + "/packs/mines/hazards")
    assert page.locator("h1").inner_text() == "隐患台账"
    assert page.locator("[data-testid=hazard-row]").count() > 0
    assert page.get_by_test_id("hazards-overdue").is_visible()
    screenshot(page, "mines-hazards")
