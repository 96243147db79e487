"""The document upload: the sample gazette previewed (3 documents, 91 targets) before anything
is saved, then saved and saved again unchanged; a PNG renamed .pdf gives one line; a token not in
the store is refused."""

from __future__ import annotations

import re
import warnings

import pytest
from sqlalchemy import func, select

from policyledger.storage.models import AuditLog, Document, Plan, Target
from policyledger.web import create_site
from tests.conftest import SAMPLE
from tests.web.auth_helpers import SECRET, sign_in
from tests.web.bodies_helpers import assert_accessible

with warnings.catch_warnings():
    # Starlette's TestClient warns that it is built on httpx; harmless here.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# --- the document upload -------------------------------------------------------------------------


@pytest.fixture
def empty_site(db, make_user):
    """The site over an empty ledger, signed in as a supervisor (who may ingest)."""
    make_user("supervisor")
    with TestClient(create_site(db, secret_key=SECRET)) as client:
        sign_in(client, "supervisor-all")
        yield client


def test_the_sample_gazette_is_previewed_then_saved(empty_site, db):
    form = empty_site.get("/upload").text
    assert_accessible(form)
    assert "50 MB" in form and 'type="file"' in form
    files = {"file": (SAMPLE.name, SAMPLE.read_bytes(), "text/plain")}
    response = empty_site.post("/upload", files=files)
    assert response.status_code == 200
    page = response.text
    assert_accessible(page)
    assert re.search(r'data-testid="count-documents">3<', page)
    assert re.search(r'data-testid="count-targets">91<', page)
    assert page.count('data-testid="preview-target"') == 91
    assert page.count('data-testid="preview-document"') == 3
    for expected in ("渝府发〔2022〕39号", "渝府办发〔2022〕107号", "重庆市人民政府", "2022-09-18"):
        assert expected in page
    assert "各综合保税区管委会" in page  # a unit not in the registry
    with db.session() as session:  # nothing saved yet
        assert session.scalar(select(func.count()).select_from(Document)) == 0
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    saved = empty_site.post("/upload/save", data={"token": token})
    assert saved.status_code == 200
    assert saved.text.count('data-outcome="new"') == 3 and "新增" in saved.text
    with db.session() as session:
        plans = session.scalars(select(Plan.id)).all()
        assert session.scalar(select(func.count()).select_from(Document)) == 3
        assert session.scalar(select(func.count()).select_from(Target)) == 91
    for plan in plans:
        assert f'href="/plans/{plan}"' in saved.text
    with db.session() as session:  # saved under the name of who saved it
        actors = session.scalars(select(AuditLog.actor).where(AuditLog.entity == "document"))
        assert set(actors) == {"supervisor-all"}
    again = empty_site.post("/upload/save", data={"token": token})  # used: gone
    assert again.status_code == 400
    # the same file again: previewed, and saving it changes nothing
    token = re.search(
        r'name="token" value="([^"]+)"', empty_site.post("/upload", files=files).text
    ).group(1)
    unchanged = empty_site.post("/upload/save", data={"token": token}).text
    assert unchanged.count('data-outcome="unchanged"') == 3 and "未变化" in unchanged


def test_a_png_renamed_pdf_gives_a_one_line_error(empty_site):
    files = {
        "file": (
            "scan.pdf",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
            "application/pdf",
        )
    }
    response = empty_site.post("/upload", files=files)
    assert response.status_code == 422
    message = re.search(r'data-testid="upload-error"><p[^>]*>(.*?)</p>', response.text).group(1)
    assert message.startswith("scan.pdf") and "PNG" in message and "\n" not in message
    assert "Traceback" not in response.text and "/tmp" not in message


def test_a_token_not_in_the_store_is_refused(empty_site, db):
    response = empty_site.post("/upload/save", data={"token": "made-up"})
    assert response.status_code == 400
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 0
