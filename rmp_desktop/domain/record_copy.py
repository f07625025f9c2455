"""The record copy: a signed record as a file the staff member keeps, proving itself.

Plain data in, plain data out. The file is JSON, UTF-8, one object:

    format          "rmp-record-copy"
    format_version  1
    made_at, made_by   when and by which application it was made
    person          {uid, aliases}: the uid the manager's store knows the person by, and
                    every other uid it has for them (from their preparations)
    versions        the record and every version it amends, oldest first; each:
                    record      the canonical content exactly as hashed at signing: uid,
                                version, kind, held_on, manager_name, person (as they were),
                                document (every section as signed), pack_refs,
                                supersedes_uid, amendment_reason, canonical_version
                    fingerprint SHA-256 of that content's canonical JSON
                    status      "signed", or "superseded" for a version later amended
                    signatures  [{role, signer_name, statement, signed_at, fingerprint,
                                 strokes}] (strokes: drawn lines as [x, y] in 0..1, or null)
    packs           the full text of every framework pack the versions name, as stored
    pdf             {sha256, base64}: the final PDF of the newest version, as exported
    content_sha256  SHA-256 of the canonical JSON of every other key

Anyone can recompute each fingerprint from `record` (see domain/record.py for the canonical
form) and compare it with the one printed on the PDF.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rmp_desktop.domain.conversation import STEP_IDS, Kind
from rmp_desktop.domain.exchange_json import (
    HEX32,
    HEX64,
    ExchangeRefused,
    Reader,
    load_json,
)
from rmp_desktop.domain.record import (
    CANONICAL_VERSION,
    PersonSnapshot,
    Record,
    SignatureView,
    canonical_sha256,
)
from rmp_desktop.domain.signoff import ROLES

FORMAT = "rmp-record-copy"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024  # 20 MB: a record with its PDF and packs is about 0.5 MB
MAX_STROKE_POINTS = 20_000
_TOP = ("format", "format_version", "made_at", "made_by", "person", "versions", "packs",
        "pdf", "content_sha256")
_RECORD = ("uid", "version", "kind", "held_on", "manager_name", "person", "document",
           "pack_refs", "supersedes_uid", "amendment_reason", "canonical_version")
_PERSON = ("full_name", "preferred_name", "job_title", "band", "functional_area")


@dataclass(frozen=True)
class CopiedVersion:
    record: Record
    fingerprint: str
    status: str  # "signed" or "superseded"
    signatures: list[SignatureView]


@dataclass(frozen=True)
class RecordCopy:
    person_uid: str
    aliases: list[str]
    versions: list[CopiedVersion]  # oldest first; the last is the record itself
    packs: list[dict[str, Any]]  # full pack texts
    pdf: bytes
    made_at: str
    sha256: str

    @property
    def newest(self) -> CopiedVersion:
        return self.versions[-1]


def make_record_copy(person_uid: str, aliases: list[str], versions: list[CopiedVersion],
                     packs: list[dict[str, Any]], pdf: bytes, made_at: str, made_by: str) -> dict[str, Any]:
    """The file's JSON object (checked by the caller with `parse_record_copy` if wanted)."""
    body = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "made_at": made_at,
        "made_by": made_by, "person": {"uid": person_uid, "aliases": sorted(aliases)},
        "versions": [{"record": v.record.canonical_content(), "fingerprint": v.fingerprint,
                      "status": v.status,
                      "signatures": [_signature_dict(s) for s in v.signatures]}
                     for v in versions],
        "packs": packs,
        "pdf": {"sha256": hashlib.sha256(pdf).hexdigest(),
                "base64": base64.b64encode(pdf).decode("ascii")},
    }
    return {**body, "content_sha256": canonical_sha256(body)}


def _signature_dict(s: SignatureView) -> dict[str, Any]:
    strokes = None if s.strokes is None else [[[x, y] for x, y in stroke] for stroke in s.strokes]
    return {"role": s.role, "signer_name": s.signer_name, "statement": s.statement,
            "signed_at": s.signed_at, "fingerprint": s.fingerprint, "strokes": strokes}


