"""A backup is a file from outside: crafted ones are refused in words and change nothing."""

from __future__ import annotations

import os
import sqlite3

import pytest

from rmp_desktop.cli import main
from rmp_desktop.storage.backup import BackupError, make_backup
from rmp_desktop.storage.bootstrap import StoreLocked
from rmp_desktop.storage.locks import BUSY_LOCK, WINDOW_LOCK, FileLock
from rmp_desktop.storage.restore import restore_backup
from rmp_desktop.storage.schema import HEAD
from tests.records_support import add_people, raw, ready_conversation, sign_both


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # backups are SQLite files


@pytest.fixture
def good_backup(store, paths, tmp_path):
    """A healthy store with a signed record, backed up, then the live store changed."""
    person, manager = add_people(store)
    meta = ready_conversation(store, person, manager)
    sign_both(store, meta.id)
    made = make_backup(paths.store, paths.backups, reason="manual")
    crafted = tmp_path / "crafted.sqlite3"
    crafted.write_bytes(made.path.read_bytes())
    store.staff.add(person.with_changes(full_name="Kwame Mensah", assignment_number="T-0003",
                                        preferred_name=""))
    store.close()
    return crafted


def craft(path, *statements: str) -> None:
    conn = raw(path)
    for sql in statements:
        conn.execute(sql)
    conn.close()


def refused(backup, paths, *words: str) -> None:
    before = paths.store.read_bytes()
    with pytest.raises(BackupError) as caught:
        restore_backup(backup, paths.store, paths.backups, confirm=True)
    message = str(caught.value)
    for word in words:
        assert word in message
    assert "Nothing was changed" in message
    assert paths.store.read_bytes() == before
    assert not [p for p in paths.data_dir.iterdir() if p.name.endswith(".restoring")]


def test_a_trigger_that_rewrites_job_titles_never_runs_and_never_arrives(good_backup, paths):
    craft(good_backup,
          "CREATE TRIGGER rewrite_titles AFTER DELETE ON app_meta BEGIN "
          "UPDATE staff SET job_title = 'Chief Executive'; END",
          "CREATE TRIGGER rewrite_on_audit AFTER INSERT ON audit_log BEGIN "
          "UPDATE staff SET job_title = 'Chief Executive'; END")

    refused(good_backup, paths, "crafted.sqlite3 cannot be restored",
            "an extra trigger “rewrite_on_audit” that the application never makes")
    conn = sqlite3.connect(good_backup)  # the file itself was only read
    assert {r[0] for r in conn.execute("SELECT job_title FROM staff")} != {"Chief Executive"}
    conn.close()


def test_a_backup_without_the_lock_triggers(good_backup, paths):
    craft(good_backup, "DROP TRIGGER sections_locked_update",
          "DROP TRIGGER signatures_append_only_delete")
    refused(good_backup, paths, f"the trigger “sections_locked_update” that schema {HEAD} has is "
                                "missing (it keeps signed records or the audit log from being "
                                "changed)")


def test_a_backup_with_an_emptied_audit_log(good_backup, paths):
    craft(good_backup, "DROP TRIGGER audit_log_append_only_delete", "DELETE FROM audit_log",
          "DELETE FROM app_meta WHERE key = 'audit_head'",
          # the same trigger put back, so the schema itself looks untouched
          "CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log "
          "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
    refused(good_backup, paths, "did not pass the store's checks",
            "the audit log has no entry for its making")


@pytest.mark.parametrize("extra, words", [
    ("CREATE TABLE notes(body TEXT)", "an extra table “notes”"),
    ("CREATE VIEW everyone AS SELECT full_name FROM staff", "an extra view “everyone”"),
    ("CREATE INDEX ix_by_title ON staff(job_title)", "an extra index “ix_by_title”"),
])
def test_a_backup_with_extra_objects(good_backup, paths, extra, words):
    craft(good_backup, extra)
    refused(good_backup, paths, words)


def test_a_backup_with_a_column_changed(good_backup, paths):
    craft(good_backup, "ALTER TABLE staff ADD COLUMN salary INTEGER")
    refused(good_backup, paths, f"the table “staff” is not the one schema {HEAD} makes")


def test_a_backup_whose_signed_record_no_longer_matches_its_fingerprint(good_backup, paths):
    conn = raw(good_backup)
    kept = conn.execute("SELECT sql FROM sqlite_master WHERE name='sections_locked_update'"
                        ).fetchone()[0]
    conn.execute("DROP TRIGGER sections_locked_update")
    conn.execute("UPDATE conversation_sections SET body = replace(body, 'Launch', 'Cancel') "
                 "WHERE section = 'plan'")
    conn.execute(kept)
    conn.close()
    refused(good_backup, paths, "content no longer gives the fingerprint it was signed with")


def test_a_healthy_backup_still_restores_and_is_checked(good_backup, paths, capsys):
    result = restore_backup(good_backup, paths.store, paths.backups, confirm=True)
    assert result.restored.people == 2
    assert main(["--data-dir", str(paths.data_dir), "check"]) == 0


def test_restoring_over_a_symbolic_link_keeps_the_link(good_backup, paths, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "real-store.sqlite3"
    elsewhere.parent.mkdir()
    os.replace(paths.store, elsewhere)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(str(paths.store) + suffix):
            os.replace(str(paths.store) + suffix, str(elsewhere) + suffix)
    paths.store.symlink_to(elsewhere)

    restore_backup(good_backup, paths.store, paths.backups, confirm=True)

    assert paths.store.is_symlink() and paths.store.resolve() == elsewhere
    conn = sqlite3.connect(elsewhere)
    assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 2
    conn.close()


def test_a_restore_while_a_window_has_the_store_open_is_refused(good_backup, paths, capsys):
    window = FileLock(paths.data_dir / WINDOW_LOCK)  # as another process's window holds it
    assert window.acquire()
    try:
        before = paths.store.read_bytes()
        with pytest.raises(StoreLocked, match="open in the Realising My Potential window"):
            restore_backup(good_backup, paths.store, paths.backups, confirm=True)
        code = main(["--data-dir", str(paths.data_dir), "restore", str(good_backup), "--yes"])
        assert code == 1
        assert "Restore from that window" in capsys.readouterr().err
        assert paths.store.read_bytes() == before
    finally:
        window.release()
    assert main(["--data-dir", str(paths.data_dir), "restore", str(good_backup), "--yes"]) == 0


def _leave_leftovers(paths):
    left = [paths.data_dir / ".rmp-desktop.sqlite3.restoring",
            paths.data_dir / ".rmp-desktop.sqlite3.restoring-journal",
            paths.backups / ".rmp-desktop-20260101-000000-000000-manual.sqlite3.partial"]
    for path in left:
        path.write_bytes(b"half a file")
    scratch = paths.data_dir / ".restore-x1y2"
    scratch.mkdir()
    (scratch / "before-upgrade.sqlite3").write_bytes(b"copy")
    return [*left, scratch]


def test_files_left_by_an_interrupted_backup_or_restore_go_at_the_next_start(store, paths,
                                                                             capsys):
    left = _leave_leftovers(paths)
    assert main(["--data-dir", str(paths.data_dir), "records"]) == 0
    assert [p for p in left if p.exists()] == []


def test_files_of_a_backup_still_running_are_left_alone(store, paths, capsys):
    left = _leave_leftovers(paths)
    running = FileLock(paths.data_dir / BUSY_LOCK)
    assert running.acquire(shared=True)  # another process's backup, under way
    try:
        assert main(["--data-dir", str(paths.data_dir), "records"]) == 0
        assert all(p.exists() for p in left)
    finally:
        running.release()
