"""The energy page and the pack data upload: the barometer per quarter with the fixture's levels
(table, map, counts), the clause of each block linked into the ledger, the synthetic notice,
English; the upload for supervisors and administrators only (a viewer and a reporter get 403,
an anonymous visitor is sent to sign in), all or nothing, and the template download."""

from __future__ import annotations

import html
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from policyledger.packs.energy.synthetic import load_synthetic
from policyledger.storage.models import PackBatch, PackRecord
from tests.packdata.helpers import ENERGY_HEADER, write_rows
from tests.web.bodies_helpers import assert_accessible, chart

# 2023 Q1 of the synthetic fixture (see synthetic/README.md): R red, Y yellow, G green
Q1_2023 = {
    "渝中区": 3,
    "江北区": 3,
    "沙坪坝区": 2,
    "九龙坡区": 3,
    "南岸区": 1,
    "北碚区": 3,
    "渝北区": 2,
    "巴南区": 3,
    "长寿区": 1,
    "涪陵区": 3,
}


@pytest.fixture
def energy_data(ingested):
    with ingested.session() as session:
        load_synthetic(session, actor="test")
    return ingested


def _rows(page: str) -> dict[str, str]:
    return dict(
        re.findall(r'data-testid="district-row" data-district="([^"]+)" data-level="([^"]+)"', page)
    )


def test_the_barometer_page_shows_the_levels_of_the_quarter(client_as, energy_data):
    viewer = client_as("viewer")
    page = viewer.get("/packs/energy", params={"period": "2023-Q1"}).text
    assert_accessible(page)
    assert _rows(page) == {name: str(level) for name, level in Q1_2023.items()}
    counts = dict(re.findall(r'<li data-level="(\d)">.*?<strong>(\d+)</strong>', page))
    assert counts == {"1": "2", "2": "2", "3": "6"}
    assert 'data-testid="synthetic"' in page and "合成数据" in page
    assert '<option value="2023-Q1" selected>2023年第一季度</option>' in page
    # 南岸区's row: its figures and the reason
    row = page.split('data-district="南岸区"', 1)[1].split("</tr>", 1)[0]
    assert ">0.2534<" in row and ">-2.00<" in row and ">3.20<" in row  # intensity, changes
    assert "能耗强度比上年同期上升2.00%（不降反升）" in row
    # each block cites its clause; the plan is in the ledger, so the clause is a link
    assert re.search(
        r'<a href="/plans/\d+#clause-四-一-1">渝府发〔2022〕39号 四、（一）1</a>', page
    )
    assert "发改办环资〔2021〕629号 正文第二段" in page
    for rule_id in ("energy.barometer", "energy.two_high", "energy.key_units", "energy.pollutants"):
        assert f'data-testid="rule-{rule_id}"' in page
    _, option = chart(page, "energy-map")
    shown = {d["name"]: d["value"] for d in option["series"][0]["data"]}
    assert shown["南岸区"] == 1 and shown["沙坪坝区"] == 2 and shown["渝中区"] == 3
    assert shown["万州区"] == -1  # no data
    assert [p["value"] for p in option["visualMap"]["pieces"]] == [-1, 1, 2, 3]
    # no budget for a quarter
    assert (
        "能源消费总量目标"
        not in page.split('data-testid="barometer-table"')[1].split("</table>")[0]
    )


def test_the_latest_quarter_by_default_with_the_budget_and_the_lists(client_as, energy_data):
    page = client_as("viewer").get("/packs/energy").text
    assert '<option value="2024-Q4" selected>2024年1—4季度</option>' in page
    levels = _rows(page)
    assert levels["北碚区"] == levels["涪陵区"] == "2"
    assert sum(level == "3" for level in levels.values()) == 8
    table = page.split('data-testid="barometer-table"')[1].split("</table>")[0]
    assert "能源消费总量目标" in table and "（调整后）" not in table and "(调整后)" in table
    assert "列入清单 13 个，加强工作指导（≥5000吨标准煤）11 个，未批先建 4 个。" in page
    flagged = re.findall(
        r'data-code="([^"]+)" data-key-guidance="\w+" data-unapproved="true"', page
    )
    assert sorted(c[-6:] for c in flagged) == ["100002", "100005", "100010", "100011"]
    assert "未批先建（2023-05-20开工，早于环评批复2023-06-01）" in page
    units = page.split('data-testid="units-table"')[1].split("</table>")[0]
    assert "70.6%" in units  # 12 of 17 key units monitored
    assert re.search(r'data-pollutant="cod" data-behind="true"', page)
    assert re.search(r'data-pollutant="nox" data-behind="false"', page)


