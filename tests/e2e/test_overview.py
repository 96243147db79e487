"""The overview in a real browser: what a leader sees first, in Chinese and in English."""

from __future__ import annotations

from tests.e2e.conftest import screenshot


def test_overview_shows_plans_red_list_and_as_of_date(page):
    page.goto(page.base + "/")
    assert page.locator("h1").inner_text() == "总览"
    assert page.locator("[data-testid=plan-card]").count() == 4
    red = page.locator("[data-testid=red-list]")
    assert "外贸进出口总值" in red.inner_text()
    assert "逾期" in red.inner_text()  # the chip says it in words, not only in colour
    assert page.locator("time").first.get_attribute("datetime")
    screenshot(page, "overview")


def test_switching_to_english_and_back(page):
    page.goto(page.base + "/")
    page.get_by_test_id("switch-language").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(page.base + "/")  # the choice is remembered
    assert page.locator("h1").inner_text() == "Overview"
    screenshot(page, "overview-en")
    page.get_by_test_id("switch-language").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "总览"


def test_pages_fetch_nothing_from_the_internet(page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(page.base + "/")
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(page.base) for url in requested), requested
