"""Conversations: creating them, saving each step as it is typed, listing a person's history.

Saving a section is the hottest write in the application (every pause in
typing), so it is one small statement through SQLAlchemy Core, not the ORM; given
the body the store held before (the Autosaver's worker knows it), only the change is
sent, as a splice of the stored text in plain SQL on the driver's own connection
(storage/section_splice.py), keeping the worker's hold on the GIL short. Locked
records are refused here with a clear exception, and again by the database's
triggers, whoever calls.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.domain.conversation import (
    STEP_IDS,
    ConversationDocument,
    Kind,
    Status,
    merged,
    step_section,
)
from rmp_desktop.domain.packs import PackSet
from rmp_desktop.storage import audit
from rmp_desktop.storage.dialect import POSTGRESQL, name_of
from rmp_desktop.storage.errors import RecordLocked
from rmp_desktop.storage.models import Conversation, ConversationSection, PackSnapshot, Staff
from rmp_desktop.storage.section_splice import Splice, splice


@dataclass(frozen=True)
class ConversationMeta:
    id: int
    uid: str
    person_id: int
    manager_id: int | None
    manager_name: str
    kind: Kind
    held_on: date
    status: Status
    current_step: str
    version: int
    supersedes_id: int | None
    amendment_reason: str
    fingerprint: str | None
    pack_refs: list[dict[str, str]]
    created_at: datetime
    updated_at: datetime

    @property
    def editable(self) -> bool:
        return self.status.editable


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def to_meta(row: Conversation) -> ConversationMeta:
    return ConversationMeta(
        id=row.id, uid=row.uid, person_id=row.person_id, manager_id=row.manager_id,
        manager_name=row.manager_name, kind=Kind(row.kind), held_on=row.held_on,
        status=Status(row.status), current_step=row.current_step, version=row.version,
        supersedes_id=row.supersedes_id, amendment_reason=row.amendment_reason,
        fingerprint=row.fingerprint, pack_refs=json.loads(row.pack_refs or "[]"),
        created_at=row.created_at, updated_at=row.updated_at)


def dumps(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


_UPSERT = text(
    "INSERT INTO conversation_sections(conversation_id, section, body, updated_at) "
    "VALUES (:cid, :section, :body, :at) "
    "ON CONFLICT(conversation_id, section) DO UPDATE SET body = excluded.body, "
    "updated_at = excluded.updated_at")

# The splice path's statements, run on the DB-API connection itself (named parameters; the
# PostgreSQL spelling is made from these by `_driver_sql`).
_TOUCH_DRAFT = "UPDATE conversations SET updated_at = :at WHERE id = :cid AND status = 'draft'"
_STATUS = "SELECT status FROM conversations WHERE id = :cid"
_SPLICE = (
    "UPDATE conversation_sections SET body = substr(body, 1, CAST(:keep_head AS INTEGER)) "
    "|| :inserted || substr(body, CAST(:tail_from AS INTEGER)), updated_at = :at "
    "WHERE conversation_id = :cid AND section = :section "
    "AND length(body) = CAST(:old_length AS INTEGER) "
    "AND substr(body, CAST(:check_from AS INTEGER), CAST(:check_length AS INTEGER)) = :check")
_UPSERT_SQL = str(_UPSERT.text)
LOCKED_MESSAGE = "This record is signed and cannot be changed; start an amendment to change it."


def _driver_sql(dialect: str, sql: str) -> str:
    """`:name` parameters as the driver spells them (psycopg: `%(name)s`)."""
    if dialect != POSTGRESQL:
        return sql
    return re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)


def create_in_session(session: Session, person_id: int, kind: Kind | str, held_on: date, *,
                      manager_name: str = "", manager_id: int | None = None,
                      packs: PackSet | None = None, document: Mapping[str, object] | None = None,
                      supersedes_id: int | None = None,
                      amendment_reason: str = "", version: int = 1) -> Conversation:
    """A new draft inside the caller's transaction (an import creates one with its merge)."""
    if session.get(Staff, person_id) is None:
        raise LookupError(f"no person with id {person_id}")
    refs = snapshot_packs(session, packs) if packs is not None else []
    row = Conversation(uid=uuid.uuid4().hex, person_id=person_id, manager_id=manager_id,
                       manager_name=manager_name.strip(), kind=Kind(kind).value,
                       held_on=held_on, status=Status.DRAFT.value, current_step="setup",
                       pack_refs=dumps(refs), version=version, supersedes_id=supersedes_id,
                       amendment_reason=amendment_reason, created_at=_now(),
                       updated_at=_now())
    session.add(row)
    session.flush()
    body: ConversationDocument
    if document is None and supersedes_id is None:
        # A new conversation starts from the last signed one (an amendment is a copy already).
        from rmp_desktop.storage.last_time import start_document

        body = start_document(session.connection(), person_id)
    else:
        body = merged(document or {})
    for step in STEP_IDS:
        session.add(ConversationSection(conversation_id=row.id, section=step,
                                        body=dumps(step_section(body, step)), updated_at=_now()))
    audit.append(session, "amended" if supersedes_id else "created",
                 conversation_uid=row.uid, staff_id=person_id, kind=row.kind,
                 version=version)
    return row


