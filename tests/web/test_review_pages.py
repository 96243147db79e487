"""Reports through review on the pages: a reporter's form is bound to the reporter's own
district and its value waits for review ("已提交，待审核"); a reporter of one district gets 403
on another district's target; a supervisor approves (the value becomes the approved one, the
old stays in the history) or returns with a reason; each decision writes an audit row with the
supervisor's name; the target page shows pending values apart from approved ones."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from policyledger.storage.models import Assignment, AuditLog, Observation, Target
from policyledger.storage.observations import NewObservation, add_observation
from policyledger.storage.queries import current_targets, find_body, targets_owned_by
from tests.web.bodies_helpers import observations

YUZHONG, JIANGBEI = "cq.d.yuzhong", "cq.d.jiangbei"


def jiangbei_only_target(database) -> Target:
    """A target no district owns, given to 江北区 alone."""
    with database.session() as session:
        carried = {t.id for t in targets_owned_by(session, find_body(session, YUZHONG))}
        target = next(t for t in session.scalars(current_targets()) if t.id not in carried)
        session.add(Assignment(target_lineage=target.lineage, body_id=JIANGBEI, role="owner"))
        return target


def district_target(database) -> Target:
    with database.session() as session:
        return targets_owned_by(session, find_body(session, YUZHONG))[0]


def report(client, body: str, target: Target, period: str = "2024", value: str = "3.5"):
    data = {"body": body, "target": str(target.lineage), "period": period, "value": value}
    return client.post("/report", data=data, follow_redirects=False)


def test_a_reporter_of_one_district_gets_403_on_another_districts_target(client_as, ingested):
    target = jiangbei_only_target(ingested)
    yuzhong = client_as("reporter", YUZHONG)
    for body in (YUZHONG, JIANGBEI):  # as its own district, or pretending to be the other
        response = report(yuzhong, body, target)
        assert response.status_code == 403
        message = re.search(r'data-testid="error-message">(.*?)<', response.text).group(1)
        assert message in (
            "渝中区不是该目标的责任单位，不能报送。",
            "报送人只能为本单位（渝中区）报送。",
        )
    assert observations(ingested) == 0
    jiangbei = client_as("reporter", JIANGBEI)
    assert report(jiangbei, JIANGBEI, target).status_code == 303
    assert observations(ingested) == 1


def test_a_reporters_form_is_bound_to_its_district(client_as, ingested):
    target = district_target(ingested)
    reporter = client_as("reporter", YUZHONG)
    page = reporter.get("/report", params={"body": "cq.sww", "target": target.lineage}).text
    assert 'data-testid="bound-body"' in page and "渝中区" in page
    assert 'id="f-body"' not in page  # no body to choose
    assert '<input type="hidden" name="body" value="cq.d.yuzhong">' in page
    assert f'<option value="{target.lineage}"' in page
    assert reporter.get("/report/template", params={"body": "cq.sww"}).status_code == 403
    own = reporter.get("/report/template")
    assert own.status_code == 200 and own.content[:2] == b"PK"


def test_a_reporters_value_waits_for_review(client_as, ingested):
    target = district_target(ingested)
    reporter = client_as("reporter", YUZHONG)
    response = report(reporter, YUZHONG, target)
    assert response.status_code == 303
    confirmed = reporter.get(response.headers["location"]).text
    assert 'data-testid="submitted">已提交，待审核<' in confirmed
    assert 'data-testid="recent" data-status="submitted"' in confirmed
    english = reporter.get(response.headers["location"] + "&lang=en").text
    assert "Submitted, waiting for review" in english
    with ingested.session() as session:
        (row,) = session.scalars(select(Observation)).all()
        assert (row.status, row.is_current, row.actor) == (
            "submitted",
            False,
            "reporter-cq.d.yuzhong",
        )
        audit = session.scalars(select(AuditLog).where(AuditLog.entity == "observation")).one()
        assert (audit.action, audit.actor, audit.address) == ("submit", row.actor, "testclient")


@pytest.fixture
def pending(ingested):
    """An approved value of a district target for 2023 and a reporter's correction of it."""
    target = district_target(ingested)
    with ingested.session() as session:
        old = NewObservation(target.lineage, "2023", 10.0, target.unit, reporter_id=YUZHONG)
        approved = add_observation(session, old, "supervisor-all")
        new = NewObservation(target.lineage, "2023", 12.5, target.unit, reporter_id=YUZHONG)
        submitted = add_observation(session, new, "reporter-cq.d.yuzhong", status="submitted")
        return target, approved.id, submitted.id


