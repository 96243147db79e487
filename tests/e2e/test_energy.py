"""The energy page in a real browser: the barometer map drawn with the districts coloured by
level, the table's levels, the quarter chosen from the list, the synthetic notice; the upload
refusing a bad file with its rows listed. Photographed (artifacts/screenshots/energy-*)."""

from __future__ import annotations

from tests.e2e.conftest import screenshot


def test_the_energy_page_draws_the_barometer(page_as):
    page = page_as("e2e-viewer")
    page.goto(page.base + "/packs/energy")
    assert page.locator("h1").inner_text() == "能耗双控晴雨表与节能减排"
    assert "合成数据" in page.get_by_test_id("synthetic").inner_text()
    page.locator("[data-testid=energy-map] svg path").first.wait_for()
    page.get_by_label("期间（自年初累计）").select_option("2023-Q1")
    page.get_by_role("button", name="查看").click()
    page.wait_for_load_state()
    assert "2023年第一季度" in page.locator("#barometer-heading").inner_text()
    red = page.locator("[data-testid=district-row][data-level='1'] th").all_inner_texts()
    assert sorted(red) == ["南岸区", "长寿区"]
    page.locator("[data-testid=energy-map] svg path").first.wait_for()
    assert page.locator("[data-testid=energy-map][data-drawn='1']").count() == 1
    link = page.locator("[data-testid=rule-energy\\.barometer] a").first
    assert link.inner_text() == "渝府发〔2022〕39号 四、（一）1"
    screenshot(page, "energy")


def test_the_upload_lists_the_bad_rows(page_as, tmp_path):
    page = page_as("e2e-supervisor")
    page.goto(page.base + "/packs/energy/upload")
    bad = tmp_path / "bad.csv"
    bad.write_text("district,year,quarter,gdp,total_energy\n渝中区,2023,1,abc,10\n", "utf-8")
    form = page.get_by_test_id("pack-upload-form")
    form.get_by_label("数据类型").select_option("district_energy")
    form.get_by_label("文件").set_input_files(str(bad))
    form.get_by_role("button", name="检查并导入").click()
    page.wait_for_load_state()
    rows = page.locator("[data-testid=upload-error]").all_inner_texts()
    assert len(rows) == 1 and rows[0].startswith("2\tgdp\t")
    screenshot(page, "energy-upload")
