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
from dataclasses import asdict, dataclass, field
from typing import Any

CANONICAL_VERSION = 1  # part of the hashed content: a change of form is a new version
SHORT_UID = 8


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

    @classmethod
    def of(cls, member) -> PersonSnapshot:
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
        content = asdict(self)
        content.pop("status")
        content["canonical_version"] = CANONICAL_VERSION
        return _nfc(content)

    def canonical_bytes(self) -> bytes:
        return canonical_json(self.canonical_content()).encode("utf-8")

    def fingerprint(self) -> str:
        return hashlib.sha256(self.canonical_bytes()).hexdigest()


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)


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


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value
