"""The store's tables as typed SQLAlchemy 2 models.

The schema itself is owned by the Alembic migrations in `migrations/versions`;
these models must match them (a test compares the two). Triggers that make
signed records and the audit log immutable live in the migrations only.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AppMeta(Base):
    """Small facts about the store itself (who created it, with which version)."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stable across stores (preparations, copies of records, the organisation's store);
    # the integer id never leaves this store.
    uid: Mapped[str] = mapped_column(String(32), index=True, unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    preferred_name: Mapped[str] = mapped_column(String(200), default="")
    job_title: Mapped[str] = mapped_column(String(200), default="")
    band: Mapped[str] = mapped_column(String(4))
    functional_area: Mapped[str] = mapped_column(String(40))
    line_manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    start_date: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(254), default="")
    # NULL rather than "" when unknown, so the unique index allows many unknowns.
    assignment_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    directorate: Mapped[str] = mapped_column(String(100), default="")  # migration 0007
    # Folded (lower case, no accents) name and title: what search matches.
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class StaffAlias(Base):
    """A uid another store knows a person by (their own laptop, another manager's store)."""

    __tablename__ = "staff_aliases"

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # "preparation", "record-copy", "organisation"
    added_at: Mapped[datetime]


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)  # stable across stores and PDFs
    person_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="SET NULL"))
    manager_name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(16))
    held_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    current_step: Mapped[str] = mapped_column(String(32), default="setup")
    pack_refs: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {id, version, fingerprint}
    version: Mapped[int] = mapped_column(Integer, default=1)  # 1, then 2 for the first amendment ...
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    amendment_reason: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str | None] = mapped_column(String(64))  # set when the content is fixed
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ConversationSection(Base):
    """One step's content as JSON; a keystroke rewrites one small row."""

    __tablename__ = "conversation_sections"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    section: Mapped[str] = mapped_column(String(32), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class PackSnapshot(Base):
    """Every content pack a conversation used, kept by fingerprint so old records show as signed."""

    __tablename__ = "pack_snapshots"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)


class Signature(Base):
    __tablename__ = "signatures"
    __table_args__ = (UniqueConstraint("conversation_id", "role"),)  # one signature per party

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # "employee" or "manager"
    signer_name: Mapped[str] = mapped_column(String(200))
    statement: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime]
    fingerprint: Mapped[str] = mapped_column(String(64))
    drawing: Mapped[bytes | None] = mapped_column(LargeBinary)  # strokes as JSON, if drawn


class AuditEntry(Base):
    """Append-only, each entry chained to the one before by SHA-256."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    event: Mapped[str] = mapped_column(String(32))
    conversation_uid: Mapped[str | None] = mapped_column(String(32))
    staff_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON; never conversation content
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class ExportRecord(Base):
    """The bytes' hash of every PDF exported, so a file can be recognised later."""

    __tablename__ = "exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    at: Mapped[datetime]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    final: Mapped[bool] = mapped_column(Boolean)


# -- the staff member's own side (migration 0004) ------------------------------------------------

class MyDevelopment(Base):
    """Who "I" am in this store, when it is used to prepare for one's own conversations."""

    __tablename__ = "my_development"
    __table_args__ = (CheckConstraint("id = 1", name="ck_my_development_single"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    manager_name: Mapped[str] = mapped_column(String(200), default="")
    pack_refs: Mapped[str] = mapped_column(Text, default="[]")  # packs the preparation uses
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PreparationPart(Base):
    """One part of my preparation as JSON; a pause in typing rewrites one small row."""

    __tablename__ = "preparation_parts"

    part: Mapped[str] = mapped_column(String(32), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]


class PlanProgress(Base):
    """My note and done date on one action of a signed plan, kept apart from the record."""

    __tablename__ = "plan_progress"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    action_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    note: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime]


class RecordCopy(Base):
    """A signed record that came from another store as a record-copy file."""

    __tablename__ = "record_copies"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime]


