"""Signing in, roles and review in a real browser: a visitor sees the public view and is sent to
sign in for anything else (and brought back); a reporter's value waits for review until a
supervisor approves it, and the approval is in the audit log under the supervisor's name; a
viewer is offered no write; signing out ends the session."""

from __future__ import annotations

from sqlalchemy import select

from policyledger.storage.models import Observation
from tests.e2e.conftest import PASSWORD, screenshot


def test_a_visitor_sees_the_public_view_and_signs_in_for_more(anonymous_page):
    page = anonymous_page
    page.goto(page.base + "/public")
    assert page.locator("h1").inner_text() == "公开信息"
    assert page.get_by_test_id("public-plan").count() >= 1
    page.get_by_test_id("public-plan").first.get_by_role("link").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("public-target").count() > 5
    screenshot(page, "public-plan")
    page.goto(page.base + "/rankings")
    assert "/login?next=/rankings" in page.url
    form = page.get_by_test_id("login-form")
    form.get_by_label("用户名").fill("e2e-viewer")
    form.get_by_label("密码").fill("not the password")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("login-error").inner_text() == "用户名或密码错误。"
    screenshot(page, "login-failed")
    form.get_by_label("密码").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/rankings")
    assert "e2e-viewer" in page.get_by_test_id("who").inner_text()


def test_a_viewer_is_offered_no_write(page_as):
    page = page_as("e2e-viewer")
    page.goto(page.base + "/")
    nav = page.locator("header nav").inner_text()
    assert "报送" not in nav and "上传文件" not in nav and "审核" not in nav
    response = page.goto(page.base + "/upload")
    assert response.status == 403
    assert "无权上传政策文件" in page.get_by_test_id("error-message").inner_text()


def test_a_reporters_value_waits_until_a_supervisor_approves_it(page_as, ledger):
    reporter = page_as("e2e-reporter")
    reporter.goto(reporter.base + "/report")
    assert "市商务委" in reporter.get_by_test_id("bound-body").inner_text()
    form = reporter.get_by_test_id("value-form")
    lineage = int(form.locator("#f-target").input_value())
    form.get_by_label("报告期").fill("2022")
    form.get_by_label("数值").fill("1.25")
    form.locator("button[type=submit]").click()
    reporter.wait_for_load_state()
    assert reporter.get_by_test_id("submitted").first.inner_text() == "已提交，待审核"
    screenshot(reporter, "report-submitted")
    with ledger.session() as session:
        row = session.scalars(
            select(Observation).where(
                Observation.target_lineage == lineage, Observation.status == "submitted"
            )
        ).one()
    supervisor = page_as("e2e-supervisor")
    supervisor.goto(supervisor.base + "/review")
    item = supervisor.locator(f"[data-testid=pending][data-id='{row.id}']")
    assert "1.25" in item.inner_text()
    screenshot(supervisor, "review")
    item.get_by_test_id("approve-form").locator("button").click()
    supervisor.wait_for_load_state()
    assert "已通过" in supervisor.get_by_test_id("review-done").inner_text()
    with ledger.session() as session:
        assert session.get(Observation, row.id).status == "approved"
    supervisor.goto(supervisor.base + f"/audit?entity=observation&entity_id={row.id}")
    rows = supervisor.get_by_test_id("audit-row")
    assert rows.count() == 2  # submitted by the reporter, approved by the supervisor
    assert "e2e-supervisor" in rows.first.inner_text() and "approve" in rows.first.inner_text()
    screenshot(supervisor, "audit")


def test_signing_out_ends_the_session(page_as):
    page = page_as("e2e-supervisor")
    page.goto(page.base + "/review")
    page.get_by_test_id("sign-out").click()
    page.wait_for_load_state()
    assert page.url.endswith("/login")
    page.goto(page.base + "/review")
    assert "/login?next=/review" in page.url
