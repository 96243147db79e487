"""What users do, in a real browser: a leader follows a red target to the clause it comes from;
a reporter submits a value (valid, then invalid) and an Excel file with a bad row; a supervisor
uploads a gazette and saves it."""

from __future__ import annotations

from openpyxl import load_workbook
from sqlalchemy import func, select

from policyledger.reporting import write_template
from policyledger.storage.models import Body, Observation, Target
from tests.conftest import SAMPLE
from tests.e2e.conftest import screenshot


def observations(ledger) -> int:
    with ledger.session() as session:
        return session.scalar(select(func.count()).select_from(Observation))


def test_follow_a_red_target_to_its_source_clause(page):
    page.goto(page.base + "/")
    page.get_by_test_id("red-list").get_by_role("link", name="外贸进出口总值").click()
    page.wait_for_load_state()
    assert "外贸进出口总值" in page.locator("h1").inner_text()
    main = page.locator("main").inner_text()
    assert "逾期" in main and "0.80068" in main
    marked = page.locator("main mark")
    assert marked.count() >= 1 and "1万亿元" in marked.first.inner_text()
    page.locator("[data-testid=trajectory] svg").wait_for()
    screenshot(page, "target-red")
    # the clause it belongs to, on its plan page: open the source of a task with its figures marked
    page.get_by_role(
        "link", name="重庆市推动外贸高质量发展三年行动计划（2022—2024年）"
    ).first.click()
    page.wait_for_load_state()
    task = page.locator("[data-testid=task][data-path='三/一/1']")
    task.locator("summary").click()
    task.locator(".pl-source-slot mark").first.wait_for()
    assert "20个" in task.locator(".pl-source-slot mark").first.inner_text()
    screenshot(page, "plan-source")


def test_submit_a_valid_and_an_invalid_report(page, ledger):
    with ledger.session() as session:
        lineage = session.scalar(
            select(Target.lineage).where(Target.metric == "跨境电商进出口规模")
        )
    before = observations(ledger)
    page.goto(page.base + f"/report?target={lineage}&body=市商务委")
    form = page.get_by_test_id("value-form")
    form.get_by_label("报告期").fill("去年")
    form.get_by_label("数值").fill("很多")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("error-period").is_visible()
    assert page.get_by_test_id("error-value").is_visible()
    assert page.locator("#f-period").get_attribute("aria-invalid") == "true"
    assert observations(ledger) == before
    screenshot(page, "report-invalid")
    form = page.get_by_test_id("value-form")
    form.get_by_label("报告期").fill("2023")
    form.get_by_label("数值").fill("420.5")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("saved").is_visible()
    assert observations(ledger) == before + 1
    screenshot(page, "report-saved")


def test_excel_upload_with_one_bad_row_saves_nothing(page, ledger, tmp_path):
    path = tmp_path / "report.xlsx"
    with ledger.session() as session:
        body = session.scalar(select(Body).where(Body.name == "市商务委"))
        write_template(session, body, path, plan="外贸")
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[2]]
    period, value = headers.index("period") + 1, headers.index("value") + 1
    sheet.cell(row=3, column=period, value="2023")
    sheet.cell(row=3, column=value, value=1.5)
    sheet.cell(row=4, column=period, value="2023")
    sheet.cell(row=4, column=value, value="not a number")
    book.save(path)
    before = observations(ledger)
    page.goto(page.base + "/report?body=市商务委")
    page.get_by_test_id("upload-form").locator("input[type=file]").set_input_files(str(path))
    page.get_by_test_id("upload-form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    errors = page.get_by_test_id("upload-errors")
    assert errors.locator("[data-row='4']").count() == 1
    assert "未导入任何数据" in page.get_by_test_id("upload-rejected").inner_text()
    assert observations(ledger) == before
    screenshot(page, "report-upload-rejected")


def test_upload_the_sample_gazette_and_save_it(page):
    page.goto(page.base + "/upload")
    screenshot(page, "upload")
    page.get_by_test_id("document-form").locator("input[type=file]").set_input_files(str(SAMPLE))
    page.get_by_test_id("document-form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("count-documents").inner_text() == "3"
    assert page.get_by_test_id("count-targets").inner_text() == "91"
    screenshot(page, "upload-preview")
    page.get_by_test_id("save-form").locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main").inner_text().count("未变化") == 3  # the ledger already has it
    screenshot(page, "upload-saved")