def test_the_page_in_english(client_as, energy_data):
    page = client_as("viewer").get("/packs/energy?period=2024-Q2&lang=en").text
    assert "Energy-intensity barometer" in page and "Level 1 warning" in page
    assert '<option value="2024-Q2" selected>2024 Q1–Q2</option>' in page
    assert ">Nan&#39;an District</a>" in page
    _, option = chart(page, "energy-map")
    assert option["series"][0]["nameMap"]["南岸区"] == "Nan'an District"


def test_no_data_yet_and_an_unknown_period(client_as):
    viewer = client_as("viewer")
    page = viewer.get("/packs/energy")
    assert page.status_code == 200 and 'data-testid="no-energy-data"' in page.text
    assert 'href="/packs/energy/upload"' not in page.text  # a viewer cannot load data
    unknown = viewer.get("/packs/energy?period=2019-Q1")
    assert unknown.status_code == 404 and 'data-testid="unknown-period"' in unknown.text


def test_the_navigation_links_the_energy_page(client_as):
    page = client_as("reporter", "cq.d.yuzhong").get("/").text
    assert '<a href="/packs/energy" >能耗双控</a>' in page


# --- the upload ----------------------------------------------------------------------------------


def _counts(database) -> tuple[int, int]:
    with database.session() as session:
        return (
            session.scalar(select(func.count()).select_from(PackRecord)),
            session.scalar(select(func.count()).select_from(PackBatch)),
        )


@pytest.mark.parametrize(("role", "body"), [("viewer", None), ("reporter", "cq.d.yuzhong")])
def test_without_permission_the_upload_is_refused(client_as, ingested, tmp_path, role, body):
    client = client_as(role, body)
    assert client.get("/packs/energy/upload").status_code == 403
    assert client.get("/packs/energy/template/district_energy").status_code == 403
    csv = write_rows(tmp_path / "d.csv", ENERGY_HEADER, [["渝中区", 2023, 1, 100, 10, None]])
    response = client.post(
        "/packs/energy/upload",
        data={"kind": "district_energy"},
        files={"file": ("d.csv", csv.read_bytes(), "text/csv")},
    )
    assert response.status_code == 403
    assert "无权导入规则包数据" in response.text
    assert _counts(ingested) == (0, 0)


def test_an_anonymous_visitor_is_sent_to_sign_in(anonymous_client):
    for path in ("/packs/energy", "/packs/energy/upload", "/packs/energy/template/key_unit"):
        response = anonymous_client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=" + path


def test_a_supervisor_uploads_all_or_nothing(client_as, ingested, tmp_path):
    supervisor = client_as("supervisor")
    form = supervisor.get("/packs/energy/upload").text
    assert_accessible(form)
    assert 'href="/packs/energy/template/district_energy"' in form
    bad = write_rows(
        tmp_path / "bad.csv",
        ENERGY_HEADER,
        [["渝中区", 2023, 1, 100, 10, None], ["渝中区", 2023, 2, "abc", 10, None]],
    )
    response = supervisor.post(
        "/packs/energy/upload",
        data={"kind": "district_energy"},
        files={"file": ("bad.csv", bad.read_bytes(), "text/csv")},
    )
    assert response.status_code == 422
    errors = re.findall(
        r'data-testid="upload-error" data-row="(\d+)"><td class="num">\d+</td><td><code>(\w+)</code>',
        response.text,
    )
    assert errors == [("3", "gdp")]
    assert "未导入任何数据。" in response.text
    assert _counts(ingested) == (0, 0)

    good = write_rows(tmp_path / "good.csv", ENERGY_HEADER, [["渝中区", 2023, 1, 100, 10, None]])
    response = supervisor.post(
        "/packs/energy/upload",
        data={"kind": "district_energy"},
        files={"file": ("good.csv", good.read_bytes(), "text/csv")},
    )
    assert response.status_code == 200
    assert '<span data-testid="added">1</span>' in response.text
    assert _counts(ingested) == (1, 1)
    no_kind = supervisor.post(
        "/packs/energy/upload", files={"file": ("good.csv", good.read_bytes(), "text/csv")}
    )
    assert no_kind.status_code == 400 and "请选择数据类型。" in no_kind.text


def test_the_upload_needs_the_csrf_token(client_as, tmp_path):
    admin = client_as("admin")
    del admin.headers["X-CSRF-Token"]
    good = write_rows(tmp_path / "good.csv", ENERGY_HEADER, [["渝中区", 2023, 1, 100, 10, None]])
    response = admin.post(
        "/packs/energy/upload",
        data={"kind": "district_energy"},
        files={"file": ("good.csv", good.read_bytes(), "text/csv")},
    )
    assert response.status_code == 403


def test_the_template_download(client_as):
    response = client_as("admin").get("/packs/energy/template/two_high_project")
    assert response.status_code == 200
    assert "two_high_project-template.xlsx" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][2]][:2] == ["code", "name"]
    unknown = client_as("supervisor").get("/packs/nothing/template/x")
    assert unknown.status_code == 404
    assert html.unescape("没有这个规则包") in unknown.text