def snapshot_packs(session: Session, packs: PackSet) -> list[dict[str, str]]:
    """Each pack's full text kept by fingerprint (once), and the refs that name them."""
    refs = []
    for pack in packs.all_packs():
        ref = pack.ref()
        if session.get(PackSnapshot, ref["fingerprint"]) is None:
            session.add(PackSnapshot(fingerprint=ref["fingerprint"], pack_id=ref["id"],
                                     version=ref["version"], kind=pack.kind,
                                     body=dumps(pack.to_dict())))
            session.flush()
        refs.append(ref)
    return refs


class ConversationRepository:
    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions
        self._engine = sessions.kw["bind"]
        self._dialect = name_of(self._engine)
        self._splice_sql = {name: _driver_sql(self._dialect, sql) for name, sql in (
            ("touch", _TOUCH_DRAFT), ("status", _STATUS), ("splice", _SPLICE),
            ("upsert", _UPSERT_SQL))}

    # -- creating ------------------------------------------------------------------------------

    def create(self, person_id: int, kind: Kind | str, held_on: date, *, manager_name: str = "",
               manager_id: int | None = None, packs: PackSet | None = None,
               document: Mapping[str, object] | None = None,
               supersedes_id: int | None = None, amendment_reason: str = "",
               version: int = 1) -> ConversationMeta:
        """A new draft; `packs` (a content PackSet) is recorded by fingerprint with its full text."""
        with self._sessions.begin() as session:
            return to_meta(create_in_session(
                session, person_id, kind, held_on, manager_name=manager_name,
                manager_id=manager_id, packs=packs, document=document,
                supersedes_id=supersedes_id, amendment_reason=amendment_reason,
                version=version))

    # -- reading -------------------------------------------------------------------------------

    def get(self, conversation_id: int) -> ConversationMeta:
        with self._sessions() as session:
            row = session.get(Conversation, conversation_id)
            if row is None:
                raise LookupError(f"no conversation with id {conversation_id}")
            return to_meta(row)

    def by_uid(self, uid: str) -> ConversationMeta | None:
        with self._sessions() as session:
            row = session.execute(select(Conversation).where(Conversation.uid == uid)).scalar()
            return to_meta(row) if row else None

    def document(self, conversation_id: int) -> ConversationDocument:
        with self._engine.connect() as conn:
            rows = conn.execute(text("SELECT section, body FROM conversation_sections "
                                     "WHERE conversation_id = :cid"), {"cid": conversation_id})
            return merged({section: json.loads(body) for section, body in rows})

    def list_for_person(self, person_id: int) -> list[ConversationMeta]:
        with self._sessions() as session:
            rows = session.execute(
                select(Conversation).where(Conversation.person_id == person_id)
                .order_by(Conversation.held_on.desc(), Conversation.id.desc())).scalars()
            return [to_meta(r) for r in rows]

    def all(self) -> list[ConversationMeta]:
        with self._sessions() as session:
            rows = session.execute(select(Conversation).order_by(Conversation.id)).scalars()
            return [to_meta(r) for r in rows]

    def pack_snapshot(self, fingerprint: str) -> dict[str, Any] | None:
        with self._sessions() as session:
            row = session.get(PackSnapshot, fingerprint)
            return json.loads(row.body) if row else None

    # -- saving as the user types --------------------------------------------------------------

    def save_section(self, conversation_id: int, section: str, body: Mapping[str, Any], *,
                     before: Mapping[str, Any] | None = None) -> None:
        """Store `body` as the section. With `before`, the body this caller last stored, only
        what changed since is sent (falling back to the whole section if the store holds
        something else); either way the stored text is `dumps(body)`."""
        if section not in STEP_IDS:
            raise ValueError(f"unknown section {section!r}")
        change = splice(dumps(before), dumps(body)) if before is not None else None
        if change is not None:
            self._save_splice(conversation_id, section, change, body)
            return
        try:
            with self._engine.begin() as conn:
                status = conn.execute(text("SELECT status FROM conversations WHERE id = :cid"),
                                      {"cid": conversation_id}).scalar()
                if status is None:
                    raise LookupError(f"no conversation with id {conversation_id}")
                if status != Status.DRAFT.value:
                    raise RecordLocked(LOCKED_MESSAGE)
                conn.execute(_UPSERT, {"cid": conversation_id, "section": section,
                                       "body": dumps(body), "at": _now()})
                conn.execute(text("UPDATE conversations SET updated_at = :at WHERE id = :cid"),
                             {"at": _now(), "cid": conversation_id})
        except IntegrityError as exc:
            if "cannot be changed" in str(exc):
                raise RecordLocked(str(exc.orig)) from exc
            raise

    def _save_splice(self, conversation_id: int, section: str, change: Splice,
                     body: Mapping[str, Any]) -> None:
        """One transaction of two small statements on the driver's connection: the draft's
        updated_at (which also finds a missing or locked record), then the splice; a splice
        the stored text does not match writes the whole section instead."""
        sql = self._splice_sql
        at = _now()
        connection = self._engine.raw_connection()
        try:
            cursor = connection.cursor()
            if self._dialect != POSTGRESQL:
                cursor.execute("BEGIN")  # the driver's connection is in autocommit mode
            cursor.execute(sql["touch"], {"at": at, "cid": conversation_id})
            if cursor.rowcount != 1:
                cursor.execute(sql["status"], {"cid": conversation_id})
                found = cursor.fetchone()
                if found is None:
                    raise LookupError(f"no conversation with id {conversation_id}")
                raise RecordLocked(LOCKED_MESSAGE)
            cursor.execute(sql["splice"], {"at": at, "cid": conversation_id, "section": section,
                                           **change.params()})
            if cursor.rowcount != 1:  # not the text it was made from, or no row yet
                cursor.execute(sql["upsert"], {"cid": conversation_id, "section": section,
                                               "body": dumps(body), "at": at})
            connection.commit()
        except BaseException as exc:
            connection.rollback()
            integrity = self._engine.dialect.loaded_dbapi.IntegrityError
            if isinstance(exc, integrity) and "cannot be changed" in str(exc):
                raise RecordLocked(LOCKED_MESSAGE) from exc
            raise
        finally:
            connection.close()

    def set_current_step(self, conversation_id: int, step: str) -> None:
        """Where to resume; allowed on any record, as it changes nothing that was agreed."""
        if step not in STEP_IDS:
            raise ValueError(f"unknown step {step!r}")
        with self._engine.begin() as conn:
            conn.execute(text("UPDATE conversations SET current_step = :s WHERE id = :cid"),
                         {"s": step, "cid": conversation_id})

    def update_details(self, conversation_id: int, *, kind: Kind | str | None = None,
                       held_on: date | None = None, manager_name: str | None = None,
                       manager_id: int | None = None) -> ConversationMeta:
        with self._sessions.begin() as session:
            row = session.get(Conversation, conversation_id)
            if row is None:
                raise LookupError(f"no conversation with id {conversation_id}")
            if row.status != Status.DRAFT.value:
                raise RecordLocked("This record is signed and cannot be changed; "
                                   "start an amendment to change it.")
            if kind is not None:
                row.kind = Kind(kind).value
            if held_on is not None:
                row.held_on = held_on
            if manager_name is not None:
                row.manager_name = manager_name.strip()
            if manager_id is not None:
                row.manager_id = manager_id
            row.updated_at = _now()
            return to_meta(row)

    def delete_draft(self, conversation_id: int) -> None:
        with self._sessions.begin() as session:
            row = session.get(Conversation, conversation_id)
            if row is None:
                return
            if row.status != Status.DRAFT.value:
                raise RecordLocked("A signed record cannot be deleted.")
            audit.append(session, "deleted", conversation_uid=row.uid, staff_id=row.person_id)
            session.delete(row)
