"""The public investor page in a real browser: reached from /public without signing in, in
Chinese and (through the site's language switch) in English, the reward calculator and the
export credit insurance calculator filled in and submitted, no horizontal scrolling on a 390-px
phone, and nothing shown over a ledger where the notice is not published. Photographed
(artifacts/screenshots/investors-*)."""

from __future__ import annotations

import threading
import time

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, _free_port, screenshot

PAGE = "/public/investors"


def fill_calculator(page, *, year: str, kind: str, section: str, received: str, loans: str):
    """Fill the calculator's form through its labels, as a person would, and submit it."""
    form = page.get_by_test_id("calculator-form")
    labels = {
        "zh": ("年度", "项目类型", "所属行业门类（GB/T 4754）", "当年实际到位外资金额（美元）"),
        "en": (
            "Year",
            "Kind of project",
            "Industry section (GB/T 4754)",
            "Foreign capital actually received in the year (USD)",
        ),
    }
    lang = "zh" if page.locator("html").get_attribute("lang") == "zh-CN" else "en"
    year_label, kind_label, section_label, received_label = labels[lang]
    form.get_by_label(year_label, exact=True).fill(year)
    form.get_by_label(kind_label).select_option(label=kind)
    form.get_by_label(section_label).select_option(value=section)
    form.get_by_label(received_label).fill(received)
    form.locator("input[name=shareholder_loans_usd]").fill(loans)
    with page.expect_navigation():
        form.get_by_test_id("calculate").click()


def no_horizontal_overflow(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_the_investor_page_in_chinese_with_the_calculator(anonymous_page):
    page = anonymous_page
    page.goto(page.base + "/public")
    with page.expect_navigation():
        page.get_by_test_id("investors-link").click()
    assert page.locator("h1").inner_text() == "投资者信息"
    assert page.locator("[data-testid=incentive]").count() >= 9
    clause = page.locator("[data-testid=clause-text][data-from-ledger=true]").first
    assert "超过1000万美元" in clause.inner_text()
    assert "Three-year Action Plan" in page.get_by_test_id("plan-english").first.inner_text()
    fill_calculator(page, year="2023", kind="新项目", section="C", received="10000001", loans="0")
    assert page.get_by_test_id("calc-status").inner_text() == "符合奖励条件"
    assert page.get_by_test_id("calc-amount").inner_text() == "200,000.02"
    working = page.locator("[data-testid=calc-working] li")
    assert working.count() >= 5
    assert any(line.startswith("基数 =") for line in working.all_inner_texts())
    assert page.get_by_test_id("final-decision").is_visible()
    screenshot(page, "investors")


def test_the_investor_page_in_english_with_the_calculator(anonymous_page):
    page = anonymous_page
    page.goto(page.base + PAGE)
    with page.expect_navigation():
        page.get_by_test_id("switch-language").click()
    assert page.locator("h1").inner_text() == "Information for investors"
    assert page.get_by_test_id("unofficial").first.inner_text() == "(unofficial translation)"
    fill_calculator(
        page,
        year="2023",
        kind="Capital increase",
        section="C",
        received="10000000",
        loans="0",
    )
    assert page.get_by_test_id("calc-status").inner_text() == "Not eligible for the reward"
    working = page.locator("[data-testid=calc-working] li").all_inner_texts()
    assert any("10,000,000 ≤ 10,000,000" in line for line in working)
    assert page.get_by_test_id("calc-reasons").is_visible()
    # a bad number: one line on the page, the form still there
    fill_calculator(page, year="2023", kind="New project", section="C", received="12abc", loans="0")
    assert page.get_by_test_id("calc-error").inner_text() == (
        '"Foreign capital actually received in the year (USD)" is not a number: 12abc'
    )
    assert page.get_by_test_id("calculator-form").is_visible()
    screenshot(page, "investors-en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_horizontal_overflow_on_a_phone(anonymous_page, lang):
    page = anonymous_page
    page.set_viewport_size(PHONE)
    query = "year=2023&kind=new&industry_section=C&received_usd=40000001&shareholder_loans_usd=0"
    page.goto(f"{page.base}{PAGE}?lang={lang}&{query}")
    assert page.get_by_test_id("calc-result").is_visible()
    assert no_horizontal_overflow(page), f"the {lang} page scrolls sideways at 390 px"
    page.set_viewport_size(DESKTOP)


def test_the_export_credit_insurance_calculator_in_english_on_a_phone(anonymous_page):
    page = anonymous_page
    page.set_viewport_size(PHONE)
    try:
        page.goto(f"{page.base}{PAGE}?lang=en")
        form = page.get_by_test_id("insurance-form")
        form.get_by_label("Year", exact=True).fill("2023")
        form.get_by_label("Exports in the year (USD)").fill("5,000,000")
        form.get_by_label("Premium before discounts (yuan)").fill("10000")
        form.get_by_label("Insured through the district's unified export credit").check()
        form.get_by_label("On the MIIT list of specialised and innovative").check()
        with page.expect_navigation():
            form.get_by_test_id("ins-calculate").click()
        result = page.get_by_test_id("ins-result")
        assert result.is_visible()
        assert page.get_by_test_id("ins-class").inner_text() == "Small or micro enterprise"
        discounts = page.locator("[data-testid=ins-discount]").all_inner_texts()
        assert discounts[0] == "Unified platform discount: 20%"
        assert discounts[1].startswith('"Little giant" average rate cut: at least 10%')
        assert page.get_by_test_id("ins-combined").inner_text() == "20%"
        assert page.get_by_test_id("ins-premium-after").inner_text() == "8,000"
        assert page.locator("[data-testid=calc-result]").count() == 0  # the reward form idle
        assert no_horizontal_overflow(page), "the insurance result scrolls sideways at 390 px"
        screenshot(page, "investors-insurance-en")
    finally:
        page.set_viewport_size(DESKTOP)


@pytest.fixture(scope="module")
def unpublished_server(tmp_path_factory):
    """The site over a ledger holding the sample gazette with nothing published."""
    import uvicorn

    from policyledger.ingest import extract_text
    from policyledger.storage import open_database
    from policyledger.storage.ingest import ingest_extraction
    from policyledger.web import create_site
    from tests.conftest import SAMPLE

    path = tmp_path_factory.mktemp("e2e-unpublished") / "ledger.db"
    database = open_database(f"sqlite:///{path}")
    with database.session() as session:
        ingest_extraction(session, extract_text(SAMPLE.read_text("utf-8"), SAMPLE.name), "e2e")
    port = _free_port()
    config = uvicorn.Config(
        create_site(database, secret_key="e2e-unpublished"),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the unpublished test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)
    database.dispose()


def test_an_unpublished_ledger_shows_no_incentives(browser, unpublished_server):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    try:
        page = context.new_page()
        for lang, message in (
            ("zh", "尚未公开任何外商投资政策措施。"),
            ("en", "No investment incentives have been published yet."),
        ):
            query = "&year=2023&kind=new&industry_section=C&received_usd=10000001"
            page.goto(f"{unpublished_server}{PAGE}?lang={lang}{query}")
            assert page.get_by_test_id("investors-empty").inner_text() == message
            assert page.locator("[data-testid=incentive]").count() == 0
            assert page.locator("[data-testid=clause-text]").count() == 0
            assert page.locator("form[data-testid=calculator-form]").count() == 0
            assert page.locator("form[data-testid=insurance-form]").count() == 0
            assert page.locator("[data-testid=calc-result]").count() == 0
    finally:
        context.close()
