"""The audit page and its CSV export: newest first, 50 a page, filtered by entity and actor, each
row with who, when, what, old → new, address and token; the CSV is UTF-8 with a BOM, holds the
filtered rows, and quotes text a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re

from policyledger.storage import audit
from policyledger.storage.models import Observation
from tests.web.bodies_helpers import ev_target


def _report(client, ev, period: str, value: str):
    data = {"body": "cq.sww", "target": str(ev.lineage), "period": period, "value": value}
    response = client.post("/report", data=data, follow_redirects=False)
    assert response.status_code == 303


def test_the_audit_page_shows_who_changed_what(site_client, ingested):
    ev = ev_target(ingested)
    _report(site_client, ev, "2024", "90")
    _report(site_client, ev, "2024", "95.32")  # a correction: 90 → 95.32
    page = site_client.get("/audit", params={"entity": "observation"}).text
    rows = re.findall(r'<tr data-testid="audit-row" data-id="(\d+)">(.*?)</tr>', page, re.S)
    assert len(rows) == 2
    newest, oldest = rows[0][1], rows[1][1]
    assert "admin-all" in newest and ">correct<" in newest
    assert re.search(r'data-testid="audit-change">90 → 95.32<', newest)
    assert re.search(r'data-testid="audit-change">— → 90<', oldest)
    assert "testclient" in newest  # the address the change came from
    assert int(rows[0][0]) > int(rows[1][0])
    assert 'data-testid="audit-total">2<' in page
    by_actor = site_client.get("/audit", params={"actor": "test"}).text
    actors = re.findall(
        r'<tr data-testid="audit-row"[^>]*>.*?<th scope="row">(.*?)</th>', by_actor, re.S
    )
    assert actors and set(actors) == {"test"}  # the ingest of the sample


def test_the_audit_page_is_paged(site_client, ingested):
    with ingested.session() as session:
        for n in range(120):
            audit.record(session, "bulk", "touch", "thing", n, value=n)
    first = site_client.get("/audit", params={"actor": "bulk"}).text
    assert first.count('data-testid="audit-row"') == 50
    assert 'data-testid="audit-prev"' not in first and 'data-testid="audit-next"' in first
    assert re.search(r'data-testid="audit-change">— → 119<', first)  # newest first
    last = site_client.get("/audit", params={"actor": "bulk", "page": "3"}).text
    assert last.count('data-testid="audit-row"') == 20
    assert re.search(r'data-testid="audit-change">— → 0<', last)
    assert 'href="/audit?actor=bulk&amp;page=2"' in last
    for bad in ("0", "-1", "abc", "99999999999"):
        assert site_client.get("/audit", params={"page": bad}).status_code == 200


def test_the_csv_export_holds_the_filtered_rows(site_client, ingested):
    ev = ev_target(ingested)
    _report(site_client, ev, "2024", "95.32")
    with ingested.session() as session:
        audit.record(session, "=cmd|' /C calc'!A0", "note", "observation", 1, reason="@SUM(1)")
    response = site_client.get("/audit.csv", params={"entity": "observation"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [r["action"] for r in table] == ["note", "report"]  # newest first, observations only
    reported = table[1]
    with ingested.session() as session:
        (row,) = session.query(Observation).all()
    assert (reported["actor"], reported["entity_id"], reported["new"]) == (
        "admin-all",
        str(row.id),
        "95.32",
    )
    assert reported["address"] == "testclient" and reported["old"] == ""
    assert table[0]["actor"].startswith("'=")  # not run as a formula by a spreadsheet
    everything = site_client.get("/audit.csv").content.decode("utf-8-sig")
    assert "ingest" in everything and len(everything.splitlines()) > len(table) + 1
    # Chinese as written (UTF-8, read by Excel thanks to the BOM)
    assert "渝府发〔2022〕39号" in everything
