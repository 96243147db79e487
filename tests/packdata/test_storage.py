"""The generic storage of pack records: migration 0004 creates exactly what the models say (on
SQLite and PostgreSQL), one current record per key is enforced by the database, and
``policyledger check`` sees a pack batch cut off halfway."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from policyledger.storage.integrity import check_integrity
from policyledger.storage.models import Base, PackBatch, PackRecord
from policyledger.storage.packs import BatchInfo, NewRecord, write_records


def test_the_migrations_create_what_the_models_say(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def _batch(session, sha: str, records: list[NewRecord]):
    info = BatchInfo("demo", "thing", "things.csv", sha)
    return write_records(session, info, records, actor="test")


def test_one_current_record_per_key_even_written_behind_the_writer(db):
    with db.session() as session:
        _batch(session, "a" * 64, [NewRecord("k1", {"v": 1})])
    with pytest.raises(IntegrityError), db.session() as session:
        batch = session.scalar(select(PackBatch))
        session.add(
            PackRecord(
                pack="demo",
                kind="thing",
                record_key="k1",
                data={"v": 2},
                batch_id=batch.id,
                actor="hand edit",
            )
        )
        session.flush()


def test_the_same_data_again_is_unchanged_and_other_data_supersedes(db):
    with db.session() as session:
        first = _batch(session, "a" * 64, [NewRecord("k1", {"v": 1}), NewRecord("k2", {"v": 1})])
        second = _batch(session, "b" * 64, [NewRecord("k1", {"v": 1}), NewRecord("k2", {"v": 2})])
    assert (first.added, first.superseded, first.unchanged, first.rows) == (2, 0, 0, 2)
    assert (second.added, second.superseded, second.unchanged, second.rows) == (0, 1, 1, 1)
    with db.session() as session:
        rows = {b.sha256[0]: b.rows for b in session.scalars(select(PackBatch))}
        assert rows == {"a": 2, "b": 1}
        assert check_integrity(session) == []


def test_check_sees_a_pack_batch_cut_off_halfway(db):
    with db.session() as session:
        written = _batch(session, "c" * 64, [NewRecord("k1", {"v": 1}), NewRecord("k2", {"v": 1})])
    with db.session() as session:
        session.execute(delete(PackRecord).where(PackRecord.record_key == "k2"))
    with db.session() as session:
        problems = check_integrity(session)
    assert problems == [f"pack batch {written.batch_id} records 2 rows but holds 1 records"]
