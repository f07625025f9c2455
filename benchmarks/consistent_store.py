"""A big store that passes every check: real fingerprints, signatures and an audit chain.

`build_store` in support.py makes people and drafts fast; the integrity checks need more
than that (a signed record with a made-up fingerprint is, rightly, a finding). This builds
what the application itself would leave, with executemany on raw sqlite3: every
conversation has ten sections of a few hundred bytes, every other one is signed by both
with the fingerprint its content gives, and the audit log holds each record's making and
both signatures, chained, with its head.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime
from pathlib import Path

from benchmarks.support import build_store
from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.conversation import STEP_IDS
from rmp_desktop.domain.record import signature_digest
from rmp_desktop.domain.signoff import STATEMENT
from rmp_desktop.storage.record_rows import (
    PERSON_FIELDS,
    audit_entry_hash,
    build_record,
    iso_utc,
)

PHRASES = ["Led the rota review with the medical staffing team", "Coached two new HR advisers",
           "Needs more exposure to employment tribunals", "Wants to shadow the director of OD",
           "Completed the Mary Seacole programme", "Wellbeing conversations went well this year",
           "Objective met: recruitment time to hire down by a fifth", "Plans a secondment"]
_AT = datetime(2026, 1, 5, 9, 30)
_STORED = _AT.strftime("%Y-%m-%d %H:%M:%S.%f")


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def build_consistent_store(path: Path, people: int, conversations: int, *, signed_every: int = 2,
                           seed: int = 3) -> Path:
    rng = random.Random(seed)
    build_store(path, people)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    packs = load_builtin()
    refs = [pack.ref() for pack in packs.by_kind.values()]
    conn.executemany("INSERT INTO pack_snapshots(fingerprint, pack_id, version, kind, body) "
                     "VALUES (?,?,?,?,?)", [(p.fingerprint, p.id, p.version, p.kind,
                                             dumps(p.to_dict())) for p in packs.by_kind.values()])
    pack_refs = dumps(refs)
    staff = conn.execute(f"SELECT id, {', '.join(PERSON_FIELDS)} FROM staff").fetchall()
    head = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = head[0] if head else "0" * 64
    batch = 5_000
    for start in range(1, conversations + 1, batch):
        convs, sections, fixed, signatures, audit = [], [], [], [], []
        for c in range(start, min(start + batch, conversations + 1)):
            uid = f"{rng.getrandbits(128):032x}"  # as random as real ones (file names use it)
            person = rng.choice(staff)
            held = f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            signed = c % signed_every == 0
            body = {step: {"notes": " ".join(rng.choice(PHRASES)
                                             for _ in range(rng.randint(2, 10)))}
                    for step in STEP_IDS}
            if signed:
                body["setup"]["person"] = dict(zip(PERSON_FIELDS, person[1:], strict=True))
            convs.append((c, uid, person[0], "Ngozi Adeyemi", "both", held, pack_refs, _STORED,
                          _STORED))
            sections += [(c, step, dumps(body[step]), _STORED) for step in STEP_IDS]
            prev = _chain(audit, prev, "created", uid, person[0], {"kind": "both", "version": 1})
            if not signed:
                continue
            columns = {"uid": uid, "version": 1, "kind": "both", "held_on": held,
                       "manager_name": "Ngozi Adeyemi", "pack_refs": pack_refs,
                       "amendment_reason": "", "status": "signed"}
            fingerprint = build_record(columns, json.loads(dumps(body)), None, None).fingerprint()
            fixed.append((fingerprint, c))
            for role, name, complete in (("employee", f"Person {c}", False),
                                         ("manager", "Ngozi Adeyemi", True)):
                signatures.append((c, role, name, STATEMENT, _STORED, fingerprint))
                digest = signature_digest(role, name, STATEMENT, iso_utc(_AT), fingerprint, None)
                prev = _chain(audit, prev, "signed", uid, person[0], {
                    "role": role, "version": 1, "complete": complete, "supersedes": None,
                    "fingerprint": fingerprint, "signature": digest})
        conn.executemany("INSERT INTO conversations(id, uid, person_id, manager_name, kind, "
                         "held_on, pack_refs, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                         convs)
        conn.executemany("INSERT INTO conversation_sections(conversation_id, section, body, "
                         "updated_at) VALUES (?,?,?,?)", sections)
        conn.executemany("UPDATE conversations SET status = 'signed', fingerprint = ? "
                         "WHERE id = ?", fixed)
        conn.executemany("INSERT INTO signatures(conversation_id, role, signer_name, statement, "
                         "signed_at, fingerprint) VALUES (?,?,?,?,?,?)", signatures)
        conn.executemany("INSERT INTO audit_log(at, event, conversation_uid, staff_id, detail, "
                         "prev_hash, hash) VALUES (?,?,?,?,?,?,?)", audit)
    conn.execute("INSERT INTO app_meta(key, value) VALUES ('audit_head', ?) ON CONFLICT(key) "
                 "DO UPDATE SET value = excluded.value", (prev,))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _chain(audit: list, prev: str, event: str, uid: str, staff_id: int, detail: dict) -> str:
    body = dumps(detail)
    digest = audit_entry_hash(prev, _AT, event, uid, staff_id, body)
    audit.append((_STORED, event, uid, staff_id, body, prev, digest))
    return digest
