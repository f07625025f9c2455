"""What a laptop has to publish: read from its store as plain data, in batches.

What goes: the manager (the person the organisation's store maps their login to), their team
as known here, and every record whose content is fixed (awaiting sign-off, signed,
superseded) in full: its columns, every section as stored (byte for byte), its signatures
and the framework packs it names. Drafts stay. A record goes again when the organisation
store it last went to differs, or its status has moved since; a person when their details
changed since they last went (`details_sha256`). A record this laptop's own check finds
changed since signing is held back and named, never sent.

Equality monitoring answers go in a part of the batch of their own (the first), keyed by the
uid they are kept under and never beside a name or a record: the answers of people of the
team that were given to this manager (through a preparation, or with consent), and one's
own only if one chose to send them (`share`). They go when what was sent last
(`published_equality`, a hash per uid) differs; answers sent before and gone from here since
(the person withdrew them) go as a withdrawal.

Nothing here writes, and no integer id of this store goes into a batch: people and records
are named by their uids (the ids map back for the bookkeeping in storage/publish.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from rmp_desktop.domain.equality import QUESTION_IDS, SOURCE_SELF
from rmp_desktop.domain.record import canonical_json, short_uid
from rmp_desktop.storage.record_rows import FIXED
from rmp_desktop.storage.store import Store

MAX_RECORDS_PER_BATCH = 25  # a transaction each: a dropped network loses one batch's work at most
PUBLISHED, REFUSED = "published", "refused"
_PERSON_COLUMNS = ("id", "uid", "full_name", "preferred_name", "job_title", "band",
                   "functional_area", "directorate", "line_manager_id", "start_date", "email",
                   "assignment_number", "archived", "search_text")
_RECORD_COLUMNS = ("id", "uid", "person_id", "manager_id", "manager_name", "kind", "held_on",
                   "status", "pack_refs", "version", "supersedes_id", "amendment_reason",
                   "fingerprint")


class NotMapped(LookupError):
    """This laptop holds no one with the uid the organisation's store maps the login to."""


@dataclass
class Batch:
    """One transaction's worth: plain JSON-able data, and how its uids map back here."""

    me: dict[str, Any] | None
    people: list[dict[str, Any]]
    packs: list[dict[str, Any]]
    records: list[dict[str, Any]]
    person_ids: dict[str, int] = field(default_factory=dict)  # laptop uid -> staff id here
    person_hashes: dict[str, str] = field(default_factory=dict)  # laptop uid -> details hash
    record_ids: dict[str, int] = field(default_factory=dict)  # record uid -> conversation id
    # Equality answers, apart from everything else: {"uid", "answers" (None: withdrawn), ...}.
    equality: list[dict[str, Any]] = field(default_factory=list)
    equality_hashes: dict[str, str] = field(default_factory=dict)  # uid -> hash of what went

    def payload(self) -> str:
        return json.dumps({"me": self.me, "people": self.people, "packs": self.packs,
                           "records": self.records, "equality": self.equality},
                          ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class HeldBack:
    """A record not sent, and why, in words."""

    uid: str
    words: str


@dataclass
class Pending:
    batches: list[Batch]
    held_back: list[HeldBack]
    records: int  # how many records the batches carry
    # Records this store refused before, as they still are: not offered again, still said.
    still_refused: list[HeldBack] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.batches


def find_me(store: Store, staff_uid: str) -> int:
    """The staff id here of the person whose uid (or alias) the organisation maps the login to."""
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT id FROM staff WHERE uid = :u"), {"u": staff_uid}).first()
        if row is None:
            row = conn.execute(text("SELECT staff_id FROM staff_aliases WHERE uid = :u"),
                               {"u": staff_uid}).first()
    if row is None:
        raise NotMapped(staff_uid)
    return int(row[0])


def managers_here(store: Store) -> list[tuple[str, str]]:
    """(name, uid) of everyone here who manages someone: what to tell the administrators when
    the login is mapped to a uid this laptop does not hold."""
    with store.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT DISTINCT m.full_name, m.uid FROM staff m JOIN staff s "
            "ON s.line_manager_id = m.id ORDER BY m.full_name")).all()
    return [(str(name), str(uid)) for name, uid in rows]


