"""Submitted → approved or returned: approved values are locked; only an approved correction
supersedes one, and the history keeps every version."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from policyledger.storage.guards import MESSAGE
from policyledger.storage.models import AuditLog, Observation, Target
from policyledger.storage.observations import (
    NewObservation,
    ObservationError,
    add_observation,
    history,
)
from policyledger.storage.queries import current_targets
from policyledger.storage.review import approve, pending, return_report


def nev(session) -> Target:
    return session.scalar(current_targets().where(Target.metric == "新能源汽车产量"))


def test_a_submission_waits_and_an_approval_supersedes(ingested):
    with ingested.session() as s:
        target = nev(s)
        first = add_observation(s, NewObservation(target.lineage, "2024", 95.0, "万辆"), "sup")
        proposal = add_observation(
            s, NewObservation(target.lineage, "2024", 95.32, "万辆"), "reporter", status="submitted"
        )
        assert (proposal.is_current, proposal.supersedes_id) == (False, first.id)
        assert [o.id for o in pending(s)] == [proposal.id]
        current = s.scalar(select(Observation).where(Observation.is_current.is_(True)))
        assert current.value == 95.0  # the approved value stays until review
    with ingested.session() as s:
        approve(s, proposal.id, "supervisor", note="matches 市统计局")
    with ingested.session() as s:
        rows = history(s, target.lineage)
        assert [(r.value, r.status, r.is_current) for r in rows] == [
            (95.0, "approved", False),
            (95.32, "approved", True),
        ]
        assert rows[1].reviewed_by == "supervisor" and rows[1].supersedes_id == first.id
        actions = [
            a.action
            for a in s.scalars(select(AuditLog).order_by(AuditLog.id))
            if a.entity == "observation"
        ]
        assert actions == ["report", "submit", "approve"]
        approval = s.scalar(select(AuditLog).where(AuditLog.action == "approve"))
        assert (approval.detail["old_value"], approval.detail["new_value"]) == (95.0, 95.32)


def test_a_returned_report_changes_nothing_and_needs_a_reason(ingested):
    with ingested.session() as s:
        target = nev(s)
        row = add_observation(
            s, NewObservation(target.lineage, "2023", 50, "万辆"), "reporter", status="submitted"
        )
        with pytest.raises(ObservationError, match="reason"):
            return_report(s, row.id, "supervisor", " ")
        return_report(s, row.id, "supervisor", "请附统计公报来源")
    with ingested.session() as s:
        (only,) = history(s, target.lineage)
        assert (only.status, only.is_current, only.review_note) == (
            "returned",
            False,
            "请附统计公报来源",
        )
        with pytest.raises(ObservationError, match="not waiting for review"):
            approve(s, only.id, "supervisor")


def test_the_audit_log_cannot_be_changed_in_the_database(ingested):
    with ingested.session() as s:
        add_observation(s, NewObservation(nev(s).lineage, "2022", 36.5, "万辆"), "sup")
    with pytest.raises(Exception, match=MESSAGE), ingested.session() as s:
        row = s.scalar(select(AuditLog).limit(1))
        row.actor = "someone else"
        s.flush()
    with pytest.raises(Exception, match=MESSAGE), ingested.session() as s:
        s.delete(s.scalar(select(AuditLog).limit(1)))
        s.flush()
