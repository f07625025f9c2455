"""Signing, amending and checking records in the store.

The first signature fixes the content: the person is written into the setup
section as they are at that moment, every section is rewritten in its complete
shape, the canonical form is hashed and the fingerprint stored on the
conversation and on the signature, all in one transaction while the record is
still a draft (after that the database's triggers refuse any change to it).
The second signature makes the record signed; a signed amendment makes the
version it replaces superseded. Nothing here logs what was said.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from rmp_desktop.domain.conversation import STEP_IDS, Status, merged, step_section
from rmp_desktop.domain.record import PersonSnapshot, Record, SignatureView, signature_digest
from rmp_desktop.domain.signoff import ROLES, STATEMENT, Missing, missing_for_signoff
from rmp_desktop.domain.staff import fold
from rmp_desktop.storage import audit, due_summary
from rmp_desktop.storage.conversation_repo import (
    ConversationMeta,
    ConversationRepository,
    dumps,
    to_meta,
)
from rmp_desktop.storage.errors import AmendmentRefused, RecordLocked, SignOffRefused, StoreChanged
from rmp_desktop.storage.models import Conversation, Signature, Staff
from rmp_desktop.storage.packs_for_record import RecordPacks, packs_for_refs
from rmp_desktop.storage.record_rows import build_record, iso_utc, person_dict, signature_view

# Drawn strokes, each a list of (x, y) in 0..1 of the pad.
Strokes = Sequence[Sequence[Sequence[float]]]
MAX_STROKE_POINTS = 20_000  # a signature, not a drawing; keeps a pasted blob out of the store


@dataclass(frozen=True)
class StoredCheck:
    """Whether a stored record is still exactly what was fixed at its first signature."""

    conversation_id: int
    uid: str
    status: Status
    fixed: bool  # False for a draft: nothing to check yet
    stored_fingerprint: str | None
    recomputed: str | None
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


class _HasSessions(Protocol):
    @property
    def sessions(self) -> sessionmaker[Session]: ...


class SignoffRepository:
    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions
        self._conversations = ConversationRepository(sessions)

    @classmethod
    def of(cls, store: _HasSessions) -> SignoffRepository:
        return cls(store.sessions)

    # -- reading -------------------------------------------------------------------------------

    def record_for(self, conversation_id: int) -> Record:
        with self._sessions() as session:
            return _record(session, _row(session, conversation_id))

    def signatures(self, conversation_id: int) -> list[SignatureView]:
        with self._sessions() as session:
            return _signatures(session, conversation_id)

    def packs_for(self, conversation_id: int) -> RecordPacks:
        """The content packs the record was made with, rehydrated from their stored snapshots."""
        meta = self._conversations.get(conversation_id)
        return packs_for_refs(meta.pack_refs, self._conversations.pack_snapshot)

    def missing(self, conversation_id: int) -> list[Missing]:
        return missing_for_signoff(self._conversations.document(conversation_id))

    def find_by_fingerprint(self, fingerprint: str) -> ConversationMeta | None:
        """The conversation fixed with this fingerprint (on the record or on a signature)."""
        with self._sessions() as session:
            row = session.execute(select(Conversation).where(
                Conversation.fingerprint == fingerprint)).scalar()
            if row is None:
                cid = session.execute(select(Signature.conversation_id).where(
                    Signature.fingerprint == fingerprint).limit(1)).scalar()
                row = session.get(Conversation, cid) if cid is not None else None
            return to_meta(row) if row else None

    def history_chain(self, conversation_id: int) -> list[ConversationMeta]:
        """Every version of this record, the original first, the newest last."""
        with self._sessions() as session:
            row = _row(session, conversation_id)
            seen = {row.id}
            while row.supersedes_id is not None and row.supersedes_id not in seen:
                older = session.get(Conversation, row.supersedes_id)
                if older is None:  # the foreign key forbids this; a hand-edited store might not
                    break
                row = older
                seen.add(row.id)
            chain = [row]
            seen = {row.id}  # a hand-edited store could hold a loop; never follow one twice
            while True:
                # Only one amendment can be open at a time; the newest one carries the chain on.
                nxt = session.execute(select(Conversation).where(
                    Conversation.supersedes_id == chain[-1].id).order_by(
                    Conversation.id.desc()).limit(1)).scalar()
                if nxt is None or nxt.id in seen:
                    break
                seen.add(nxt.id)
                chain.append(nxt)
            return [to_meta(r) for r in chain]

    # -- signing -------------------------------------------------------------------------------

    def sign(self, conversation_id: int, role: str, signer_name: str, confirmed: bool,
             strokes: Strokes | None = None, *,
             signed_at: datetime | None = None) -> ConversationMeta:
        """Add one party's signature; the first fixes the content, the second completes it.

        `signed_at` (UTC) is for signatures given earlier, as in the demo or a record brought
        from another store; it is not part of the fingerprint and cannot be in the future."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        name = " ".join((signer_name or "").split())
        if not name:
            raise SignOffRefused("Type your name to sign.")
        if confirmed is not True:
            raise SignOffRefused("Confirm that you have read the plan and agree it is an "
                                 "accurate record before signing.")
        drawing = _drawing(strokes)
        at = _now()
        if signed_at is not None:
            if signed_at.tzinfo is not None:
                signed_at = signed_at.astimezone(UTC).replace(tzinfo=None)
            if signed_at > at:
                raise ValueError("a signature cannot be dated in the future")
            at = signed_at.replace(microsecond=0)
        with self._sessions.begin() as session:
            row = _row(session, conversation_id)
            status = Status(row.status)
            if status in (Status.SIGNED, Status.SUPERSEDED):
                raise RecordLocked("This record is already signed by both; start an amendment "
                                   "to change it.")
            earlier = session.execute(select(Signature).where(
                Signature.conversation_id == row.id)).scalars().all()
            if any(s.role == role for s in earlier):
                raise SignOffRefused(f"The {_role_word(role)} has already signed this record.")
            if any(fold(s.signer_name) == fold(name) for s in earlier):
                raise SignOffRefused("The two signatures must come from two people: this name "
                                     "has already signed.")
            if status is Status.DRAFT:
                self._fix_content(session, row)
            else:
                recomputed = _record(session, row).fingerprint()
                if recomputed != row.fingerprint:
                    raise StoreChanged("This record was changed in the store after the first "
                                       "signature, so it cannot be signed; run `rmp-desktop "
                                       "check` and restore a backup.")
            session.add(Signature(conversation_id=row.id, role=role, signer_name=name,
                                  statement=STATEMENT, signed_at=at,
                                  fingerprint=row.fingerprint, drawing=drawing))
            # The entry carries the fixed content's fingerprint and the signature's digest, so
            # `check` finds a signature or a fingerprint rewritten later (names stay out).
            if row.fingerprint is None:  # fixed just above, or before the first signature
                raise StoreChanged("This record has no fingerprint, so it cannot be signed; "
                                   "run `rmp-desktop check` and restore a backup.")
            digest = signature_digest(role, name, STATEMENT, iso_utc(at), row.fingerprint,
                                      drawing)
            complete = {s.role for s in earlier} | {role} == set(ROLES)
            superseded_uid = None
            if complete:
                row.status = Status.SIGNED.value
                superseded_uid = self._supersede(session, row)
            row.updated_at = _now()
            session.flush()
            if complete:  # a newly signed record moves what is due for the person
                due_summary.refresh(session.connection(), [row.person_id])
            audit.append(session, "signed", conversation_uid=row.uid, staff_id=row.person_id,
                         role=role, version=row.version, complete=complete,
                         supersedes=superseded_uid, fingerprint=row.fingerprint,
                         signature=digest)
            return to_meta(row)

    def _fix_content(self, session: Session, row: Conversation) -> None:
        """At the first signature: check the rules, snapshot the person, hash, lock."""
        sections = _sections(session, row.id)
        document = merged(sections)
        missing = missing_for_signoff(document)
        if missing:
            raise SignOffRefused("The plan is not ready to sign: "
                                 + "; ".join(str(m) for m in missing), missing)
        person = session.get(Staff, row.person_id)
        if person is None:
            raise LookupError(f"no person with id {row.person_id}")
        document["setup"]["person"] = person_dict(PersonSnapshot.of(person))
        at = _now()
        # Every section in its complete shape, so the fixed content never depends on
        # defaults that a later version of the application might add.
        for step in STEP_IDS:
            session.execute(text(
                "INSERT INTO conversation_sections(conversation_id, section, body, updated_at) "
                "VALUES (:cid, :s, :b, :at) ON CONFLICT(conversation_id, section) DO UPDATE "
                "SET body = excluded.body, updated_at = excluded.updated_at"),
                {"cid": row.id, "s": step, "b": dumps(step_section(document, step)), "at": at})
        row.fingerprint = _record(session, row).fingerprint()
        row.status = Status.AWAITING_SIGNOFF.value
        session.flush()  # both columns in one UPDATE while the row is still a draft

    @staticmethod
    def _supersede(session: Session, row: Conversation) -> str | None:
        if row.supersedes_id is None:
            return None
        original = session.get(Conversation, row.supersedes_id)
        if original is None or original.status != Status.SIGNED.value:
            return None
        original.status = Status.SUPERSEDED.value
        original.updated_at = _now()
        return original.uid

    # -- amending ------------------------------------------------------------------------------

    def start_amendment(self, conversation_id: int, reason: str) -> ConversationMeta:
        """A new draft copied from a signed record, pointing at it, to be signed again."""
        reason = (reason or "").strip()
        if not reason:
            raise AmendmentRefused("Say why the record is being amended; the reason is kept "
                                   "with the new version.")
        with self._sessions() as session:
            row = _row(session, conversation_id)
            status = Status(row.status)
            if status is Status.SUPERSEDED:
                raise AmendmentRefused("This version has already been replaced; amend the "
                                       "newest version instead.")
            if status is not Status.SIGNED:
                raise AmendmentRefused("Only a record signed by both can be amended; until "
                                       "then, finish signing it.")
            open_one = session.execute(select(Conversation.id).where(
                Conversation.supersedes_id == row.id,
                Conversation.status.in_((Status.DRAFT.value, Status.AWAITING_SIGNOFF.value)))
            ).scalar()
            if open_one is not None:
                raise AmendmentRefused("An amendment of this record is already under way.",
                                       open_one)
            document = merged(_sections(session, row.id))
            meta = to_meta(row)
        document["setup"]["person"] = None  # the new version shows the person as they are now
        # The plan is changing, so the staff member looks at their comments again.
        document["summary"]["comments_visited"] = False
        packs = packs_for_refs(meta.pack_refs, self._conversations.pack_snapshot).packs
        return self._conversations.create(
            meta.person_id, meta.kind, meta.held_on, manager_name=meta.manager_name,
            manager_id=meta.manager_id, packs=packs, document=document,
            supersedes_id=meta.id, amendment_reason=reason, version=meta.version + 1)

    # -- checking ------------------------------------------------------------------------------

    def verify_stored(self, conversation_id: int) -> StoredCheck:
        """Recompute a fixed record's fingerprint from the store and compare it with every copy."""
        with self._sessions() as session:
            row = _row(session, conversation_id)
            return self._check(session, row)

    def verify_all_stored(self) -> list[StoredCheck]:
        """Every fixed record whose stored content no longer matches its fingerprint."""
        with self._sessions() as session:
            rows = session.execute(select(Conversation).where(
                Conversation.status != Status.DRAFT.value).order_by(Conversation.id)).scalars()
            checks = [self._check(session, r) for r in rows]
        return [c for c in checks if not c.ok]

    def _check(self, session: Session, row: Conversation) -> StoredCheck:
        status = Status(row.status)
        problems: list[str] = []
        if status is Status.DRAFT:
            if row.fingerprint is not None:
                problems.append("a draft carries a fingerprint; it was set outside the application")
            return StoredCheck(row.id, row.uid, status, False, row.fingerprint, None,
                               tuple(problems))
        recomputed = None
        try:
            sections = _sections(session, row.id)
        except ValueError:  # JSON that no longer parses: edited outside the application
            return StoredCheck(row.id, row.uid, status, True, row.fingerprint, None,
                               ("a section of the record is no longer readable: it was changed "
                                "in the store after signing",))
        if not isinstance(sections.get("setup", {}).get("person"), dict):
            problems.append("the person as they were at signing is missing from the record")
        else:
            recomputed = _record(session, row).fingerprint()
            if row.fingerprint is None:
                problems.append("the record has no fingerprint although it has been signed")
            elif recomputed != row.fingerprint:
                problems.append("the record's content no longer gives the fingerprint it was "
                                "signed with: it was changed in the store after signing")
        signatures = session.execute(select(Signature).where(
            Signature.conversation_id == row.id)).scalars().all()
        for sig in signatures:
            if sig.fingerprint != row.fingerprint:
                problems.append(f"the {_role_word(sig.role)}'s signature was given for "
                                "different content than the record now holds")
        roles = {s.role for s in signatures}
        needed = 1 if status is Status.AWAITING_SIGNOFF else len(ROLES)
        if len(roles) < needed:
            problems.append("a signature is missing from a record marked "
                            f"{status.label.lower()}")
        if status is Status.SUPERSEDED and not session.execute(select(Conversation.id).where(
                Conversation.supersedes_id == row.id,
                Conversation.status.in_((Status.SIGNED.value, Status.SUPERSEDED.value)))).scalar():
            problems.append("the record is marked superseded but no signed version replaces it")
        problems += packs_for_refs(json.loads(row.pack_refs or "[]"),
                                   self._conversations.pack_snapshot).problems
        return StoredCheck(row.id, row.uid, status, True, row.fingerprint, recomputed,
                           tuple(problems))


