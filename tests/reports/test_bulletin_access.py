"""The bulletin from the web overview (a download with a UTF-8 file name; a bad period shown next
to the form) and from the command line (the file written whole, one line on stdout; each error
one line on stderr, exit status 1, nothing written)."""

from __future__ import annotations

import warnings

import pytest

from policyledger.cli import main
from policyledger.storage.statistics import load_sample_statistics


@pytest.fixture
def ledger(ingested):
    """The sample gazette with the published statistics as observations (nothing assessed)."""
    with ingested.session() as session:
        load_sample_statistics(session)
    return ingested


def test_web_download_returns_the_docx(ledger, make_user):
    from policyledger.web import create_site
    from tests.web.auth_helpers import SECRET, sign_in

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    make_user("viewer")
    with TestClient(create_site(ledger, secret_key=SECRET)) as client:
        assert client.get("/bulletin", follow_redirects=False).status_code == 303  # sign in first
        sign_in(client, "viewer-all")
        response = client.get("/bulletin", params={"period": "2024-12", "format": "docx"})
        assert response.status_code == 200
        assert response.headers["content-type"] == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        disposition = response.headers["content-disposition"]
        assert 'filename="bulletin-2024-12.docx"' in disposition
        assert "filename*=UTF-8''%E6%94%BF%E7%AD%96" in disposition  # 政策…
        assert response.content[:2] == b"PK"
        overview = client.get("/").text
        assert 'id="bu-period" name="period" autocomplete="off" value="2024-12"' in overview
        assert '<label for="bu-format">' in overview and 'action="/bulletin"' in overview
        bad = client.get("/bulletin", params={"period": "2024-13"})
        assert bad.status_code == 400 and 'data-testid="bulletin-error"' in bad.text


def test_cli_writes_the_file_and_prints_one_line(ledger, database_url, tmp_path, capsys):
    target = tmp_path / "通报.html"
    assert main(["bulletin", "--period", "2024-12", "-o", str(target), "--db", database_url]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "HTML" in out and "目标 91 个" in out
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2024-13"], "not a reporting period: '2024-13'"),
        (["--period", "2024-12", "--plan", "不存在的方案"], "no plan whose name contains"),
        (["--period", "2999-01"], "has not ended yet"),
    ],
)
def test_cli_errors_are_one_line(ledger, database_url, tmp_path, capsys, args, message):
    target = tmp_path / "b.docx"
    assert main(["bulletin", *args, "-o", str(target), "--db", database_url]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("policyledger: error:") and message in err[0]
    assert not target.exists()


def test_cli_refuses_an_unwritable_output(ledger, database_url, tmp_path, capsys):
    missing = tmp_path / "no-such-folder" / "b.docx"
    assert main(["bulletin", "--period", "2024-12", "-o", str(missing), "--db", database_url]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["bulletin", "--period", "2024-12", "-o", str(tmp_path / "b.txt")]) == 1
    assert "cannot tell the format" in capsys.readouterr().err