def read_pending(store: Store, store_uid: str, me_id: int, *,
                 per_batch: int = MAX_RECORDS_PER_BATCH, check_first: bool = True) -> Pending:
    """Everything that has not yet reached the organisation store `store_uid` as it is now."""
    with store.engine.connect() as conn:
        people = _people(conn)
        aliases = _aliases(conn)
        sent_people = {row[0]: (row[1], row[2]) for row in conn.execute(text(
            "SELECT staff_id, store_uid, details_sha256 FROM published_people"))}
        records = _records_to_send(conn, store_uid)
        equality = _equality_to_send(conn, store_uid, me_id)
        still_refused = [HeldBack(uid, note) for uid, note in conn.execute(text(
            "SELECT c.uid, p.note FROM publications p JOIN conversations c "
            "ON c.id = p.conversation_id WHERE p.outcome = 'refused' AND p.store_uid = :store "
            "AND p.status = c.status AND p.fingerprint = c.fingerprint ORDER BY c.id"),
            {"store": store_uid})]
    held_back: list[HeldBack] = []
    if check_first and records:
        from rmp_desktop.storage.record_checks import record_problems

        problems = record_problems(store, [r["id"] for r in records])
        for record in records:
            found = problems.get(record["id"])
            if found:
                held_back.append(HeldBack(record["uid"], (
                    f"record {short_uid(record['uid'])} was not sent: on this laptop it no "
                    f"longer matches what was signed ({found[0]}). Run rmp-desktop check.")))
        records = [r for r in records if r["id"] not in problems]
    uids_by_id = {r["id"]: r["uid"] for r in records}
    # An amendment after the version it amends: the store looks the earlier one up by uid.
    records.sort(key=lambda r: (r["version"], str(r["held_on"]), r["id"]))
    team = [pid for pid, p in people.items() if pid == me_id or p["line_manager_id"] == me_id]
    changed = {pid for pid in team if _changed(people[pid], aliases, sent_people, store_uid)}
    me = _person_payload(people[me_id], aliases, changed=True)
    with store.engine.connect() as conn:
        earlier_uids = _uids_of(conn, [r["supersedes_id"] for r in records
                                       if r["supersedes_id"] is not None
                                       and r["supersedes_id"] not in uids_by_id])
    earlier_uids.update(uids_by_id)
    chunks = [records[i:i + per_batch] for i in range(0, len(records), per_batch)]
    if not chunks and (changed or equality):
        chunks = [[]]  # people (or equality answers) only
    batches: list[Batch] = []
    for index, chunk in enumerate(chunks):
        wanted = {me_id} | {r["person_id"] for r in chunk}
        wanted |= {r["manager_id"] for r in chunk if r["manager_id"] in people}
        batch = Batch(me=me, people=[], packs=[], records=[])
        if index == 0:
            wanted |= changed
            batch.equality = [entry for entry, _hash in equality]
            batch.equality_hashes = {entry["uid"]: digest for entry, digest in equality}
        for pid in sorted(wanted):
            payload = _person_payload(people[pid], aliases, changed=pid in changed)
            batch.people.append(payload)
            batch.person_ids[payload["uid"]] = pid
            batch.person_hashes[payload["uid"]] = _details_hash(payload)
        with store.engine.connect() as conn:
            batch.packs = _packs(conn, chunk)
            sections = _sections(conn, [r["id"] for r in chunk])
            signatures = _signatures(conn, [r["id"] for r in chunk])
        for record in chunk:
            batch.records.append(_record_payload(record, people, earlier_uids,
                                                 sections.get(record["id"], {}),
                                                 signatures.get(record["id"], [])))
            batch.record_ids[record["uid"]] = record["id"]
        batches.append(batch)
    return Pending(batches, held_back, len(records), still_refused)


# -- reading ------------------------------------------------------------------------------------