class PreparationImport(Base):
    """A preparation brought into a conversation: what it held, and what the merge left open."""

    __tablename__ = "preparation_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    source: Mapped[str] = mapped_column(String(8))  # "file" or "form"
    file_sha256: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64), index=True)
    made_at: Mapped[str] = mapped_column(String(20))  # as the file says, ISO 8601 UTC
    imported_at: Mapped[datetime]
    content: Mapped[str] = mapped_column(Text)  # the preparation as plain JSON
    result: Mapped[str] = mapped_column(Text)  # the merge result, conflicts marked as resolved


# -- between conversations (migration 0005) ------------------------------------------------------

class DueSummary(Base):
    """Per person: their last signed record and the next date anything is due (domain.due),
    rewritten with every change that moves them, so the team list reads one row."""

    __tablename__ = "due_summary"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"),
                                          primary_key=True)
    last_signed_on: Mapped[date | None] = mapped_column(Date)
    next_due_on: Mapped[date | None] = mapped_column(Date)
    next_due_what: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime]


class MidyearReview(Base):
    """A dated check-in on a signed plan: its own entry, linked to the record by id."""

    __tablename__ = "midyear_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


# -- publishing to the organisation's store (migration 0006) -------------------------------------

class Publication(Base):
    """What an organisation's store (by its store_uid) took of one record, and when; or that it
    refused the record, and why."""

    __tablename__ = "publications"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    store_uid: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))  # the record's status as it was sent
    outcome: Mapped[str] = mapped_column(String(16))  # "published" or "refused"
    note: Mapped[str] = mapped_column(Text, default="")  # why, in words, when refused
    at: Mapped[datetime]  # the organisation's store's time, UTC


class PublishedPerson(Base):
    """A person as last sent to an organisation's store (a hash of the details sent)."""

    __tablename__ = "published_people"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"),
                                          primary_key=True)
    store_uid: Mapped[str] = mapped_column(String(32))
    details_sha256: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # "published" or "refused"
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


# -- reports (migration 0007) --------------------------------------------------------------------

class EqualityMonitoring(Base):
    """One person's equality monitoring answers, keyed by their stable uid and nothing else:
    never joined to a name or a record, read only to count people (domain.equality)."""

    __tablename__ = "equality_monitoring"
    __table_args__ = (
        CheckConstraint("source IN ('self', 'preparation', 'consent')", name="ck_equality_source"),
        CheckConstraint("source != 'consent' OR consent_on IS NOT NULL",
                        name="ck_equality_consent"),
    )

    staff_uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Each None when not answered; "prefer-not" when the person preferred not to say.
    ethnic_group: Mapped[str | None] = mapped_column(String(40))
    disability: Mapped[str | None] = mapped_column(String(40))
    sex: Mapped[str | None] = mapped_column(String(40))
    gender_identity: Mapped[str | None] = mapped_column(String(40))
    sexual_orientation: Mapped[str | None] = mapped_column(String(40))
    religion: Mapped[str | None] = mapped_column(String(40))
    age_band: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(16))
    consent_on: Mapped[date | None] = mapped_column(Date)
    share: Mapped[bool] = mapped_column(Boolean, default=False)  # my preparation carries them
    # On PostgreSQL the login that wrote the row (a trigger sets it); "" on a file store.
    entered_by: Mapped[str] = mapped_column(String(63), default="")
    updated_at: Mapped[datetime]


# -- publishing equality answers (migration 0008) ------------------------------------------------

class PublishedEquality(Base):
    """Equality answers as last sent to an organisation's store, by the person's uid alone: a
    hash of what went (never the answers), and the store's answer."""

    __tablename__ = "published_equality"

    staff_uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    store_uid: Mapped[str] = mapped_column(String(32))
    answers_sha256: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # "published" or "refused"
    at: Mapped[datetime]