def parse_record_copy(data: bytes) -> RecordCopy:
    """A record-copy file's bytes as checked plain data; ExchangeRefused says why not.

    Every version's fingerprint is recomputed from its content: a copy that is not genuine
    is refused, never stored."""
    raw = load_json(data, limit=MAX_FILE_BYTES, what="a record copy")
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        if isinstance(raw, dict) and raw.get("format") == "rmp-preparation":
            raise ExchangeRefused("This is a preparation, not a copy of a signed record: "
                                  "bring it into a conversation with “import-prep”.")
        raise ExchangeRefused("This file is not a copy of a signed record made by this "
                              "application.")
    version = raw.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ExchangeRefused("This record copy is damaged: its format version is missing.")
    if version > FORMAT_VERSION:
        raise ExchangeRefused(f"This record copy was made by a newer version of the "
                              f"application (format version {version}). Update the "
                              "application, then import it again.")
    r = Reader("record copy", 200_000, 500, formulas=False)
    r.obj(raw, "the file", _TOP)
    body = {k: raw[k] for k in _TOP if k != "content_sha256"}
    claimed = raw["content_sha256"]
    if not isinstance(claimed, str) or canonical_sha256(body) != claimed:
        raise ExchangeRefused("This record copy was changed after it was made: its content "
                              "does not match the SHA-256 it carries. It is not a genuine "
                              "copy; ask your manager for a new one.")
    person = r.obj(raw["person"], "the person", ("uid", "aliases"))
    uid = person["uid"]
    if not isinstance(uid, str) or not HEX32.match(uid):
        raise r.damaged("the person's identifier", "is not 32 hexadecimal digits")
    aliases = person["aliases"]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and HEX32.match(a)
                                                for a in aliases) or len(aliases) > 100:
        raise r.damaged("the person's other identifiers", "are not identifiers")
    if not isinstance(raw["versions"], list) or not 1 <= len(raw["versions"]) <= 50:
        raise r.damaged("the list of versions", "is empty or too long")
    versions = [_version(r, v, f"version {i + 1}") for i, v in enumerate(raw["versions"])]
    _check_chain(r, versions)
    packs = _packs(r, raw["packs"], versions)
    pdf = _pdf(r, raw["pdf"])
    return RecordCopy(uid, list(aliases), versions, packs, pdf,
                      r.text(raw["made_at"], "when it was made", limit=20), claimed)


def _version(r: Reader, value: Any, place: str) -> CopiedVersion:
    v = r.obj(value, place, ("record", "fingerprint", "status", "signatures"))
    rec = r.obj(v["record"], f"{place}'s record", _RECORD)
    if rec["canonical_version"] != CANONICAL_VERSION:
        raise ExchangeRefused(f"This record copy uses a form of record ({place}) this "
                              "version of the application does not know. Update the "
                              "application, then import it again.")
    if not isinstance(rec["uid"], str) or not HEX32.match(rec["uid"]):
        raise r.damaged(f"{place}'s identifier", "is not a record identifier")
    number = rec["version"]
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 1000:
        raise r.damaged(f"{place}'s number", "is not a version number")
    if rec["kind"] not in {k.value for k in Kind}:
        raise r.damaged(f"{place}'s kind", "is not a kind of conversation")
    held_on = r.date(rec["held_on"], f"{place}'s date")
    person = r.obj(rec["person"], f"{place}'s person", _PERSON)
    document = rec["document"]
    if not isinstance(document, dict) or set(document) - set(STEP_IDS) or not all(
            isinstance(s, dict) for s in document.values()):
        raise r.damaged(f"{place}'s content", "is not the sections of a conversation")
    _all_text(r, document, f"{place}'s content")
    refs = rec["pack_refs"]
    if not isinstance(refs, list) or not all(
            isinstance(x, dict) and set(x) == {"id", "version", "fingerprint"}
            and all(isinstance(y, str) for y in x.values()) for x in refs):
        raise r.damaged(f"{place}'s framework packs", "are not pack references")
    supersedes = rec["supersedes_uid"]
    if supersedes is not None and (not isinstance(supersedes, str) or not HEX32.match(supersedes)):
        raise r.damaged(f"{place}'s earlier version", "is not a record identifier")
    record = Record(
        uid=rec["uid"], version=number, kind=rec["kind"], held_on=held_on,
        manager_name=r.text(rec["manager_name"], f"{place}'s manager", limit=200),
        person=PersonSnapshot(**{k: r.text(person[k], f"{place}'s person", limit=200)
                                 for k in _PERSON}),
        document=document, pack_refs=refs, supersedes_uid=supersedes,
        amendment_reason=r.text(rec["amendment_reason"], f"{place}'s reason"),
        status=v["status"] if isinstance(v["status"], str) else "")
    fingerprint = v["fingerprint"]
    if not isinstance(fingerprint, str) or not HEX64.match(fingerprint):
        raise r.damaged(f"{place}'s fingerprint", "is not a SHA-256")
    if record.canonical_content() != rec:
        raise r.damaged(f"{place}'s record", "is not in canonical form")
    if record.fingerprint() != fingerprint:
        raise ExchangeRefused(
            f"This is not a genuine copy: {place} of the record no longer gives the "
            "fingerprint it was signed with, so its content was changed after signing. "
            "Nothing was stored; ask your manager for a new copy.")
    if v["status"] not in ("signed", "superseded"):
        raise r.damaged(f"{place}'s status", "is not signed")
    signatures = r.items(v["signatures"], f"{place}'s signatures",
                         lambda s, p: _signature(r, s, p), key="role")
    roles = {s["role"] for s in signatures}
    if roles != set(ROLES):
        raise ExchangeRefused(f"This copy's {place} is not signed by both the staff member "
                              "and the manager, so it is not a signed record.")
    if any(s["fingerprint"] != fingerprint for s in signatures):
        raise ExchangeRefused(f"In this copy, a signature of {place} was given to different "
                              "content: it is not a genuine copy.")
    views = [SignatureView(s["role"], s["signer_name"], s["statement"], s["signed_at"],
                           s["fingerprint"], s["strokes"]) for s in signatures]
    return CopiedVersion(record, fingerprint, v["status"], views)