def _people(conn: Connection) -> dict[int, dict[str, Any]]:
    rows = conn.execute(text(f"SELECT {', '.join(_PERSON_COLUMNS)} FROM staff"))
    return {row[0]: dict(zip(_PERSON_COLUMNS, row, strict=True)) for row in rows}


def _aliases(conn: Connection) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for uid, staff_id in conn.execute(text("SELECT uid, staff_id FROM staff_aliases "
                                           "ORDER BY uid")):
        out.setdefault(staff_id, []).append(uid)
    return out


def _records_to_send(conn: Connection, store_uid: str) -> list[dict[str, Any]]:
    fixed = ", ".join(f"'{s}'" for s in FIXED)
    rows = conn.execute(text(
        f"SELECT {', '.join('c.' + c for c in _RECORD_COLUMNS)} FROM conversations c "
        "LEFT JOIN publications p ON p.conversation_id = c.id "
        f"WHERE c.status IN ({fixed}) AND (p.conversation_id IS NULL "
        "OR p.store_uid <> :store OR p.status <> c.status "
        "OR p.fingerprint IS NOT c.fingerprint) ORDER BY c.id"), {"store": store_uid})
    return [dict(zip(_RECORD_COLUMNS, row, strict=True)) for row in rows]


def _uids_of(conn: Connection, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    listed = ",".join(str(int(i)) for i in set(ids))
    return {row[0]: row[1] for row in conn.execute(text(
        f"SELECT id, uid FROM conversations WHERE id IN ({listed})"))}


def _sections(conn: Connection, ids: list[int]) -> dict[int, dict[str, str]]:
    if not ids:
        return {}
    listed = ",".join(str(int(i)) for i in ids)
    out: dict[int, dict[str, str]] = {}
    for cid, section, body in conn.execute(text(
            "SELECT conversation_id, section, body FROM conversation_sections "
            f"WHERE conversation_id IN ({listed})")):
        out.setdefault(cid, {})[section] = body
    return out


def _signatures(conn: Connection, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    if not ids:
        return {}
    listed = ",".join(str(int(i)) for i in ids)
    out: dict[int, list[dict[str, Any]]] = {}
    for cid, role, name, statement, at, fingerprint, drawing in conn.execute(text(
            "SELECT conversation_id, role, signer_name, statement, signed_at, fingerprint, "
            f"drawing FROM signatures WHERE conversation_id IN ({listed}) ORDER BY id")):
        out.setdefault(cid, []).append({
            "role": role, "signer_name": name, "statement": statement,
            "signed_at": _iso(at), "fingerprint": fingerprint,
            "drawing": base64.b64encode(drawing).decode("ascii") if drawing else None})
    return out


def _packs(conn: Connection, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    wanted: list[str] = []
    for record in records:
        for ref in json.loads(record["pack_refs"] or "[]"):
            if ref.get("fingerprint") not in wanted:
                wanted.append(ref.get("fingerprint"))
    out = []
    for fingerprint in wanted:
        row = conn.execute(text("SELECT fingerprint, pack_id, version, kind, body FROM "
                                "pack_snapshots WHERE fingerprint = :f"), {"f": fingerprint}
                           ).first()
        if row is not None:
            out.append(dict(zip(("fingerprint", "pack_id", "version", "kind", "body"), row,
                                strict=True)))
    return out


def _equality_to_send(conn: Connection, store_uid: str, me_id: int
                      ) -> list[tuple[dict[str, Any], str]]:
    """(entry, hash) for each uid whose answers the store `store_uid` does not hold as they
    are here: the team's answers (one's own if shared), and withdrawals of answers sent before."""
    team = {row[0] for row in conn.execute(text(
        "SELECT uid FROM staff WHERE id = :me OR line_manager_id = :me UNION "
        "SELECT a.uid FROM staff_aliases a JOIN staff s ON s.id = a.staff_id "
        "WHERE s.id = :me OR s.line_manager_id = :me"), {"me": me_id})}
    sent = {uid: (store, digest) for uid, store, digest in conn.execute(text(
        "SELECT staff_uid, store_uid, answers_sha256 FROM published_equality"))}
    out: list[tuple[dict[str, Any], str]] = []
    here: set[str] = set()
    for row in conn.execute(text(
            f"SELECT staff_uid, source, consent_on, share, updated_at, {', '.join(QUESTION_IDS)} "
            "FROM equality_monitoring ORDER BY staff_uid")):
        uid, source, consent_on, share = row[0], row[1], row[2], row[3]
        if uid not in team or (source == SOURCE_SELF and not share):
            continue
        answers = {q: v for q, v in zip(QUESTION_IDS, row[5:], strict=True) if v}
        entry = {"uid": uid, "answers": answers, "source": source,
                 "consent_on": str(consent_on)[:10] if consent_on else None}
        digest = _answers_hash(entry)
        here.add(uid)
        if sent.get(uid) != (store_uid, digest):
            out.append(({**entry, "updated_at": _iso(row[4])}, digest))
    withdrawn = {"answers": None}
    for uid, (store, digest) in sorted(sent.items()):
        if uid not in here and store == store_uid and digest != _answers_hash(withdrawn):
            out.append(({"uid": uid, **withdrawn}, _answers_hash(withdrawn)))
    return out


def _answers_hash(entry: dict[str, Any]) -> str:
    """What was sent for a uid, as a hash (the bookkeeping keeps this, never the answers)."""
    kept = {k: entry.get(k) for k in ("answers", "source", "consent_on")}
    return hashlib.sha256(canonical_json(kept).encode("utf-8")).hexdigest()


# -- payloads -----------------------------------------------------------------------------------

def _person_payload(person: dict[str, Any], aliases: dict[int, list[str]], *,
                    changed: bool) -> dict[str, Any]:
    start = person["start_date"]
    return {"uid": person["uid"], "aliases": aliases.get(person["id"], []),
            "full_name": person["full_name"], "preferred_name": person["preferred_name"] or "",
            "job_title": person["job_title"] or "", "band": person["band"],
            "functional_area": person["functional_area"],
            "directorate": person["directorate"] or "", "email": person["email"] or "",
            "assignment_number": person["assignment_number"],
            "start_date": str(start)[:10] if start else None,
            "archived": bool(person["archived"]), "search_text": person["search_text"] or "",
            "changed": changed}


def _details_hash(payload: dict[str, Any]) -> str:
    details = {k: v for k, v in payload.items() if k != "changed"}
    return hashlib.sha256(canonical_json(details).encode("utf-8")).hexdigest()


def _changed(person: dict[str, Any], aliases: dict[int, list[str]],
             sent: dict[int, tuple[str, str]], store_uid: str) -> bool:
    last = sent.get(person["id"])
    payload = _person_payload(person, aliases, changed=True)
    return last is None or last[0] != store_uid or last[1] != _details_hash(payload)


def _record_payload(record: dict[str, Any], people: dict[int, dict[str, Any]],
                    earlier_uids: dict[int, str], sections: dict[str, str],
                    signatures: list[dict[str, Any]]) -> dict[str, Any]:
    manager = people.get(record["manager_id"]) if record["manager_id"] is not None else None
    return {
        "uid": record["uid"], "person_uid": people[record["person_id"]]["uid"],
        "manager_uid": manager["uid"] if manager else None,
        "manager_name": record["manager_name"], "kind": record["kind"],
        "held_on": str(record["held_on"])[:10], "status": record["status"],
        "pack_refs": record["pack_refs"] or "[]", "version": record["version"],
        "supersedes_uid": (earlier_uids.get(record["supersedes_id"])
                           if record["supersedes_id"] is not None else None),
        "amendment_reason": record["amendment_reason"] or "",
        "fingerprint": record["fingerprint"], "sections": sections, "signatures": signatures}


def _iso(value: object) -> str:
    """A stored UTC time as ISO 8601 without a zone (SQLite keeps text, PostgreSQL datetimes)."""
    return str(value).replace(" ", "T")[:19]
