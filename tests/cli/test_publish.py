"""``policyledger publish``, ``ingest --publish`` and the demo: what the public view shows."""

from __future__ import annotations

from sqlalchemy import select

from policyledger import cli
from policyledger.storage import open_database
from policyledger.storage.models import AuditLog, Document, User


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def published(database) -> dict[str, bool]:
    with database.session() as session:
        rows = session.execute(select(Document.doc_number, Document.published)).all()
    return {number: flag for number, flag in rows}


def test_publish_by_number_and_id_then_unpublish(ingested, database_url, capsys):
    assert not any(published(ingested).values())
    with ingested.session() as session:
        first = session.scalar(
            select(Document.id).where(Document.doc_number == "渝府发〔2022〕39号")
        )
    code, out, err = run(
        capsys, "publish", "渝府办发〔2022〕107号", str(first), "--db", database_url
    )
    assert code == 0, err
    assert out.count("已公开") == 2
    assert published(ingested) == {
        "渝府发〔2022〕39号": True,
        "渝府办发〔2022〕105号": False,
        "渝府办发〔2022〕107号": True,
    }
    code, out, _ = run(capsys, "publish", str(first), "--db", database_url)
    assert "未变化" in out  # publishing again changes nothing and audits nothing

    code, out, _ = run(
        capsys, "publish", "--unpublish", "渝府办发〔2022〕107号", "--db", database_url
    )
    assert code == 0 and "已撤回" in out
    assert published(ingested)["渝府办发〔2022〕107号"] is False
    with ingested.session() as session:
        audit = session.execute(
            select(AuditLog.action, AuditLog.actor, AuditLog.detail)
            .where(AuditLog.entity == "document", AuditLog.action.in_(["publish", "unpublish"]))
            .order_by(AuditLog.id)
        ).all()
    assert [a for a, _, _ in audit] == ["publish", "publish", "unpublish"]
    assert all(actor.startswith("cli:") for _, actor, _ in audit)
    assert audit[-1][2] == {"old_value": True, "new_value": False}


def test_unknown_document_changes_nothing(ingested, database_url, capsys):
    code, _, err = run(
        capsys, "publish", "渝府发〔2022〕39号", "渝府发〔2099〕1号", "--db", database_url
    )
    assert code == 1 and err.count("\n") == 1 and "渝府发〔2099〕1号" in err
    assert not any(published(ingested).values())


def test_ingest_publish(db, database_url, capsys):
    code, out, err = run(capsys, "ingest", "--sample", "--publish", "--db", database_url)
    assert code == 0, err
    assert out.count("已公开") == 3
    assert all(published(db).values()) and len(published(db)) == 3


def test_demo_publishes_the_sample_and_creates_no_user(tmp_path, capsys):
    path = tmp_path / "demo.db"
    code, _, err = run(capsys, "demo", "--no-serve", "--db", str(path))
    assert code == 0, err
    assert f"policyledger user add admin --role admin --db {path}" in err
    database = open_database(str(path))
    try:
        assert all(published(database).values()) and len(published(database)) == 3
        with database.session() as session:
            assert session.scalar(select(User.id)) is None
    finally:
        database.dispose()
