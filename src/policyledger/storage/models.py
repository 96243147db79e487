"""The ledger's tables (SQLAlchemy 2 ORM): what was ingested, who is responsible, what was
reported, what was assessed, and the audit log.

Nothing here is ever overwritten in place: a revised document is a new version of a document,
a corrected observation is a new version that supersedes the old one. Targets keep a
``lineage`` (the id of their first version) so that progress reported against an earlier
version of a plan stays attached to the revised one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Source(Base):
    """An ingested input file, by the normalised text that every span points into."""

    __tablename__ = "source"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Gazette(Base):
    """A gazette issue (公报), when the input was one."""

    __tablename__ = "gazette"
    __table_args__ = (UniqueConstraint("title", "year", "issue"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    year: Mapped[int | None] = mapped_column(Integer)
    issue: Mapped[int | None] = mapped_column(Integer)
    cumulative_issue: Mapped[int | None] = mapped_column(Integer)
    published: Mapped[dt.date | None] = mapped_column(Date)


class Document(Base):
    """One version of a document (通知, 意见 …). ``identity`` (文号, or the title) groups the
    versions; only the latest is ``is_current``."""

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("identity", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(String(300), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    gazette_id: Mapped[int | None] = mapped_column(ForeignKey("gazette.id"))
    doc_number: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str | None] = mapped_column(String(200))
    signed: Mapped[dt.date | None] = mapped_column(Date)
    recipients: Mapped[list] = mapped_column(JSON, default=list)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # shown to anonymous visitors of the public view only when an administrator publishes it
    published: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    source: Mapped[Source] = relationship()
    gazette: Mapped[Gazette | None] = relationship()
    plans: Mapped[list[Plan]] = relationship(back_populates="document", order_by="Plan.position")


class Plan(Base):
    """A plan a document carries (an attachment, or the document itself), with its schedule:
    the date its targets start from and how often owners report."""

    __tablename__ = "plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    start: Mapped[dt.date] = mapped_column(Date)
    end_year: Mapped[int | None] = mapped_column(Integer)
    frequency: Mapped[str] = mapped_column(String(10), default="quarterly")

    document: Mapped[Document] = relationship(back_populates="plans")
    tasks: Mapped[list[Task]] = relationship(back_populates="plan", order_by="Task.position")
    targets: Mapped[list[Target]] = relationship(back_populates="plan", order_by="Target.position")


class Task(Base):
    """A numbered clause that assigns work."""

    __tablename__ = "task"
    __table_args__ = (UniqueConstraint("plan_id", "path"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(50))
    heading: Mapped[str] = mapped_column(Text)
    districts_responsible: Mapped[bool] = mapped_column(Boolean, default=False)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="task", order_by="Assignment.position"
    )


class Target(Base):
    """One version of a quantified target; ``lineage`` is the id of its first version."""

    __tablename__ = "target"
    id: Mapped[int] = mapped_column(primary_key=True)
    lineage: Mapped[int | None] = mapped_column(Integer, index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    path: Mapped[str | None] = mapped_column(String(50))
    metric: Mapped[str] = mapped_column(Text)
    scope: Mapped[str | None] = mapped_column(String(200))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(30))
    change: Mapped[str | None] = mapped_column(String(10))
    relation: Mapped[str] = mapped_column(String(4))
    baseline: Mapped[str | None] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(Integer)
    per_year: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    district_id: Mapped[str | None] = mapped_column(ForeignKey("body.id"), index=True)

    plan: Mapped[Plan] = relationship(back_populates="targets")
    task: Mapped[Task | None] = relationship()


class Body(Base):
    """A responsible body: a department, a central agency, a district or county, a development
    zone, or a name the registry does not know (``registered`` false, kept as written)."""

    __tablename__ = "body"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    jurisdiction: Mapped[str | None] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str | None] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    parent_id: Mapped[str | None] = mapped_column(String(80))
    registered: Mapped[bool] = mapped_column(Boolean, default=True)

    @property
    def is_district(self) -> bool:
        return self.kind in ("district", "development_zone")


class Assignment(Base):
    """A body's part in a task (lead, co-operating, or district carrying it out), or a body
    made directly responsible for one target (``target_lineage``)."""

    __tablename__ = "assignment"
    __table_args__ = (
        UniqueConstraint("task_id", "target_lineage", "body_id"),
        Index("ix_assignment_body", "body_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"), index=True)
    target_lineage: Mapped[int | None] = mapped_column(Integer, index=True)
    body_id: Mapped[str] = mapped_column(ForeignKey("body.id"))
    role: Mapped[str] = mapped_column(String(12))  # lead | cooperating | district | owner
    written_as: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    task: Mapped[Task | None] = relationship(back_populates="assignments")
    body: Mapped[Body] = relationship()


class ImportBatch(Base):
    """One import of progress reports (a template file, a CSV, or published statistics)."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    rows: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Observation(Base):
    """A reported value for a target (by lineage) and a period. A correction is a new row
    with ``supersedes_id`` set; the old row stays, with ``is_current`` false."""

    __tablename__ = "observation"
    __table_args__ = (
        Index("ix_observation_lineage_period", "target_lineage", "period_end"),
        # one current value per target and period, even when two reports race
        Index(
            "uq_observation_current_period",
            "target_lineage",
            "period",
            unique=True,
            sqlite_where=text("is_current"),
            postgresql_where=text("is_current"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    target_lineage: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(20))
    period_end: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(30))
    note: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    source_title: Mapped[str | None] = mapped_column(Text)
    reporter_id: Mapped[str | None] = mapped_column(ForeignKey("body.id"))
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("observation.id"))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    # submitted → approved (locked; only a new approved correction supersedes it) or returned
    status: Mapped[str] = mapped_column(String(12), default="approved")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    actor: Mapped[str] = mapped_column(String(100), default="system")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    review_note: Mapped[str | None] = mapped_column(Text)


