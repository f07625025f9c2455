"""Records read, and exports logged, with the standard library's sqlite3 (or psycopg) alone.

`rmp-desktop export` is a short process whose time is mostly imports: reading a
record through SQLAlchemy would cost as much as drawing the PDF. So the export
path reads the few rows it needs here, and `build_record` (also used by the
sign-off repository) is the one place a stored conversation becomes a Record,
so both paths give the same canonical content and the same fingerprint.

Writes are limited to what an export must leave behind: its row in `exports`
and its entry in the audit chain, in one immediate transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from rmp_desktop.domain.record import PersonSnapshot, Record, SignatureView
from rmp_desktop.storage.dialect import DbConnection, connect
from rmp_desktop.store_location import StoreLocation

FIXED = ("awaiting_signoff", "signed", "superseded")  # statuses whose content was fixed
PERSON_FIELDS = ("full_name", "preferred_name", "job_title", "band", "functional_area")
_CONVERSATION_COLUMNS = ("id", "uid", "person_id", "manager_id", "manager_name", "kind",
                         "held_on", "status", "version", "supersedes_id", "amendment_reason",
                         "fingerprint", "pack_refs")


def build_record(conversation: Mapping[str, Any], sections: dict[str, Any], live_person: Any,
                 supersedes_uid: str | None) -> Record:
    """The record of a stored conversation.

    A fixed record is taken exactly as written at its first signature (so its fingerprint
    never depends on this version's defaults) with the person as they were then; a draft is
    completed with any keys added since, and shows the person as they are now.
    """
    from rmp_desktop.domain.conversation import merged

    fixed = conversation["status"] in FIXED
    document: dict[str, Any] = sections if fixed else dict(merged(sections))
    snapshot = (document.get("setup") or {}).get("person")
    if isinstance(snapshot, dict):
        person = PersonSnapshot(**{k: snapshot.get(k, "") for k in PERSON_FIELDS})
    else:
        person = PersonSnapshot.of(live_person)
    pack_refs = conversation["pack_refs"]
    if isinstance(pack_refs, str):
        pack_refs = json.loads(pack_refs or "[]")
    held_on = conversation["held_on"]
    return Record(uid=conversation["uid"], version=conversation["version"],
                  kind=conversation["kind"],
                  held_on=held_on if isinstance(held_on, str) else held_on.isoformat(),
                  manager_name=conversation["manager_name"], person=person, document=document,
                  pack_refs=pack_refs, supersedes_uid=supersedes_uid,
                  amendment_reason=conversation["amendment_reason"],
                  status=conversation["status"])


def person_dict(person: PersonSnapshot) -> dict[str, str]:
    return {k: getattr(person, k) for k in PERSON_FIELDS}


def iso_utc(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def signature_view(role: str, signer_name: str, statement: str, signed_at: datetime | str,
                   fingerprint: str, drawing: bytes | None) -> SignatureView:
    if isinstance(signed_at, str):
        signed_at = datetime.fromisoformat(signed_at)
    strokes = None
    if drawing:
        strokes = [[(float(x), float(y)) for x, y in stroke] for stroke in json.loads(drawing)]
    return SignatureView(role=role, signer_name=signer_name, statement=statement,
                         signed_at=iso_utc(signed_at), fingerprint=fingerprint, strokes=strokes)


class _Person:
    """A staff row with the attributes PersonSnapshot.of reads."""

    def __init__(self, row: tuple[Any, ...]):
        for key, value in zip(PERSON_FIELDS, row, strict=True):
            setattr(self, key, value)


class RecordRows:
    """One plain connection to a store, for reading records and logging exports."""

    def __init__(self, source: StoreLocation | str | os.PathLike[str]):
        """`source`: a StoreLocation, a SQLite path or a PostgreSQL URL."""
        location = StoreLocation.of(source)
        self.location = location
        self.path = location.path  # None on PostgreSQL
        # This installation's own files (its signing key); None for a bare address.
        self.folder = location.files_folder
        self._conn: DbConnection = connect(location)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> RecordRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def conversation(self, conversation_id: int) -> dict[str, Any]:
        row = self._conn.execute(f"SELECT {', '.join(_CONVERSATION_COLUMNS)} FROM conversations "
                                 "WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise LookupError(f"no conversation with id {conversation_id}")
        return dict(zip(_CONVERSATION_COLUMNS, row, strict=True))

    def replaced_by(self, conversation_id: int) -> int | None:
        """The version that stands in for a superseded record now: the newest signed version
        of its amendment chain (amendments of amendments followed), or None."""
        newest = None
        current = conversation_id
        for _ in range(1000):  # a chain is short; a loop in a damaged store must not hang
            row = self._conn.execute(
                "SELECT id, version, status FROM conversations WHERE supersedes_id = ? "
                "ORDER BY version DESC LIMIT 1", (current,)).fetchone()
            if row is None:
                break
            current = int(row[0])
            if row[2] in ("signed", "superseded"):
                newest = int(row[1])
        return newest

    def by_uid_prefix(self, prefix: str, limit: int = 2) -> list[int]:
        return [r[0] for r in self._conn.execute(
            "SELECT id FROM conversations WHERE uid >= ? AND uid < ? ORDER BY uid LIMIT ?",
            (prefix, prefix + "g", limit))]  # a range, so the unique index on uid is used

    def signed_ids(self) -> list[int]:
        """Every record signed by both and not replaced, oldest conversation first."""
        return [r[0] for r in self._conn.execute(
            "SELECT id FROM conversations WHERE status = 'signed' ORDER BY held_on, id")]

    def sections(self, conversation_id: int) -> dict[str, Any]:
        return {r[0]: json.loads(r[1]) for r in self._conn.execute(
            "SELECT section, body FROM conversation_sections WHERE conversation_id = ?",
            (conversation_id,))}

    def record(self, conversation_id: int) -> Record:
        conversation = self.conversation(conversation_id)
        sections = self.sections(conversation_id)
        live = None
        if not isinstance((sections.get("setup") or {}).get("person"), dict):
            live = self._person(conversation["person_id"])
        supersedes_uid = None
        if conversation["supersedes_id"] is not None:
            found = self._conn.execute("SELECT uid FROM conversations WHERE id = ?",
                                       (conversation["supersedes_id"],)).fetchone()
            supersedes_uid = found[0] if found else None
        return build_record(conversation, sections, live, supersedes_uid)

    def _person(self, person_id: int) -> _Person:
        row = self._conn.execute(f"SELECT {', '.join(PERSON_FIELDS)} FROM staff WHERE id = ?",
                                 (person_id,)).fetchone()
        if row is None:
            raise LookupError(f"no person with id {person_id}")
        return _Person(row)

    def signatures(self, conversation_id: int) -> list[SignatureView]:
        return [signature_view(*r) for r in self._conn.execute(
            "SELECT role, signer_name, statement, signed_at, fingerprint, drawing "
            "FROM signatures WHERE conversation_id = ? ORDER BY signed_at, id",
            (conversation_id,))]

    def pack_snapshot(self, fingerprint: str) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT body FROM pack_snapshots WHERE fingerprint = ?",
                                 (fingerprint,)).fetchone()
        return json.loads(row[0]) if row else None

    def audit_head(self) -> tuple[int, str]:
        """(id, hash) of the audit log's newest entry: the anchor an export carries."""
        row = self._conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
                                 ).fetchone()
        return (int(row[0]), str(row[1])) if row else (0, _GENESIS)

    # -- logging an export ---------------------------------------------------------------------

    def log_export(self, conversation_id: int, sha256: str, final: bool) -> None:
        """The export's row and its audit entry, together or not at all."""
        at = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
        conn = self._conn
        conn.begin_write()  # no other writer of the audit chain between reading its head and adding
        try:
            conversation = self.conversation(conversation_id)
            conn.execute("INSERT INTO exports(conversation_id, at, sha256, final) "
                         "VALUES (?, ?, ?, ?)", (conversation_id, conn.timestamp(at), sha256,
                                                 bool(final)))
            # The bytes' hash identifies the file; its path is left out (it may hold a name).
            _append_audit(conn, at, "exported", conversation["uid"], conversation["person_id"],
                          {"final": final, "sha256": sha256, "version": conversation["version"]})
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def audit_entry_hash(prev_hash: str, at: datetime, event: str, conversation_uid: str | None,
                     staff_id: int | None, detail: str) -> str:
    """One link of the audit chain. Lives here, not in storage.audit, because the export
    path writes audit entries without importing SQLAlchemy; storage.audit imports it."""
    return audit_link_hash(prev_hash, at.isoformat(), event, conversation_uid, staff_id, detail)


def audit_link_hash(prev_hash: str, at_iso: str, event: str, conversation_uid: str | None,
                    staff_id: int | None, detail: str) -> str:
    """The same link with the time already in `datetime.isoformat()` form (check's fast path)."""
    payload = _LINK.encode([prev_hash, at_iso, event, conversation_uid, staff_id, detail])
    return hashlib.sha256(payload.encode()).hexdigest()


_LINK = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one encoder, not one a call


_GENESIS = "0" * 64
_HEAD_KEY = "audit_head"


def _append_audit(conn: DbConnection, at: datetime, event: str, uid: str | None,
                  staff_id: int | None, detail: dict[str, Any]) -> None:
    last = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else _GENESIS
    body = json.dumps(detail, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = audit_entry_hash(prev, at, event, uid, staff_id, body)
    conn.execute("INSERT INTO audit_log(at, event, conversation_uid, staff_id, detail, prev_hash, "
                 "hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (conn.timestamp(at), event, uid, staff_id, body, prev, digest))
    conn.execute("INSERT INTO app_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                 "SET value = excluded.value", (_HEAD_KEY, digest))