# -- building a record from the store ----------------------------------------------------------

def _row(session: Session, conversation_id: int) -> Conversation:
    row = session.get(Conversation, conversation_id)
    if row is None:
        raise LookupError(f"no conversation with id {conversation_id}")
    return row


def _sections(session: Session, conversation_id: int) -> dict[str, Any]:
    rows = session.execute(text("SELECT section, body FROM conversation_sections "
                                "WHERE conversation_id = :cid"), {"cid": conversation_id})
    return {section: json.loads(body) for section, body in rows}


def _record(session: Session, row: Conversation) -> Record:
    sections = _sections(session, row.id)
    live = None
    if not isinstance((sections.get("setup") or {}).get("person"), dict):
        live = session.get(Staff, row.person_id)
    supersedes_uid = None
    if row.supersedes_id is not None:
        supersedes_uid = session.execute(select(Conversation.uid).where(
            Conversation.id == row.supersedes_id)).scalar()
    columns = {c: getattr(row, c) for c in ("uid", "version", "kind", "held_on", "manager_name",
                                             "pack_refs", "amendment_reason", "status")}
    return build_record(columns, sections, live, supersedes_uid)


def _signatures(session: Session, conversation_id: int) -> list[SignatureView]:
    rows = session.execute(select(Signature).where(Signature.conversation_id == conversation_id)
                           .order_by(Signature.signed_at, Signature.id)).scalars()
    return [signature_view(s.role, s.signer_name, s.statement, s.signed_at, s.fingerprint,
                           s.drawing) for s in rows]


def _drawing(strokes: Strokes | None) -> bytes | None:
    """Strokes as compact JSON, each point clamped to the pad and rounded (stable bytes)."""
    if not strokes:
        return None
    clean: list[list[list[float]]] = []
    total = 0
    for stroke in strokes:
        points = []
        for point in stroke:
            x, y = (float(v) for v in point)
            points.append([round(min(max(x, 0.0), 1.0), 4), round(min(max(y, 0.0), 1.0), 4)])
        total += len(points)
        if points:
            clean.append(points)
    if total > MAX_STROKE_POINTS:
        raise SignOffRefused("The drawn signature is too detailed to keep; clear it and draw "
                             "it again.")
    return json.dumps(clean, separators=(",", ":")).encode() if clean else None


def _role_word(role: str) -> str:
    return "staff member" if role == "employee" else role
