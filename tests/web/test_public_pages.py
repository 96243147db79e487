"""The public view, open to anyone: the plans of published documents only (current versions),
each target with its latest approved value and the colour of its latest stored assessment; an
unpublished document's plans are not listed and are 404 even by id; no value waiting for
review, no reporter or user name appears."""

from __future__ import annotations

import re

from sqlalchemy import select

from policyledger.storage.models import Document, Observation, Plan
from policyledger.storage.observations import NewObservation, add_observation
from tests.web.bodies_helpers import assert_accessible, assess, ev_target

TRADE_DOC = "渝府办发〔2022〕107号"  # holds the trade plan


def publish(database, doc_number: str) -> tuple[list[int], list[int]]:
    """Publish one document; the plan ids of it and of the others."""
    with database.session() as session:
        mine, others = [], []
        for document in session.scalars(select(Document)):
            document.published = document.doc_number == doc_number
        for plan, number in session.execute(
            select(Plan.id, Document.doc_number).join(Document, Plan.document_id == Document.id)
        ):
            (mine if number == doc_number else others).append(plan)
    return mine, others


def test_the_public_view_shows_only_published_documents(anonymous_client, ingested):
    empty = anonymous_client.get("/public")
    assert empty.status_code == 200 and 'data-testid="public-empty"' in empty.text
    ev = ev_target(ingested)
    with ingested.session() as session:
        ev_doc = session.scalar(
            select(Document.doc_number)
            .join(Plan, Plan.document_id == Document.id)
            .where(Plan.id == ev.plan_id)
        )
    published, unpublished = publish(ingested, ev_doc)
    page = anonymous_client.get("/public").text
    assert_accessible(page)
    listed = {int(n) for n in re.findall(r'href="/public/plans/(\d+)"', page)}
    assert listed == set(published) and listed
    for plan in unpublished:
        assert anonymous_client.get(f"/public/plans/{plan}").status_code == 404
    assert anonymous_client.get("/public/plans/abc").status_code == 404
    english = anonymous_client.get("/public?lang=en").text
    assert "Public information" in english and '<html lang="en">' in english


def test_public_targets_show_approved_values_and_their_colour_only(anonymous_client, ingested):
    assess(ingested)  # the sample statistics as approved values, assessed at the end of 2024
    ev = ev_target(ingested)
    with ingested.session() as session:
        doc = session.scalar(
            select(Document.doc_number)
            .join(Plan, Plan.document_id == Document.id)
            .where(Plan.id == ev.plan_id)
        )
        latest = session.scalars(
            select(Observation)
            .where(Observation.target_lineage == ev.lineage, Observation.is_current.is_(True))
            .order_by(Observation.period_end.desc())
        ).first()
        pending = NewObservation(ev.lineage, latest.period, 777.7, ev.unit, reporter_id="cq.sww")
        add_observation(session, pending, "reporter-cq.sww", status="submitted")
    publish(ingested, doc)
    page = anonymous_client.get(f"/public/plans/{ev.plan_id}").text
    assert_accessible(page)
    row = re.search(
        rf"<tr data-testid=\"public-target\">\s*<th scope=\"row\">{ev.scope}·{ev.metric}</th>(.*?)</tr>",
        page,
        re.S,
    )
    assert row, page
    cells = row.group(1)
    shown = f'data-testid="public-value">{latest.value:g} 万辆</td>\n      <td>{latest.period}</td>'
    assert shown in cells  # the latest approved value, not the one waiting for review
    assert re.search(r'data-warning="(red|yellow|green|blue|grey)"', cells)
    assert "777.7" not in page  # waiting for review: not public
    assert "reporter-cq.sww" not in page  # nobody's user name
    assert "市经济信息委" in cells or "市商务委" in cells  # the responsible bodies are named
    signed_out = anonymous_client.get(f"/targets/{ev.id}", follow_redirects=False)
    assert signed_out.status_code == 303  # the full target page is not public
