"""`check` hashes each signed record from its stored texts; that must be the very fingerprint
the full computation gives, or every healthy store would pay the slow way."""

from __future__ import annotations

import json

import pytest

from rmp_desktop.domain.record import fingerprint_of_stored
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import add_people, raw, ready_conversation, sign_both


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # check's file reader hashes the texts SQLite stores


def test_the_quick_fingerprint_equals_the_full_one(store, paths):
    person, manager = add_people(store)  # accented and Greek names, a drawn signature
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    record = SignoffRepository.of(store).record_for(meta.id)
    conn = raw(paths.store)
    row = conn.execute("SELECT uid, version, kind, held_on, manager_name, pack_refs, "
                       "amendment_reason, status, fingerprint FROM conversations WHERE id=?",
                       (meta.id,)).fetchone()
    bodies = dict(conn.execute("SELECT section, body FROM conversation_sections "
                               "WHERE conversation_id=?", (meta.id,)))
    conn.close()
    columns = dict(zip(("uid", "version", "kind", "held_on", "manager_name", "pack_refs",
                        "amendment_reason", "status"), row[:8], strict=True))
    document = "{" + ",".join(f"{json.dumps(k)}:{bodies[k]}" for k in sorted(bodies)) + "}"
    person_snapshot = json.loads(bodies["setup"])["person"]
    quick = fingerprint_of_stored(columns, document, person_snapshot, None)
    assert quick == record.fingerprint() == row[8]
    # Not canonical (a space added): the quick way no longer agrees, so the full one decides.
    assert fingerprint_of_stored(columns, document.replace(":", ": ", 1), person_snapshot,
                                 None) != row[8]
