"""The integrity check (policyledger.storage.integrity, ``policyledger check``): silent on a
sound ledger, one exact line for each kind of damage, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, text, update

from policyledger.cli import main
from policyledger.storage import integrity
from policyledger.storage.integrity import check_integrity
from policyledger.storage.models import AuditLog, ImportBatch, Observation
from policyledger.storage.statistics import load_sample_statistics


@pytest.fixture
def ledger(ingested):
    """The sample ledger with the published statistics: 18 observations in one batch."""
    with ingested.session() as s:
        load_sample_statistics(s)
    return ingested


def observations(session) -> list[Observation]:
    return list(session.scalars(select(Observation).order_by(Observation.id)))


def test_a_sound_ledger_has_no_problems(ledger, database_url, capsys):
    with ledger.session() as s:
        assert check_integrity(s) == []
        total = len(observations(s))
    assert main(["check", "--db", database_url]) == 0
    assert capsys.readouterr().out == f"ledger OK ({total} observations, 1 batches checked)\n"


def test_each_kind_of_damage_is_one_line(ledger):
    session = ledger.sessions()
    try:
        rows = observations(session)
        first, second, third = rows[0], rows[1], rows[2]
        batch = session.scalar(select(ImportBatch))
        # two current values of one period (only possible without the unique index)
        session.execute(text("DROP INDEX uq_observation_current_period"))
        twin = {
            c.name: getattr(first, c.key)
            for c in Observation.__table__.columns
            if c.name not in ("id", "batch_id")
        }
        session.execute(insert(Observation), [{**twin, "version": first.version + 1}])
        # a correction pointing at another target's value
        session.execute(
            update(Observation).where(Observation.id == second.id).values(supersedes_id=third.id)
        )
        # a current value that was never approved
        session.execute(
            update(Observation).where(Observation.id == third.id).values(status="submitted")
        )
        # a version number used twice
        session.execute(
            insert(Observation), [{**twin, "is_current": False, "version": first.version}]
        )
        # an import cut short, a batch nobody recorded, an audit row about nothing
        session.execute(update(ImportBatch).values(rows=ImportBatch.rows + 1))
        session.add(ImportBatch(filename="x.csv", sha256="0" * 64, kind="csv", rows=0, actor="x"))
        session.add(AuditLog(actor="x", action="report", entity="observation", entity_id="987654"))
        session.flush()
        orphan = session.scalar(select(ImportBatch.id).where(ImportBatch.filename == "x.csv"))
        audit_id = session.scalar(select(AuditLog.id).where(AuditLog.entity_id == "987654"))
        lineage, period = first.target_lineage, first.period
        assert check_integrity(session) == [
            f"target {lineage}, period {period}: 2 current observations (at most one)",
            f"observation {second.id} (target {second.target_lineage}, period {second.period}) "
            f"supersedes observation {third.id} of target {third.target_lineage}, "
            f"period {third.period}",
            f"observation {third.id} is current but submitted, not approved",
            f"target {lineage}, period {period}: version {first.version} appears 2 times",
            f"import batch {batch.id} records {batch.rows} rows but holds {len(rows)} "
            "observations (an incomplete import)",
            f"import batch {orphan} has no audit row recording its import",
            f"audit row {audit_id} (report) refers to observation 987654, which does not exist",
        ]
    finally:
        session.rollback()
        session.close()
    with ledger.session() as s:
        assert check_integrity(s) == []  # the index and the data are back


def test_many_problems_of_a_kind_are_counted_after_the_first(ledger, monkeypatch):
    monkeypatch.setattr(integrity, "MAX_SHOWN", 5)
    session = ledger.sessions()
    try:
        session.execute(update(Observation).values(status="returned"))
        problems = check_integrity(session)
        total = len(observations(session))
        assert len(problems) == 5 + 1
        assert problems[-1] == f"… and {total - 5} more current observations not approved"
    finally:
        session.rollback()
        session.close()


def test_sqlite_checks_the_file_and_its_foreign_keys(ledger):
    session = ledger.sessions()
    if session.get_bind().dialect.name != "sqlite":
        session.close()
        pytest.skip("PRAGMA checks are SQLite's")
    try:
        first = observations(session)[0]
        session.execute(update(Observation).where(Observation.id == 0).values(value=0))  # BEGIN
        session.execute(text("PRAGMA defer_foreign_keys=ON"))  # checked at commit: never reached
        session.execute(
            update(Observation).where(Observation.id == first.id).values(supersedes_id=424242)
        )
        problems = check_integrity(session)
        assert problems == [
            f"table observation row {first.id}: foreign key to observation points to no row",
            f"observation {first.id} supersedes observation 424242, which does not exist",
        ]
    finally:
        session.rollback()
        session.close()


def test_the_command_lists_problems_and_exits_1(ledger, database_url, capsys):
    with ledger.session() as s:  # committed: the db fixture empties the ledger afterwards
        first = observations(s)[0]
        s.execute(update(Observation).where(Observation.id == first.id).values(status="submitted"))
    assert main(["check", "--db", database_url]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"observation {first.id} is current but submitted, not approved\n"
    assert captured.err.startswith("policyledger: error: the ledger ")
    assert captured.err.endswith(" has 1 problem\n")


def test_the_command_refuses_what_is_not_a_ledger(tmp_path, capsys):
    missing = tmp_path / "missing.db"
    assert main(["check", "--db", str(missing)]) == 1
    assert capsys.readouterr().err == f"policyledger: error: no ledger at {missing}\n"
    assert not missing.exists()  # the check never creates a file
    other = tmp_path / "other.db"
    import sqlite3

    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert main(["check", "--db", str(other)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"policyledger: error: sqlite:///{other} is not a ledger (it has no observation table)\n"
    )