class AssessmentRow(Base):
    """A stored assessment of one target at one date (the latest run serves the lists)."""

    __tablename__ = "assessment"
    __table_args__ = (UniqueConstraint("target_id", "as_of"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("target.id"), index=True)
    as_of: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(12), index=True)
    warning: Mapped[str] = mapped_column(String(8), index=True)
    expected: Mapped[float | None] = mapped_column(Float)
    latest_value: Mapped[float | None] = mapped_column(Float)
    latest_period_end: Mapped[dt.date | None] = mapped_column(Date)
    previous_value: Mapped[float | None] = mapped_column(Float)
    progress: Mapped[float | None] = mapped_column(Float)
    reports_due: Mapped[int] = mapped_column(Integer, default=0)
    reports_missing: Mapped[int] = mapped_column(Integer, default=0)
    reports_late: Mapped[int] = mapped_column(Integer, default=0)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class AuditLog(Base):
    """Who did what, when: every write to the ledger leaves a row here."""

    __tablename__ = "audit_log"
    __table_args__ = (  # newest first, overall and by entity or actor
        Index("ix_audit_log_at_id", "at", "id"),
        Index("ix_audit_log_entity_at_id", "entity", "at", "id"),
        Index("ix_audit_log_actor_at_id", "actor", "at", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    address: Mapped[str | None] = mapped_column(String(64))  # client address of the request
    token_id: Mapped[int | None] = mapped_column(Integer)  # the API token used, if any


class User(Base):
    """Someone who signs in: an administrator, a supervisor (督查), a reporter bound to one body
    or district, or a viewer. Passwords are stored as argon2 hashes only."""

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(12))  # admin | supervisor | reporter | viewer
    body_id: Mapped[str | None] = mapped_column(ForeignKey("body.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    body: Mapped[Body | None] = relationship()


class ApiToken(Base):
    """A token for machines: only its SHA-256 is stored; ``prefix`` identifies it in lists."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    user: Mapped[User] = relationship()


class LoginAttempt(Base):
    """A sign-in attempt, kept to rate-limit guessing by user name and by address."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_username_at", "username", "at"),
        Index("ix_login_attempt_address_at", "address", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)


class PackBatch(Base):
    """One import of a rule pack's data (a filled template or a CSV) of one kind of record;
    ``synthetic`` marks invented data (demos, tests), which the pages and the bulletin say."""

    __tablename__ = "pack_batch"
    __table_args__ = (UniqueConstraint("pack", "kind", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pack: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PackRecord(Base):
    """One version of a record a pack's data brought in (a district's energy account for a
    quarter, a "两高" project …): its ``kind``, its ``record_key`` within the kind, the period
    it covers and the body it belongs to, and its fields as ``data`` (JSON). A record imported
    again under the same key is a new version that supersedes it; the old one stays."""

    __tablename__ = "pack_record"
    __table_args__ = (
        Index("ix_pack_record_pack_kind_current", "pack", "kind", "is_current"),
        Index("ix_pack_record_pack_kind_key", "pack", "kind", "record_key"),
        # one current version per key, even when two imports race
        Index(
            "uq_pack_record_current_key",
            "pack",
            "kind",
            "record_key",
            unique=True,
            sqlite_where=text("is_current"),
            postgresql_where=text("is_current"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    pack: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    record_key: Mapped[str] = mapped_column(String(200))
    period: Mapped[str | None] = mapped_column(String(20))
    as_of: Mapped[dt.date | None] = mapped_column(Date)
    body_id: Mapped[str | None] = mapped_column(ForeignKey("body.id"), index=True)
    data: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("pack_record.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("pack_batch.id"), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