def _signature(r: Reader, value: Any, place: str) -> dict[str, Any]:
    s = dict(r.obj(value, place, ("role", "signer_name", "statement", "signed_at",
                                   "fingerprint", "strokes")))
    if s["role"] not in ROLES:
        raise r.damaged(f"{place} role", "is not staff member or manager")
    r.text(s["signer_name"], f"{place} name", limit=200)
    r.text(s["statement"], f"{place} statement", limit=1000)
    at = s["signed_at"]
    try:
        if not isinstance(at, str) or not at.endswith("Z") or len(at) != 20:
            raise ValueError
        datetime.fromisoformat(at[:-1])
    except ValueError:
        raise r.damaged(f"{place} time", "is not a time in UTC") from None
    strokes = s["strokes"]
    if strokes is not None:
        total = 0
        ok = isinstance(strokes, list)
        for stroke in strokes if ok else []:
            if not isinstance(stroke, list):
                ok = False
                break
            for point in stroke:
                total += 1
                if not (isinstance(point, list) and len(point) == 2 and all(
                        isinstance(c, (int, float)) and not isinstance(c, bool) and 0 <= c <= 1
                        for c in point)):
                    ok = False
        if not ok or total > MAX_STROKE_POINTS:
            raise r.damaged(f"{place} drawing", "is not a drawn signature")
        s["strokes"] = [[(float(x), float(y)) for x, y in stroke] for stroke in strokes]
    return s


def _all_text(r: Reader, value: Any, place: str) -> None:
    if isinstance(value, str):
        r.text(value, place)
    elif isinstance(value, dict):
        for k, v in value.items():
            r.text(k, place, limit=200)
            _all_text(r, v, place)
    elif isinstance(value, list):
        for v in value:
            _all_text(r, v, place)
    elif value is not None and not isinstance(value, (bool, int, float)):
        raise r.damaged(place, "holds something that is not text, a number or a choice")


def _check_chain(r: Reader, versions: list[CopiedVersion]) -> None:
    for earlier, later in zip(versions, versions[1:], strict=False):
        if later.record.supersedes_uid != earlier.record.uid or (
                later.record.version != earlier.record.version + 1):
            raise r.damaged("the versions", "do not follow one from another")
        if earlier.status != "superseded":
            raise r.damaged("an earlier version", "is not marked as replaced")
    first = versions[0].record
    if first.supersedes_uid is not None or first.version != 1:
        raise r.damaged("the first version", "amends a record the copy does not hold")


def _packs(r: Reader, value: Any, versions: list[CopiedVersion]) -> list[dict[str, Any]]:
    """The packs' full text, as a list of objects. Each is read as a pack (and matched with
    the records' references) by export.record_copy.check_packs, where packs can be read."""
    if not isinstance(value, list) or len(value) > 50 or not all(isinstance(b, dict)
                                                                 for b in value):
        raise r.damaged("the framework packs", "are not a list of packs")
    return list(value)


def _pdf(r: Reader, value: Any) -> bytes:
    pdf = r.obj(value, "the PDF", ("sha256", "base64"))
    try:
        data = base64.b64decode(pdf["base64"], validate=True)
    except (binascii.Error, TypeError, ValueError):
        raise r.damaged("the PDF", "is not readable") from None
    if not data.startswith(b"%PDF") or hashlib.sha256(data).hexdigest() != pdf["sha256"]:
        raise r.damaged("the PDF", "does not match its SHA-256")
    return data