def test_the_review_page_lists_pending_values_with_what_they_replace(client_as, pending):
    target, _, submitted = pending
    page = client_as("supervisor").get("/review").text
    row = re.search(rf'<tr data-testid="pending" data-id="{submitted}">(.*?)</tr>', page, re.S)
    assert row, page
    cells = row.group(1)
    assert target.metric in cells and "渝中区" in cells and "2023" in cells
    assert re.search(r'data-testid="pending-value">12.5 ', cells)
    assert re.search(r'data-testid="pending-current">10 ', cells)
    assert 'name="reason"' in cells and "required" in cells
    assert 'data-testid="pending-count">1<' in page


def test_approving_makes_the_value_the_approved_one(client_as, ingested, pending):
    target, approved, submitted = pending
    supervisor = client_as("supervisor")
    before = supervisor.get(f"/targets/{target.id}").text
    assert 'data-testid="pending-values"' in before and "12.5" in before
    response = supervisor.post(f"/review/{submitted}/approve", follow_redirects=False)
    assert response.status_code == 303
    done = supervisor.get(response.headers["location"]).text
    assert 'data-testid="review-done"' in done and "已通过" in done
    assert 'data-testid="review-empty"' in done
    with ingested.session() as session:
        new, old = session.get(Observation, submitted), session.get(Observation, approved)
        assert (new.status, new.is_current, new.reviewed_by) == ("approved", True, "supervisor-all")
        assert not old.is_current and new.supersedes_id == old.id
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "approve")).one()
        assert audit.actor == "supervisor-all" and audit.address == "testclient"
        assert (audit.detail["old_value"], audit.detail["new_value"]) == (10.0, 12.5)
    after = supervisor.get(f"/targets/{target.id}").text
    assert 'data-testid="pending-values"' not in after
    again = supervisor.post(f"/review/{submitted}/approve")
    assert again.status_code == 409
    assert re.findall(r'data-testid="review-error"><p>(.*?)</p>', again.text) == [
        "这条报送已处理（已通过），不在待审核之列。"
    ]


def test_returning_needs_a_reason_and_keeps_the_approved_value(client_as, ingested, pending):
    _, approved, submitted = pending
    supervisor = client_as("admin")
    blank = supervisor.post(f"/review/{submitted}/return", data={"reason": "  "})
    assert blank.status_code == 422 and "退回须填写原因。" in blank.text
    too_long = supervisor.post(f"/review/{submitted}/return", data={"reason": "长" * 2001})
    assert too_long.status_code == 422
    response = supervisor.post(
        f"/review/{submitted}/return", data={"reason": "与统计公报不符"}, follow_redirects=False
    )
    assert response.status_code == 303
    with ingested.session() as session:
        row = session.get(Observation, submitted)
        assert (row.status, row.review_note, row.reviewed_by) == (
            "returned",
            "与统计公报不符",
            "admin-all",
        )
        assert session.get(Observation, approved).is_current
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "return")).one()
        assert audit.actor == "admin-all" and audit.detail["reason"] == "与统计公报不符"
    reporter = client_as("reporter", YUZHONG)
    page = reporter.get("/report").text  # the reporter sees it came back, and why
    assert 'data-testid="recent" data-status="returned"' in page and "与统计公报不符" in page


def test_unknown_or_malformed_ids_are_one_line(client_as):
    supervisor = client_as("supervisor")
    for path in ("/review/999999/approve", "/review/abc/approve", "/review/1e3/return"):
        response = supervisor.post(path, data={"reason": "x"})
        assert response.status_code == 404, path
        assert "没有这条报送。" in response.text and "Traceback" not in response.text


def test_the_target_page_shows_pending_values_apart(site_client, ingested, pending):
    target, _, _ = pending
    page = site_client.get(f"/targets/{target.id}").text
    history = re.search(r'data-testid="history">(.*?)</table>', page, re.S).group(1)
    waiting = re.search(r'data-testid="pending-values">(.*?)</table>', page, re.S).group(1)
    assert ">10<" in history and "12.5" not in history
    assert "12.5" in waiting and "待审核" in waiting
    assert 'href="/review"' in page  # a reviewer is pointed to the review page


def test_a_reporters_upload_waits_for_review(client_as, ingested, tmp_path):
    from tests.reporting.helpers import write_csv

    target = district_target(ingested)
    reporter = client_as("reporter", YUZHONG)
    path = write_csv(
        tmp_path / "yuzhong.csv", [{"target_id": target.lineage, "period": "2024", "value": 7}]
    )
    files = {"file": (path.name, path.read_bytes(), "text/csv")}
    response = reporter.post("/report/upload", files=files)
    assert response.status_code == 200
    assert 'data-testid="submitted"><strong>已提交，待审核</strong>' in response.text
    with ingested.session() as session:
        (row,) = session.scalars(select(Observation)).all()
        assert (row.status, row.reporter_id, row.actor) == (
            "submitted",
            YUZHONG,
            "reporter-cq.d.yuzhong",
        )
    other = client_as("reporter", "cq.sww")
    refused = other.post("/report/upload", files=files, data={"body": YUZHONG})
    assert refused.status_code == 403
    assert observations(ingested) == 1
