"""Every main page in a real browser: it shows what it should, its charts are drawn, and it is
photographed at desktop and phone widths (artifacts/screenshots)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from policyledger.storage.models import Plan, Target
from tests.e2e.conftest import screenshot


def _ids(ledger) -> dict[str, int]:
    with ledger.session() as session:
        trade_plan = session.scalar(select(Plan.id).where(Plan.name.like("%外贸高质量发展%")))
        trade = session.scalar(select(Target.id).where(Target.metric == "外贸进出口总值"))
        nev = session.scalar(select(Target.id).where(Target.metric == "新能源汽车产量"))
    return {"trade_plan": trade_plan, "trade": trade, "nev": nev}


def test_plans_list(page):
    page.goto(page.base + "/plans")
    assert page.locator("h1").inner_text() == "方案"
    assert page.get_by_role("link", name="重庆市“十四五”节能减排综合工作实施方案").count() == 1
    screenshot(page, "plans")


def test_plan_page_with_clause_tree_and_bodies(page, ledger):
    page.goto(page.base + f"/plans/{_ids(ledger)['trade_plan']}")
    task = page.locator("[data-testid=task][data-path='三/一/1']")
    assert "市经济信息委" in task.inner_text()
    assert "各区县落实" in task.inner_text()
    headings = page.locator("h2").all_inner_texts()
    assert "二、发展目标" in headings and "三、工作任务" in headings
    screenshot(page, "plan")


def test_target_page_draws_its_trajectory(page, ledger):
    page.goto(page.base + f"/targets/{_ids(ledger)['nev']}")
    assert "新能源汽车产量" in page.locator("h1").inner_text()
    page.locator("[data-testid=trajectory] svg").wait_for()
    history = page.locator("[data-testid=history]").inner_text()
    assert "95.32" in history and "129.6" in history
    screenshot(page, "target")


def test_search(page):
    page.goto(page.base + "/search")
    page.get_by_label("关键词").fill("外贸")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_load_state()
    assert "重庆市推动外贸高质量发展三年行动计划" in page.locator("main").inner_text()
    screenshot(page, "search")


def test_bodies_and_a_body_page(page):
    page.goto(page.base + "/bodies")
    assert page.locator("h1").count() == 1
    screenshot(page, "bodies")
    page.goto(page.base + "/bodies/市商务委")
    assert page.get_by_test_id("body-name").inner_text() == "市商务委"
    assert page.get_by_test_id("task-list").locator("[data-testid=task]").count() > 10
    assert page.get_by_test_id("rank").count() == 1
    screenshot(page, "body")
    page.goto(page.base + "/bodies/渝中区")
    assert "渝中区" in page.get_by_test_id("body-name").inner_text()
    screenshot(page, "district")


def test_rankings_with_map_and_bars(page):
    page.goto(page.base + "/rankings")
    page.locator("[data-testid=district-map] svg path").first.wait_for()
    assert page.locator("[data-testid=district-map] svg path").count() >= 38
    page.locator("[data-testid=district-bars] svg").wait_for()
    assert "审图号" in page.locator("main").inner_text()
    screenshot(page, "rankings")


@pytest.mark.parametrize(
    ("url", "english"),
    [
        ("/bodies/市商务委", "Chongqing Municipal Commission of Commerce"),
        ("/rankings", "Rankings"),
        ("/plans", "Plans"),
    ],
)
def test_pages_in_english(page, url, english):
    page.goto(page.base + url + ("&" if "?" in url else "?") + "lang=en")
    assert english in page.locator("main").inner_text()
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(page.base + "/?lang=zh")  # leave the cookie in Chinese for the next test
