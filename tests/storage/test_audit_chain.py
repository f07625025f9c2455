"""The audit log as an attacker would meet it: triggers dropped, then an entry deleted or edited.

Whatever is done to the file directly, `rmp-desktop check` finds it and says so.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from rmp_desktop.cli import main
from rmp_desktop.storage import bootstrap
from rmp_desktop.storage.audit import _entry_hash
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.storage.store import Store
from tests.records_support import add_people, drop_trigger, raw, ready_conversation, sign_both


@pytest.fixture
def history(paths):
    """A store with a short history (people added, a record created, signed and amended)."""
    bootstrap.prepare(paths.location, paths.backups)
    store = Store(paths.location)
    try:
        meta = ready_conversation(store, *add_people(store))
        sign_both(store, meta.id)
        SignoffRepository.of(store).start_amendment(meta.id, "A date changed")
    finally:
        store.close()
    return paths


def check(paths, capsys) -> tuple[int, str]:
    code = main(["--data-dir", str(paths.data_dir), "check"])
    return code, capsys.readouterr().out


def entries(paths) -> list[tuple[int, str]]:
    conn = raw(paths)
    try:
        return conn.execute("SELECT id, event FROM audit_log ORDER BY id").fetchall()
    finally:
        conn.close()


def test_an_untouched_log_checks_out(history, capsys):
    assert [e for _, e in entries(history)] == ["created", "created", "created", "signed",
                                                "signed", "amended"]
    code, out = check(history, capsys)
    assert code == 0 and "healthy" in out and "audit log" in out


def test_the_log_refuses_changes_while_its_triggers_stand(history):
    conn = raw(history)
    try:
        for statement in ("DELETE FROM audit_log WHERE id = 2",
                          "UPDATE audit_log SET event = 'archived' WHERE id = 2"):
            with pytest.raises(Exception, match="append-only"):
                conn.execute(statement)
    finally:
        conn.close()


def test_a_deleted_entry_is_found(history, capsys):
    conn = raw(history)
    drop_trigger(conn, "audit_log_append_only_delete")
    conn.execute("DELETE FROM audit_log WHERE id = 4")  # the first signature, as if never given
    conn.close()
    code, out = check(history, capsys)
    assert code == 1
    assert "problem" in out and "audit log: entry 5 does not follow entry 3" in out


def test_an_edited_entry_is_found(history, capsys):
    conn = raw(history)
    drop_trigger(conn, "audit_log_append_only_update")
    conn.execute("UPDATE audit_log SET event = 'created' WHERE id = 6")  # hide the amendment
    conn.close()
    code, out = check(history, capsys)
    assert code == 1 and "audit log: entry 6 (created) was edited after it was written" in out


def test_an_edited_entry_with_its_hash_recomputed_still_breaks_the_chain(history, capsys):
    conn = raw(history)
    drop_trigger(conn, "audit_log_append_only_update")
    # Rewrite entry 3's detail and give it a self-consistent hash: the next entry no longer follows.
    at, event, uid, staff, prev = conn.execute(
        "SELECT at, event, conversation_uid, staff_id, prev_hash FROM audit_log WHERE id = 3"
    ).fetchone()
    at = at if isinstance(at, datetime) else datetime.fromisoformat(at)  # PostgreSQL: a datetime
    forged = _entry_hash(prev, at, event, uid, staff, '{"what":"x"}')
    conn.execute("UPDATE audit_log SET detail = ?, hash = ? WHERE id = 3",
                 ('{"what":"x"}', forged))
    conn.close()
    code, out = check(history, capsys)
    assert code == 1 and "entry 4 does not follow entry 3" in out


def test_removing_the_newest_entries_is_found(history, capsys):
    conn = raw(history)
    drop_trigger(conn, "audit_log_append_only_delete")
    conn.execute("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
    conn.close()
    code, out = check(history, capsys)
    assert code == 1 and "the newest entries of the log are missing" in out


def test_emptying_the_log_is_found(history, capsys):
    conn = raw(history)
    drop_trigger(conn, "audit_log_append_only_delete")
    conn.execute("DELETE FROM audit_log")
    conn.close()
    code, out = check(history, capsys)
    assert code == 1 and "missing" in out


def _chain(paths):
    from rmp_desktop.storage.audit import verify_chain

    store = Store(paths.location)
    try:
        with store.sessions() as session:
            return verify_chain(session)
    finally:
        store.close()


@pytest.mark.parametrize(("trigger", "statement", "entries", "problems"), [
    (None, None, 6, []),
    ("audit_log_append_only_delete", "DELETE FROM audit_log WHERE id = 4", 5,
     ["entry 5 does not follow entry 3: an entry before it was removed or changed"]),
    ("audit_log_append_only_update", "UPDATE audit_log SET event = 'created' WHERE id = 6", 6,
     ["entry 6 (created) was edited after it was written"]),
    ("audit_log_append_only_update", "UPDATE audit_log SET prev_hash = hash WHERE id = 2", 6,
     ["entry 2 does not follow entry 1: an entry before it was removed or changed",
      "entry 2 (created) was edited after it was written"]),
    ("audit_log_append_only_delete", "DELETE FROM audit_log WHERE id = 6", 5,
     ["the newest entries of the log are missing"]),
    ("audit_log_append_only_update", "UPDATE audit_log SET prev_hash = hash WHERE id = 1", 6,
     ["entry 1 does not follow entry 0: an entry before it was removed or changed",
      "entry 1 (created) was edited after it was written"]),
    (None, "DELETE FROM app_meta WHERE key = 'audit_head'", 6,
     ["the newest entries of the log are missing"]),
    ("audit_log_append_only_delete", "DELETE FROM audit_log", 0,
     ["the newest entries of the log are missing"]),
])
def test_the_chain_as_the_store_s_own_check_reads_it(history, trigger, statement, entries,
                                                     problems):
    """verify_chain (the organisation store's check, through the ORM): each kind of
    tampering in exactly its words, nothing else reported, every entry counted."""
    if statement:
        conn = raw(history)
        if trigger:
            drop_trigger(conn, trigger)
        conn.execute(statement)
        conn.close()
    report = _chain(history)
    assert (report.entries, report.problems, report.ok) == (entries, problems, not problems)


def test_an_entry_is_written_exactly(paths, monkeypatch):
    """UTC to the second whatever the local zone, the details as compact sorted JSON with
    accents kept (the text the hash covers), and an unknown event refused by name."""
    import time
    from datetime import UTC

    from rmp_desktop.storage import audit

    monkeypatch.setenv("TZ", "Pacific/Auckland")  # far from UTC all year
    time.tzset()
    try:
        bootstrap.prepare(paths.location, paths.backups)
        store = Store(paths.location)
        try:
            with store.sessions.begin() as session:
                before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
                entry = audit.append(session, "exported", conversation_uid="c" * 32,
                                     zeta="Łódź", alpha=1)
                after = datetime.now(UTC).replace(tzinfo=None)
                assert entry.detail == '{"alpha":1,"zeta":"Łódź"}'
                assert entry.at.microsecond == 0 and before <= entry.at <= after
                second = audit.append(session, "verified")
                assert second.prev_hash == entry.hash  # the newest entry, not the first
                with pytest.raises(ValueError, match="unknown audit event 'nope'"):
                    audit.append(session, "nope")
        finally:
            store.close()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
