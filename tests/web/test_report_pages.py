"""The report page: a value saved and confirmed, or errors shown next to their fields and nothing
saved; a body reporting on a target it does not own; the Excel upload (all rows or none, every
bad row listed) and the template download."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from policyledger.reporting import write_template
from policyledger.services.assessment import ownership
from policyledger.storage.models import ImportBatch, Observation
from policyledger.storage.queries import find_body, is_owner, targets_owned_by
from tests.reporting.helpers import fill, row_of
from tests.web.bodies_helpers import assert_accessible, ev_target, observations

# --- the report form -----------------------------------------------------------------------------


def test_a_valid_report_is_saved_and_confirmed(site_client, ingested):
    ev = ev_target(ingested)
    form = site_client.get("/report", params={"body": "市商务委", "target": ev.lineage}).text
    assert_accessible(form)
    assert f'<option value="{ev.lineage}" data-unit="万辆" selected>' in form
    assert '<span id="f-value-unit" data-testid="unit">万辆</span>' in form
    assert "2024-Q3" in form and "2024-H1" in form  # the accepted forms, in the help text
    assert 'href="/report/template?body=cq.sww"' in form
    response = site_client.post(
        "/report",
        data={
            "body": "cq.sww",
            "target": str(ev.lineage),
            "period": "2024",
            "value": "95.32",
            "note": "全年",
            "source_url": "https://tjj.cq.gov.cn/2024",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    confirmed = site_client.get(response.headers["location"])
    assert confirmed.status_code == 200
    assert 'data-testid="saved"' in confirmed.text and "95.32" in confirmed.text
    assert f'href="/targets/{ev.id}" data-testid="saved-target-link"' in confirmed.text
    with ingested.session() as session:
        (row,) = session.scalars(select(Observation)).all()
    assert (row.target_lineage, row.period, row.value, row.unit) == (
        ev.lineage,
        "2024",
        95.32,
        "万辆",
    )
    assert (row.actor, row.reporter_id, row.note) == ("admin-all", "cq.sww", "全年")
    assert row.status == "approved"  # an administrator's value needs no review


def test_the_target_page_link_preselects_its_lead_body_and_the_target(site_client, ingested):
    ev = ev_target(ingested)
    page = site_client.get("/report", params={"target": ev.lineage}).text
    assert '<option value="cq.jjxxw" selected>' in page  # 市经济信息委 leads 三/四/3
    assert f'<option value="{ev.lineage}" data-unit="万辆" selected>' in page
    unknown = site_client.get("/report", params={"body": "没有这个单位"}).text
    select = re.search(r'<select id="f-body"[^>]*>', unknown).group(0)
    assert 'aria-invalid="true"' in select and 'aria-describedby="f-body-error"' in select
    assert 'id="f-body-error"' in unknown


def test_an_invalid_report_shows_errors_next_to_the_fields_and_saves_nothing(site_client, ingested):
    ev = ev_target(ingested)
    response = site_client.post(
        "/report",
        data={"body": "cq.sww", "target": str(ev.lineage), "period": "2024年底", "value": "九十"},
    )
    assert response.status_code == 422
    page = response.text
    assert_accessible(page)
    for name in ("period", "value"):
        field = re.search(rf'<input [^>]*id="f-{name}"[^>]*>', page).group(0)
        assert 'aria-invalid="true"' in field
        described = re.search(r'aria-describedby="([^"]+)"', field).group(1).split()
        assert f"f-{name}-error" in described
        error = re.search(rf'<p class="field-error" id="f-{name}-error"[^>]*>(.*?)</p>', page)
        assert error, name
    assert "2024-Q3" in page  # the period message says what to write
    assert 'value="2024年底"' in page and 'value="九十"' in page  # kept as typed
    assert 'data-testid="error-summary"' in page
    assert observations(ingested) == 0


def test_a_body_cannot_report_on_a_target_it_does_not_own(site_client, ingested):
    ev = ev_target(ingested)
    with ingested.session() as session:
        owned = ownership(session)
        other = next(
            body for body, ids in sorted(owned.items()) if ids and ev.id not in ids
        )  # a body owning other targets
        assert not is_owner(session, find_body(session, other), ev)
    response = site_client.post(
        "/report",
        data={"body": other, "target": str(ev.lineage), "period": "2024", "value": "1"},
    )
    assert response.status_code == 422
    assert 'data-testid="error-target"' in response.text
    assert observations(ingested) == 0


# --- the Excel upload ----------------------------------------------------------------------------


@pytest.fixture
def template(ingested, tmp_path):
    path = tmp_path / "swj-template.xlsx"
    with ingested.session() as session:
        write_template(session, find_body(session, "市商务委"), path)
    return path


def upload(client, path, body: str | None = "cq.sww"):
    data = {"body": body} if body else {}
    files = {"file": (path.name, path.read_bytes(), "application/octet-stream")}
    return client.post("/report/upload", data=data, files=files)


def test_an_upload_with_a_bad_row_lists_it_and_imports_nothing(
    site_client, ingested, template, tmp_path
):
    ev = ev_target(ingested)
    with ingested.session() as session:
        owned = targets_owned_by(session, find_body(session, "市商务委"))
    second = next(t.lineage for t in owned if t.lineage != ev.lineage)
    bad_row = row_of(template, second)
    filled = tmp_path / "swj-2024.xlsx"
    fill(
        template,
        filled,
        {
            row_of(template, ev.lineage): {"period": "2024", "value": 95.32},
            bad_row: {"period": "2024", "value": "很多"},
        },
    )
    response = upload(site_client, filled)
    assert response.status_code == 422
    page = response.text
    assert_accessible(page)
    assert "未导入任何数据" in page
    errors = re.findall(r'data-testid="upload-error" data-row="(\d+)"', page)
    assert errors == [str(bad_row)]
    assert "<code>value</code>" in page
    assert observations(ingested) == 0
    with ingested.session() as session:
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_a_good_upload_imports_and_the_template_downloads(
    site_client, ingested, template, tmp_path
):
    ev = ev_target(ingested)
    filled = tmp_path / "swj-good.xlsx"
    fill(template, filled, {row_of(template, ev.lineage): {"period": "2024", "value": 95.32}})
    response = upload(site_client, filled)
    assert response.status_code == 200
    assert re.search(r'data-testid="rows-imported">1<', response.text)
    with ingested.session() as session:
        (row,) = session.scalars(select(Observation)).all()
    assert (row.target_lineage, row.value, row.actor) == (ev.lineage, 95.32, "admin-all")
    assert row.status == "approved"
    download = site_client.get("/report/template", params={"body": "市商务委"})
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in download.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(download.content)).worksheets[0]
    assert sheet.max_row > 2


def test_an_upload_that_is_not_a_report_gives_one_line(site_client, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    response = upload(site_client, path)
    assert response.status_code == 400
    message = re.search(r'data-testid="upload-message"><p[^>]*>(.*?)</p>', response.text).group(1)
    assert "notes.txt" in message and "\n" not in message
