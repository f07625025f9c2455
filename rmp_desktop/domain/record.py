"""A conversation as a record: what is signed, hashed, printed and verified.

The canonical form is JSON with sorted keys, no insignificant white space and
every string in Unicode NFC, so the same content always gives the same bytes
and the same SHA-256 fingerprint, on any machine. It covers what was agreed
(the person as they were at signing, the kind, date, manager, every section
and the content packs used) and nothing that may change without changing the
agreement (the status, timestamps, the step last shown).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any, Protocol, cast

from rmp_desktop.domain.staff import listed_name

CANONICAL_VERSION = 1  # part of the hashed content: a change of form is a new version
SHORT_UID = 8


class _Person(Protocol):
    @property
    def full_name(self) -> str: ...
    @property
    def preferred_name(self) -> str: ...
    @property
    def job_title(self) -> str: ...
    @property
    def band(self) -> str: ...
    @property
    def functional_area(self) -> str: ...


@dataclass(frozen=True)
class PersonSnapshot:
    full_name: str
    preferred_name: str
    job_title: str
    band: str
    functional_area: str

    @property
    def display_name(self) -> str:
        return self.preferred_name.strip() or self.full_name.strip()

    @property
    def listed_name(self) -> str:
        return listed_name(self.full_name, self.preferred_name)

    @classmethod
    def of(cls, member: _Person) -> PersonSnapshot:
        """From a domain StaffMember (or anything with the same attributes)."""
        return cls(member.full_name, member.preferred_name, member.job_title, member.band,
                   member.functional_area)


@dataclass(frozen=True)
class SignatureView:
    role: str  # "employee" or "manager"
    signer_name: str
    statement: str
    signed_at: str  # ISO 8601, UTC
    fingerprint: str
    # Drawn strokes, each a list of (x, y) in 0..1 of the pad, or None if typed only.
    strokes: list[list[tuple[float, float]]] | None = None


@dataclass(frozen=True)
class Record:
    uid: str
    version: int
    kind: str
    held_on: str  # ISO date
    manager_name: str
    person: PersonSnapshot
    document: dict[str, Any]
    pack_refs: list[dict[str, str]]
    supersedes_uid: str | None = None
    amendment_reason: str = ""
    # Not part of the canonical content:
    status: str = field(default="draft", compare=False)

    def canonical_content(self) -> dict[str, Any]:
        # Field by field rather than dataclasses.asdict, whose deep copy cost more than the
        # hashing on a big store's check; _nfc builds new containers anyway.
        content = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "status"}
        content["person"] = asdict(self.person)
        content["canonical_version"] = CANONICAL_VERSION
        return cast(dict[str, Any], _nfc(content))

    def canonical_bytes(self) -> bytes:
        return canonical_json(self.canonical_content()).encode("utf-8")

    def fingerprint(self) -> str:
        return hashlib.sha256(self.canonical_bytes()).hexdigest()


# One encoder, not one per call: json.dumps builds a new one whenever options are given.
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                              allow_nan=False)


def canonical_json(value: Any) -> str:
    return _CANONICAL.encode(value)


def short_uid(uid: str) -> str:
    """How a record is named to people and on the command line: the uid's first 8 characters."""
    return uid[:SHORT_UID]


def canonical_sha256(value: Any) -> str:
    """SHA-256 of any JSON-able value in the same canonical form as a record (strings in NFC),
    for exchange files that prove their own content."""
    return hashlib.sha256(canonical_json(_nfc(value)).encode("utf-8")).hexdigest()


def signature_digest(role: str, signer_name: str, statement: str, signed_at: str,
                     fingerprint: str, drawing: bytes | None) -> str:
    """SHA-256 of one signature as given (who, when, what they confirmed, for which content,
    what they drew). Kept in the audit log's signing entry, so a signature row changed later,
    a signer's name for instance, no longer matches it. `signed_at` is ISO 8601 UTC."""
    drawn = hashlib.sha256(drawing).hexdigest() if drawing else None
    body = canonical_json(_nfc([role, signer_name, statement, signed_at, fingerprint, drawn]))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """What a reader can compare by eye: 16 hex digits in groups of four."""
    head = fingerprint[:16].upper()
    return " ".join(head[i:i + 4] for i in range(0, 16, 4))


def fingerprint_of_stored(columns: dict[str, Any], document: str, person: dict[str, Any],
                          supersedes_uid: str | None) -> str | None:
    """A fixed record's fingerprint from its stored section texts, or None.

    `document` is the JSON object of the record's sections put together from the texts as
    stored (`{"aspirations":<text>,...}` in key order). The store writes each section as
    canonical JSON already, so this gives the same bytes as `Record.canonical_bytes()`
    without parsing every section, whenever the texts are canonical and NFC. Not NFC: None.
    Not canonical: a result that differs from the stored fingerprint, and the caller
    confirms with the full computation. Used by `check`, where parsing every section of
    every signed record would otherwise cost most of its time."""
    if not unicodedata.is_normalized("NFC", document):
        return None
    snapshot = {k: person.get(k, "") for k in ("band", "full_name", "functional_area",
                                                 "job_title", "preferred_name")}
    pack_refs = columns["pack_refs"]
    refs = _canonical_refs(pack_refs) if isinstance(pack_refs, str) else \
        canonical_json(_nfc(pack_refs))
    head = canonical_json(_nfc({
        "amendment_reason": columns["amendment_reason"], "canonical_version": CANONICAL_VERSION,
        "document": None, "held_on": columns["held_on"], "kind": columns["kind"],
        "manager_name": columns["manager_name"], "pack_refs": None, "person": snapshot,
        "supersedes_uid": supersedes_uid, "uid": columns["uid"], "version": columns["version"]}))
    # Before each placeholder there are only keys and escaped strings, so the first match is
    # the placeholder itself; pack_refs first, as the document text may hold anything.
    text = head.replace('"pack_refs":null', '"pack_refs":' + refs, 1)
    text = text.replace('"document":null', '"document":' + document, 1)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def _canonical_refs(text: str) -> str:
    """A record's pack list in canonical form: a handful of distinct lists in any store."""
    return canonical_json(_nfc(json.loads(text or "[]")))


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value
