"""The append-only audit log: each entry's hash covers the previous entry's hash.

Deleting, reordering or editing an entry breaks the chain, which `verify_chain`
finds. Details hold identifiers and event facts only, never what was said.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from rmp_desktop.storage.dialect import lock_audit_chain
from rmp_desktop.storage.models import AppMeta, AuditEntry

# One definition of a link, shared with the SQLAlchemy-free export path.
from rmp_desktop.storage.record_rows import audit_entry_hash as _entry_hash

HEAD_KEY = "audit_head"  # the newest hash, so removing the last entry is found too

GENESIS = "0" * 64
EVENTS = ("created", "signed", "amended", "exported", "verified", "archived", "restored",
          "imported", "deleted",
          # The exchange with the staff member's side: a preparation sent or brought into a
          # conversation, a record copy given or taken in. Details carry file hashes only.
          "prep_exported", "prep_imported", "record_copied", "record_imported",
          # Between conversations: a mid-year review kept (on the plan it reviews; the
          # record itself never changes), a calendar of due dates written.
          "midyear_saved", "calendar_exported",
          # Publishing: on a laptop, a batch sent to the organisation's store (counts only); on
          # the organisation's store, a record taken from a laptop, or one refused (a
          # different record offered under a uid it holds), written by storage/pg_publish.py.
          "publish_sent", "published", "publish_refused",
          # Reports: equality monitoring answers recorded or removed (how, never what, and
          # never for whom), a report written as a PDF or CSV (its hash).
          "equality_recorded", "equality_removed", "report_exported")
# A record's lifecycle as `check` reads it from the chain: an entry that brings a record into
# the store (with its uid), one per signature, one when a draft is deleted. A new way of
# bringing records in (a record copy, say) adds its event to BIRTH_EVENTS.
BIRTH_EVENTS = ("created", "amended", "record_imported", "published")
# A signed record copy taken in: its signatures were checked against the fingerprint its entry
# keeps, so they have no signing entries of their own in this store.
IMPORTED_EVENT = "record_imported"
SIGNED_EVENT = "signed"
DELETED_EVENT = "deleted"


def append(session: Session, event: str, *, conversation_uid: str | None = None,
           staff_id: int | None = None, **detail: object) -> AuditEntry:
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    lock_audit_chain(session)  # one writer of the chain at a time, whichever database
    last = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar()
    prev = last or GENESIS
    at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    body = json.dumps(detail, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    entry = AuditEntry(at=at, event=event, conversation_uid=conversation_uid, staff_id=staff_id,
                       detail=body, prev_hash=prev,
                       hash=_entry_hash(prev, at, event, conversation_uid, staff_id, body))
    session.add(entry)
    session.merge(AppMeta(key=HEAD_KEY, value=entry.hash))
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    entries: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(session: Session) -> ChainReport:
    problems: list[str] = []
    prev = GENESIS
    count = 0
    previous_id = 0
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        count += 1
        if entry.prev_hash != prev:
            problems.append(f"entry {entry.id} does not follow entry {previous_id}: "
                            "an entry before it was removed or changed")
        expected = _entry_hash(entry.prev_hash, entry.at, entry.event, entry.conversation_uid,
                               entry.staff_id, entry.detail)
        if expected != entry.hash:
            problems.append(f"entry {entry.id} ({entry.event}) was edited after it was written")
        prev = entry.hash
        previous_id = entry.id
    head = session.get(AppMeta, HEAD_KEY)
    if (head.value if head else GENESIS) != prev:
        problems.append("the newest entries of the log are missing")
    return ChainReport(count, problems)
