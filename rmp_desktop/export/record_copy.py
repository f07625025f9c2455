"""Giving a signed record to the staff member, and taking that copy in on their side.

    data, pdf = make_copy(store, conversation_id)     # manager's side: the file's bytes
    outcome = import_copy(store, parse_record_copy(data), sha256_of_file)   # staff side

A copy goes in as ordinary conversation rows, locked exactly like a record signed here
(written as a draft, then fixed in one UPDATE, so the database's triggers guard it from
then on), with its signatures, the full text of its packs and the hash of its PDF in the
export log; `verify` and `check` then treat it as any signed record. All in one
transaction.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rmp_desktop.domain.conversation import Status
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.exchange_json import Reader
from rmp_desktop.domain.record import short_fingerprint
from rmp_desktop.domain.record_copy import CopiedVersion, RecordCopy, make_record_copy
from rmp_desktop.domain.staff import StaffMember, fold
from rmp_desktop.storage import audit, due_summary
from rmp_desktop.storage.conversation_repo import dumps
from rmp_desktop.storage.models import (
    Conversation,
    ConversationSection,
    ExportRecord,
    MyDevelopment,
    PackSnapshot,
    Signature,
    Staff,
    StaffAlias,
)
from rmp_desktop.storage.models import (
    RecordCopy as RecordCopyRow,
)
from rmp_desktop.storage.person_match import remember_uid
from rmp_desktop.storage.staff_repo import StaffRepository, to_member
from rmp_desktop.storage.store import Store

IMPORTED, ALREADY, NEEDS_CHOICE = "imported", "already", "needs_choice"


class CopyRefused(ValueError):
    """The copy cannot be given or taken in; the message says why in plain words."""


@dataclass(frozen=True)
class CopyOutcome:
    status: str  # IMPORTED, ALREADY or NEEDS_CHOICE
    message: str
    conversation_id: int | None = None
    person: StaffMember | None = None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


# -- the manager's side ------------------------------------------------------------------------

def make_copy(store: Store, conversation_id: int, *, made_by: str = "") -> tuple[bytes, bytes]:
    """The record-copy file's bytes and the final PDF inside it (its export is logged)."""
    from rmp_desktop.export.record_export import render
    from rmp_desktop.storage.record_rows import RecordRows
    from rmp_desktop.storage.signoff_repo import SignoffRepository

    repo = SignoffRepository.of(store)
    meta = store.conversations.get(conversation_id)
    if meta.status not in (Status.SIGNED, Status.SUPERSEDED):
        raise CopyRefused("Only a record signed by both can be given as a copy; finish "
                          "signing it first.")
    chain = repo.history_chain(conversation_id)
    chain = chain[:[m.id for m in chain].index(conversation_id) + 1]
    versions: list[CopiedVersion] = []
    packs: dict[str, dict[str, Any]] = {}
    for version in chain:
        check = repo.verify_stored(version.id)
        if not check.ok:
            raise CopyRefused("This record no longer matches its fingerprint in the store, so "
                              "no true copy can be made: run `rmp-desktop check`.")
        record = repo.record_for(version.id)
        if version.fingerprint is None:  # signed, so fixed: verify_stored has just said so
            raise CopyRefused("This record has no fingerprint in the store: run "
                              "`rmp-desktop check`.")
        versions.append(CopiedVersion(record, version.fingerprint, version.status.value,
                                      repo.signatures(version.id)))
        for ref in record.pack_refs:
            body = store.conversations.pack_snapshot(ref["fingerprint"])
            if body is None:
                raise CopyRefused(f"The framework pack {ref['id']} {ref['version']} this record "
                                  "used is missing from the store: run `rmp-desktop check`.")
            packs[ref["fingerprint"]] = body
    pdf, _record = render(store, conversation_id, final=True)
    with store.sessions() as session:
        person = session.get(Staff, meta.person_id)
        if person is None:
            raise LookupError(f"no person with id {meta.person_id}")
        aliases = session.execute(select(StaffAlias.uid).where(
            StaffAlias.staff_id == person.id)).scalars().all()
        uid = person.uid
    made_at = _now().strftime("%Y-%m-%dT%H:%M:%SZ")
    body = make_record_copy(uid, list(aliases), versions, list(packs.values()), pdf, made_at,
                            made_by)
    data = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
    rows = RecordRows(store.location)
    try:
        rows.log_export(conversation_id, hashlib.sha256(pdf).hexdigest(), True)
    finally:
        rows.close()
    with store.sessions.begin() as session:
        audit.append(session, "record_copied", conversation_uid=meta.uid,
                     staff_id=meta.person_id, sha256=hashlib.sha256(data).hexdigest(),
                     version=meta.version)
    return data, pdf


