"""The trade pack's pages in a real browser: the project library with its rewards, the rewards
and trade-target charts drawn, the library filtered by district; the applications page, where a
supervisor approves a submitted application through its form at the rule's suggested amount.
Photographed (artifacts/screenshots/trade-*)."""

from __future__ import annotations

import pytest

from policyledger.packs.trade.synthetic import SEED, synthetic_trade
from tests.e2e.conftest import screenshot


@pytest.fixture(scope="module")
def trade_ledger(ledger):
    """The e2e ledger with the trade pack's synthetic data and the published trade figures (an
    import seen before is skipped, so this is harmless when the ledger has them already)."""
    from policyledger.packs.trade.figures import load_figures
    from policyledger.packs.trade.synthetic import load_synthetic

    with ledger.session() as session:
        load_synthetic(session, actor="e2e")
        load_figures(session, actor="e2e")
    return ledger


def test_the_library_rewards_and_targets(page_as, trade_ledger):
    data = synthetic_trade(SEED)
    page = page_as("e2e-viewer")
    page.goto(page.base + "/packs/trade")
    assert page.locator("h1").inner_text() == "外贸外资（渝府办发〔2022〕107号）"
    assert "合成数据" in page.get_by_test_id("synthetic").inner_text()
    assert page.locator("[data-testid=project-row]").count() == len(data.projects)
    page.locator("[data-testid=rewards-chart] svg").first.wait_for()
    page.locator("[data-testid=targets-chart] svg").first.wait_for()
    total = page.locator("[data-testid=target-row][data-indicator=trade_total][data-scope='全市']")
    assert "未达到" in total.inner_text()
    details = page.locator("[data-testid=reward-working] details").first
    details.locator("summary").click()
    assert "起始年度" in details.inner_text()  # the working, step by step
    screenshot(page, "trade")
    district = data.projects[0].district
    form = page.get_by_test_id("filter-form")
    form.get_by_label("区县").select_option(district)
    with page.expect_navigation():
        form.get_by_role("button", name="筛选").click()
    expected = sum(p.district == district for p in data.projects)
    assert page.locator("[data-testid=project-row]").count() == expected


def test_a_supervisor_approves_an_application(page_as, trade_ledger):
    page = page_as("e2e-supervisor")
    page.goto(page.base + "/packs/trade/applications")
    assert page.locator("h1").inner_text() == "外资到位奖励申报"
    row = page.locator(
        "[data-testid=application-row][data-suggestion=approve][data-status=submitted]"
    )
    row = row.first
    application = row.get_attribute("data-application")
    decision = page.locator(f"[data-testid=decision-row][data-application='{application}']")
    amount = decision.locator("input[name=amount]").input_value()
    assert amount and float(amount) > 0  # the rule's suggestion is filled in
    screenshot(page, "trade-applications")
    with page.expect_navigation():
        decision.get_by_test_id("approve-form").get_by_role("button", name="核定").click()
    assert application in page.get_by_test_id("decision-done").inner_text()
    after = page.locator(f"[data-testid=application-row][data-application='{application}']")
    assert after.get_attribute("data-status") == "approved"
    assert after.get_attribute("data-version") == "2"


def test_the_complaints_ledger(page_as, trade_ledger):
    page = page_as("e2e-viewer")
    page.goto(page.base + "/packs/trade/complaints")
    assert page.locator("h1").inner_text() == "外商投资企业投诉台账"
    states = page.locator("[data-testid=complaint-row]").evaluate_all(
        "rows => rows.map(r => r.dataset.state)"
    )
    overdue = states.count("overdue")
    assert overdue and states[:overdue] == ["overdue"] * overdue  # overdue first
    screenshot(page, "trade-complaints")
