"""Storing extractions: idempotent re-ingest, versions, and progress that survives a revision."""

from __future__ import annotations

from sqlalchemy import func, select

from policyledger.ingest import extract_text
from policyledger.storage.ingest import ingest_extraction
from policyledger.storage.models import (
    Assignment,
    AuditLog,
    Body,
    Document,
    Observation,
    Plan,
    Target,
    Task,
)
from policyledger.storage.observations import NewObservation, add_observation
from policyledger.storage.queries import current_targets, owners_of, targets_owned_by
from tests.conftest import SAMPLE


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_sample_is_stored_with_its_structure(ingested):
    with ingested.session() as s:
        assert count(s, Document) == 3
        assert count(s, Plan) == 4
        assert count(s, Task) == 121
        assert count(s, Target) == 91
        trade = s.scalar(select(Plan).where(Plan.name.like("%外贸高质量发展%")))
        assert (trade.start.isoformat(), trade.end_year) == ("2021-12-31", 2024)
        energy = s.scalar(select(Plan).where(Plan.name.like("%节能减排%")))
        assert (energy.start.isoformat(), energy.end_year) == ("2020-12-31", 2025)
        # 三/四/3: 市经济信息委、市生态环境局牵头 …
        task = s.scalar(select(Task).where(Task.plan_id == energy.id, Task.path == "三/四/3"))
        roles = {a.body.name: a.role for a in task.assignments}
        assert roles["市经济信息委"] == "lead" and roles["市发展改革委"] == "cooperating"
        assert task.districts_responsible


def test_unknown_bodies_are_kept_and_flagged(ingested):
    with ingested.session() as s:
        body = s.get(Body, "unregistered:市级有关部门")
        assert body is not None and not body.registered
        assert count(s, Assignment) > 400


def test_reingesting_the_same_file_changes_nothing(ingested, sample_text):
    with ingested.session() as s:
        before = {m.__tablename__: count(s, m) for m in (Document, Target, Task, AuditLog)}
        result = ingest_extraction(s, extract_text(sample_text, SAMPLE.name), actor="test")
    assert not result.changed
    assert {outcome for _, outcome, _ in result.documents} == {"unchanged"}
    with ingested.session() as s:
        assert {m.__tablename__: count(s, m) for m in (Document, Target, Task, AuditLog)} == before


def test_a_revised_document_is_a_new_version_and_keeps_its_progress(ingested, sample_text):
    with ingested.session() as s:
        trade_total = s.scalar(current_targets().where(Target.metric == "外贸进出口总值"))
        add_observation(s, NewObservation(trade_total.lineage, "2023", 0.71374, "万亿元"), "test")
    revised = sample_text.replace(
        "力争全市外贸进出口总值突破1万亿元", "力争全市外贸进出口总值突破1.1万亿元"
    )
    with ingested.session() as s:
        result = ingest_extraction(s, extract_text(revised, "revised.txt"), actor="test")
    outcomes = dict((identity, outcome) for identity, outcome, _ in result.documents)
    assert outcomes == {
        "渝府发〔2022〕39号": "unchanged",
        "渝府办发〔2022〕105号": "unchanged",
        "渝府办发〔2022〕107号": "new version",
    }
    with ingested.session() as s:
        versions = s.scalars(
            select(Document)
            .where(Document.identity == "渝府办发〔2022〕107号")
            .order_by(Document.version)
        ).all()
        assert [(d.version, d.is_current) for d in versions] == [(1, False), (2, True)]
        new_total = s.scalar(current_targets().where(Target.metric == "外贸进出口总值"))
        assert new_total.value == 1.1 and new_total.id != trade_total.id
        assert new_total.lineage == trade_total.lineage  # the progress stays attached
        values = s.scalars(
            select(Observation.value).where(Observation.target_lineage == new_total.lineage)
        ).all()
        assert values == [0.71374]
        assert count(s, Target) == 91 + 35  # the old version is kept, not overwritten


def test_owners_of_a_target_and_targets_of_an_owner(ingested):
    with ingested.session() as s:
        nev = s.scalar(current_targets().where(Target.metric == "新能源汽车产量"))
        owners = owners_of(s, nev)
        assert [(b.name, role) for b, role in owners[:2]] == [
            ("市经济信息委", "lead"),
            ("市生态环境局", "lead"),
        ]
        commerce = s.scalar(select(Body).where(Body.name == "市商务委"))
        owned = targets_owned_by(s, commerce)
        assert any(t.metric == "跨境电商进出口规模" for t in owned)
        district = s.scalar(select(Body).where(Body.name == "渝中区"))
        assert any(t.metric == "新能源汽车产量" for t in targets_owned_by(s, district))