# -- the staff member's side -------------------------------------------------------------------

def import_copy(store: Store, copy: RecordCopy, file_sha256: str, *,
                person_id: int | None = None) -> CopyOutcome:
    """Take a checked, genuine copy in. The person is found by their uids; on a store that
    does not know yet who "I" am, the copy's person becomes me."""
    from rmp_desktop.export.verify import read_carried

    check_packs(copy)
    newest = copy.newest
    try:
        carried = read_carried(copy.pdf)
    except Exception:
        carried = None
    if carried is None or carried.fingerprint != newest.fingerprint:
        raise CopyRefused("The PDF inside this copy does not carry the record's fingerprint, "
                          "so it is not the record's PDF; ask your manager for a new copy.")
    with store.sessions.begin() as session:
        person = _person(session, copy, person_id)
        if isinstance(person, CopyOutcome):
            return person
        for uid in [copy.person_uid, *copy.aliases]:
            remember_uid(session, person.id, uid, "record-copy")
        ids: dict[str, int] = {}
        added = 0
        for version in copy.versions:
            existing = session.execute(select(Conversation).where(
                Conversation.uid == version.record.uid)).scalar()
            if existing is not None:
                if existing.fingerprint != version.fingerprint:
                    raise CopyRefused("This store already holds a different record with the "
                                      "same identifier; nothing was changed.")
                if version.status == Status.SUPERSEDED.value and existing.status == "signed":
                    existing.status = Status.SUPERSEDED.value
                    existing.updated_at = _now()
                ids[version.record.uid] = existing.id
                continue
            ids[version.record.uid] = _insert(session, version, person.id,
                                              ids.get(version.record.supersedes_uid or ""),
                                              copy, file_sha256)
            added += 1
            if version is not newest:  # each version's arrival in the chain, for `check`
                audit.append(session, "record_imported", conversation_uid=version.record.uid,
                             staff_id=person.id, sha256=file_sha256,
                             fingerprint=version.fingerprint, versions=1)
        conversation_id = ids[newest.record.uid]
        pdf_hash = hashlib.sha256(copy.pdf).hexdigest()
        if session.execute(select(ExportRecord.id).where(
                ExportRecord.sha256 == pdf_hash)).scalar() is None:
            session.add(ExportRecord(conversation_id=conversation_id, at=_now(),
                                     sha256=pdf_hash, final=True))
        short = short_fingerprint(newest.fingerprint)
        if not added:
            return CopyOutcome(ALREADY, f"This copy is genuine (fingerprint {short}) and was "
                                        "already in this store; nothing has changed.",
                               conversation_id, to_member(person))
        audit.append(session, "record_imported", conversation_uid=newest.record.uid,
                     staff_id=person.id, sha256=file_sha256, fingerprint=newest.fingerprint,
                     versions=added, pdf_sha256=pdf_hash)
        session.flush()
        due_summary.refresh(session.connection(), [person.id])
        return CopyOutcome(
            IMPORTED, f"This copy is genuine: the record of "
                      f"{display_date(newest.record.held_on)} (version "
                      f"{newest.record.version}) gives the "
                      f"fingerprint it was signed with, {short}. It is now kept, locked, "
                      "in this store.", conversation_id, to_member(person))


