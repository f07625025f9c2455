"""Each forgery the attack on the store found, made with nothing but sqlite3, and what `check` says.

Where the application's triggers stand in the way, the forger drops the trigger and puts
the very same one back afterwards, so the schema looks untouched and only the rules about
records and the audit log can tell.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime

import pytest

from rmp_desktop.cli import main
from rmp_desktop.storage.record_rows import audit_entry_hash
from rmp_desktop.storage.schema import HEAD
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import (
    EMPLOYEE_SIGNER,
    add_people,
    raw,
    ready_conversation,
    sign_both,
)


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # forgeries made on the file with sqlite3, found by check's file reader


def check(paths, capsys) -> tuple[int, str]:
    code = main(["--data-dir", str(paths.data_dir), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@contextmanager
def triggers_lifted(conn, *names: str):
    """Drop triggers and put back exactly the same SQL, as a careful forger would."""
    kept = [conn.execute("SELECT sql FROM sqlite_master WHERE type='trigger' AND name=?",
                         (n,)).fetchone()[0] for n in names]
    for name in names:
        conn.execute(f"DROP TRIGGER {name}")
    yield conn
    for sql in kept:
        conn.execute(sql)


ALL_LOCKS = ("sections_locked_insert", "sections_locked_update", "sections_locked_delete",
             "conversations_locked_update", "conversations_locked_delete",
             "signatures_append_only_update", "signatures_append_only_delete",
             "audit_log_append_only_update", "audit_log_append_only_delete")


@pytest.fixture
def signed(store, paths, capsys):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    assert check(paths, capsys)[0] == 0
    return meta


@pytest.fixture
def awaiting(store, paths, capsys):
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    SignoffRepository.of(store).sign(meta.id, "employee", EMPLOYEE_SIGNER, True)
    assert check(paths, capsys)[0] == 0
    return meta


def test_a_manager_signature_inserted_with_the_status_set_to_signed(awaiting, paths, capsys):
    conn = raw(paths.store)  # no trigger stands in the way of either statement
    fingerprint = conn.execute("SELECT fingerprint FROM conversations WHERE id=?",
                               (awaiting.id,)).fetchone()[0]
    conn.execute("INSERT INTO signatures(conversation_id, role, signer_name, statement, signed_at, "
                 "fingerprint) VALUES (?, 'manager', 'Pat Forger', 'I agree.', "
                 "'2026-10-07 09:00:00.000000', ?)", (awaiting.id, fingerprint))
    conn.execute("UPDATE conversations SET status='signed' WHERE id=?", (awaiting.id,))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert f"record {awaiting.uid[:8]}: the manager's signature is not in the audit log" in out


def test_a_signed_record_set_back_to_a_draft(signed, paths, capsys):
    conn = raw(paths.store)
    with triggers_lifted(conn, "conversations_locked_update"):
        conn.execute("UPDATE conversations SET status='draft' WHERE id=?", (signed.id,))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "it is a draft but carries a fingerprint" in out
    assert "the audit log shows it signed by both, but it is now marked a draft" in out


def test_a_signed_record_set_back_to_awaiting_sign_off(signed, paths, capsys):
    conn = raw(paths.store)  # the trigger lets the status move; only draft is refused
    conn.execute("UPDATE conversations SET status='awaiting_signoff' WHERE id=?", (signed.id,))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "it is marked awaiting sign-off but has 2 signatures" in out


def test_a_signed_record_set_back_to_a_clean_draft_is_still_found(signed, paths, capsys):
    conn = raw(paths.store)  # fingerprint and signatures removed too, to look like a draft
    with triggers_lifted(conn, *ALL_LOCKS):
        conn.execute("DELETE FROM signatures WHERE conversation_id=?", (signed.id,))
        conn.execute("UPDATE conversations SET status='draft', fingerprint=NULL WHERE id=?",
                     (signed.id,))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "the audit log records the manager's signature, but the store no longer has it" in out


def test_a_signed_record_deleted(signed, paths, capsys):
    conn = raw(paths.store)
    with triggers_lifted(conn, *ALL_LOCKS):
        for table in ("signatures", "conversation_sections", "exports"):
            conn.execute(f"DELETE FROM {table} WHERE conversation_id=?", (signed.id,))
        conn.execute("DELETE FROM conversations WHERE id=?", (signed.id,))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert (f"record {signed.uid[:8]}: the audit log shows this record was signed, but it has "
            "gone from the store") in out


def test_the_signers_name_changed(signed, paths, capsys):
    conn = raw(paths.store)
    with triggers_lifted(conn, "signatures_append_only_update"):
        conn.execute("UPDATE signatures SET signer_name='Someone Else' "
                      "WHERE conversation_id=? AND role='employee'", (signed.id,))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "the staff member's signature (name, date or statement) is not what was signed" in out


def test_a_record_edited_and_its_fingerprint_recomputed(store, signed, paths, capsys):
    record = SignoffRepository.of(store).record_for(signed.id)
    document = json.loads(json.dumps(record.document))
    document["plan"]["objectives"][0]["text"] = "Cancel the early resolution service"
    forged = record.__class__(**{**record.__dict__, "document": document})
    conn = raw(paths.store)
    with triggers_lifted(conn, *ALL_LOCKS):
        conn.execute("UPDATE conversation_sections SET body=? WHERE conversation_id=? "
                     "AND section='plan'", (json.dumps(document["plan"]), signed.id))
        for table, key in (("conversations", "id"), ("signatures", "conversation_id")):
            conn.execute(f"UPDATE {table} SET fingerprint=? WHERE {key}=?",
                         (forged.fingerprint(), signed.id))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "its fingerprint is not the one it was signed with" in out
    assert "content no longer gives" not in out  # the forger did recompute it


def _rehash(conn, keep) -> None:
    """Rebuild the audit chain from the entries `keep(row)` accepts, with the head to match."""
    rows = conn.execute("SELECT id, at, event, conversation_uid, staff_id, detail FROM audit_log "
                        "ORDER BY id").fetchall()
    conn.execute("DELETE FROM audit_log")
    prev = "0" * 64
    for entry_id, at, event, uid, staff_id, detail in rows:
        if not keep((entry_id, at, event, uid, staff_id, detail)):
            continue
        digest = audit_entry_hash(prev, datetime.fromisoformat(at), event, uid, staff_id, detail)
        conn.execute("INSERT INTO audit_log(id, at, event, conversation_uid, staff_id, detail, "
                     "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
                     (entry_id, at, event, uid, staff_id, detail, prev, digest))
        prev = digest
    conn.execute("UPDATE app_meta SET value=? WHERE key='audit_head'", (prev,))


def test_the_last_audit_entries_deleted_with_the_head_moved_back(signed, paths, capsys):
    conn = raw(paths.store)
    last_signing = conn.execute("SELECT max(id) FROM audit_log WHERE event='signed'").fetchone()[0]
    with triggers_lifted(conn, "audit_log_append_only_delete"):
        conn.execute("DELETE FROM audit_log WHERE id >= ?", (last_signing,))
        head = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
        conn.execute("UPDATE app_meta SET value=? WHERE key='audit_head'", (head,))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "the manager's signature is not in the audit log" in out


def test_the_whole_log_and_its_head_deleted(signed, paths, capsys):
    conn = raw(paths.store)
    with triggers_lifted(conn, "audit_log_append_only_delete"):
        conn.execute("DELETE FROM audit_log")
        conn.execute("DELETE FROM app_meta WHERE key='audit_head'")
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "the audit log has no entry for its making" in out


def test_the_log_rehashed_without_the_signatures(signed, paths, capsys):
    conn = raw(paths.store)
    with triggers_lifted(conn, "audit_log_append_only_delete"):
        _rehash(conn, lambda row: row[2] != "signed")
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "- audit log:" not in out  # the chain itself is consistent again
    assert "the staff member's signature is not in the audit log" in out


@pytest.mark.parametrize("trigger", ALL_LOCKS)
def test_a_lock_trigger_dropped(signed, paths, capsys, trigger):
    conn = raw(paths.store)
    conn.execute(f"DROP TRIGGER {trigger}")
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert f"the trigger “{trigger}” that schema {HEAD} has is missing" in out


def test_a_foreign_trigger_added(signed, paths, capsys):
    conn = raw(paths.store)
    conn.execute("CREATE TRIGGER quiet_fix AFTER INSERT ON audit_log BEGIN "
                 "UPDATE staff SET job_title = 'Director'; END")
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "an extra trigger “quiet_fix” that the application never makes" in out


def test_a_lock_trigger_weakened_under_the_same_name(signed, paths, capsys):
    conn = raw(paths.store)
    conn.execute("DROP TRIGGER conversations_locked_delete")
    conn.execute("CREATE TRIGGER conversations_locked_delete BEFORE DELETE ON conversations "
                 "WHEN 0 BEGIN SELECT RAISE(ABORT, 'no'); END")
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert f"the trigger “conversations_locked_delete” is not the one schema {HEAD} makes" in out


def test_a_forged_export_row(signed, paths, capsys):
    conn = raw(paths.store)  # exports has no trigger: one INSERT vouches for any file
    conn.execute("INSERT INTO exports(conversation_id, at, sha256, final) VALUES "
                 "(?, '2026-10-08 10:00:00.000000', ?, 1)", (signed.id, "ab" * 32))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert "an export of it is listed that the audit log never saw" in out


@pytest.mark.parametrize("column, value, words", [
    ("status", "Signed", "its status “Signed” is not one the application writes"),
    ("status", "SIGNED\x1b[2J", "its status “SIGNED?[2J” is not one the application writes"),
    ("kind", "interview", "its kind “interview” is not one the application knows"),
])
def test_odd_values_are_reported_in_words(signed, paths, capsys, column, value, words):
    conn = raw(paths.store)
    with triggers_lifted(conn, "conversations_locked_update"):
        conn.execute(f"UPDATE conversations SET {column}=? WHERE id=?", (value, signed.id))
    conn.close()

    code, out = check(paths, capsys)
    assert code == 1
    assert words in out
    assert "Traceback" not in out and "\x1b" not in out


def test_a_healthy_store_with_every_kind_of_record_checks_out(store, paths, capsys):
    person, manager = add_people(store)
    repo = SignoffRepository.of(store)
    draft = ready_conversation(store, person, manager)
    original = ready_conversation(store, person, manager)
    sign_both(store, original.id)
    amendment = repo.start_amendment(original.id, "Dates moved")
    store.conversations.save_section(amendment.id, "summary", {
        "employee_comments": "Agreed.", "comments_visited": True})
    sign_both(store, amendment.id)
    deleted = ready_conversation(store, person, manager)
    store.conversations.delete_draft(deleted.id)
    assert draft.id != deleted.id
    code, out = check(paths, capsys)
    assert code == 0 and "is healthy" in out


@pytest.mark.parametrize("column, value", [("status", "Signed"), ("kind", "interview")])
def test_records_and_verify_say_odd_values_in_words(store, signed, paths, capsys, tmp_path,
                                                     column, value):
    from rmp_desktop.export.record_export import export_record

    pdf = tmp_path / "record.pdf"
    export_record(store, signed.id, pdf)
    conn = raw(paths.store)
    with triggers_lifted(conn, "conversations_locked_update"):
        conn.execute(f"UPDATE conversations SET {column}=? WHERE id=?", (value, signed.id))
    conn.close()

    assert main(["--data-dir", str(paths.data_dir), "records"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert f"“{value}”" in captured.out and "run rmp-desktop check" in captured.out
    assert "never writes" in captured.err
    assert main(["--data-dir", str(paths.data_dir), "verify", str(pdf)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "cannot be trusted" in captured.out