def _person(session: Session, copy: RecordCopy,
            person_id: int | None) -> Staff | CopyOutcome:
    """The person the copy is for, or the question to ask; CopyRefused if it is someone else."""
    if person_id is not None:
        row = session.get(Staff, person_id)
        if row is None:
            raise LookupError(f"no person with id {person_id}")
        return row
    for uid in [copy.person_uid, *copy.aliases]:
        row = session.execute(select(Staff).where(Staff.uid == uid)).scalar()
        if row is not None:
            return row
        alias = session.get(StaffAlias, uid)
        known = session.get(Staff, alias.staff_id) if alias is not None else None
        if known is not None:
            return known
    snapshot = copy.newest.record.person
    mine = session.get(MyDevelopment, 1)
    if mine is None:  # a store that does not know who I am yet: the copy says it
        member = StaffMember(full_name=snapshot.full_name, preferred_name=snapshot.preferred_name,
                             job_title=snapshot.job_title, band=snapshot.band,
                             functional_area=snapshot.functional_area)
        row = StaffRepository._insert(session, member, uid=copy.person_uid)
        session.add(MyDevelopment(id=1, staff_id=row.id, created_at=_now(), updated_at=_now(),
                                  manager_name=copy.newest.record.manager_name, pack_refs="[]"))
        audit.append(session, "created", staff_id=row.id, what="person", source="record-copy")
        return row
    me = session.get(Staff, mine.staff_id)
    if me is None:
        raise LookupError(f"no person with id {mine.staff_id}")
    if fold(me.full_name) == fold(snapshot.full_name):
        return CopyOutcome(NEEDS_CHOICE, f"This record is for {snapshot.full_name}. This store "
                                         "knows you by the same name but not by the record's "
                                         "identifier: confirm that it is yours to import it.",
                           person=to_member(me))
    raise CopyRefused(f"This record is for {snapshot.full_name}, not for {me.full_name}, whose "
                      "development this store keeps. Nothing was changed.")


def _insert(session: Session, version: CopiedVersion, person_id: int,
            supersedes_id: int | None, copy: RecordCopy, file_sha256: str) -> int:
    record = version.record
    at = _now()
    row = Conversation(uid=record.uid, person_id=person_id, manager_id=None,
                       manager_name=record.manager_name, kind=record.kind,
                       held_on=date.fromisoformat(record.held_on), status=Status.DRAFT.value,
                       current_step="summary", pack_refs=dumps(record.pack_refs),
                       version=record.version, supersedes_id=supersedes_id,
                       amendment_reason=record.amendment_reason, created_at=at, updated_at=at)
    session.add(row)
    session.flush()
    for section, body in record.document.items():
        session.add(ConversationSection(conversation_id=row.id, section=section,
                                        body=dumps(body), updated_at=at))
    for body in copy.packs:
        _keep_pack(session, body)
    for s in version.signatures:
        drawing = None
        if s.strokes:
            drawing = json.dumps([[[x, y] for x, y in stroke] for stroke in s.strokes],
                                 separators=(",", ":")).encode()
        session.add(Signature(conversation_id=row.id, role=s.role, signer_name=s.signer_name,
                              statement=s.statement,
                              signed_at=datetime.fromisoformat(s.signed_at[:-1]),
                              fingerprint=s.fingerprint, drawing=drawing))
    session.flush()
    # Fixed in one UPDATE while still a draft: from here on the triggers guard it.
    row.fingerprint = version.fingerprint
    row.status = version.status
    session.add(RecordCopyRow(conversation_id=row.id, file_sha256=file_sha256, imported_at=at))
    session.flush()
    return row.id


def check_packs(copy: RecordCopy) -> None:
    """Every pack in the copy reads as a pack, and every pack its records name is there;
    ExchangeRefused says which one is not, before anything touches the store."""
    from rmp_desktop.content.errors import PackError
    from rmp_desktop.content.parse import parse_pack

    r = Reader("record copy", 200_000, 500, formulas=False)
    found: set[str] = set()
    for i, body in enumerate(copy.packs):
        try:
            found.add(parse_pack(body, f"pack {i + 1} of the record copy").fingerprint)
        except PackError as exc:
            raise r.damaged(f"framework pack {i + 1}", f"cannot be read ({exc})") from None
    for version in copy.versions:
        for ref in version.record.pack_refs:
            if ref["fingerprint"] not in found:
                raise r.damaged("the framework packs",
                                f"lack {ref['id']} {ref['version']}, which the record used")


def _keep_pack(session: Session, body: dict[str, Any]) -> None:
    from rmp_desktop.content.parse import parse_pack

    pack = parse_pack(body, "a pack of a record copy")
    if session.get(PackSnapshot, pack.fingerprint) is None:
        session.add(PackSnapshot(fingerprint=pack.fingerprint, pack_id=pack.id,
                                 version=pack.version, kind=pack.kind,
                                 body=dumps(pack.to_dict())))
        session.flush()
