"""Backups: made online and checked, described honestly, restored all-or-nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from datetime import date

import pytest

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage import backup, bootstrap
from rmp_desktop.storage.backup import describe_backup, make_backup
from rmp_desktop.storage.bootstrap import StoreLocked
from rmp_desktop.storage.errors import (
    BackupError,
    BackupTooNew,
    NotABackup,
    RestoreNotConfirmed,
)
from rmp_desktop.storage.restore import restore_backup
from rmp_desktop.storage.schema import HEAD
from rmp_desktop.storage.store import Store


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # about what only a SQLite store has: its file


def add_people(store: Store, *names: str) -> list[int]:
    return [store.staff.add(StaffMember(full_name=n, job_title="HR adviser")).id for n in names]


def add_conversation(store: Store, person_id: int, text: str) -> int:
    meta = store.conversations.create(person_id, "appraisal", date(2025, 3, 14),
                                      manager_name="Mira Castellano", document={})
    store.conversations.save_section(meta.id, "reflection", {"went_well": text})
    return meta.id


def sidecars(path) -> list[str]:
    return [s for s in ("-wal", "-shm", "-journal") if os.path.exists(str(path) + s)]


def scribble_over_staff(path) -> None:
    """Damage the staff table's root page header, as a failing disk might."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='staff'").fetchone()[0]
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xee" * 12)


def snapshot(path) -> bytes:
    return path.read_bytes()


def test_backup_of_an_open_store_is_checked_private_and_one_file(paths, store):
    (pid,) = add_people(store, "Tomasz Wiśniewski")
    add_conversation(store, pid, "Led the rota review")
    # The store stays open with its latest commits still in the WAL, as in the running app.
    assert os.path.exists(str(paths.store) + "-wal")

    info = make_backup(paths.store, paths.backups, reason="manual")

    assert info.path.parent == paths.backups
    assert info.path.name.startswith("rmp-desktop-") and info.path.name.endswith("-manual.sqlite3")
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert sidecars(info.path) == []
    assert info.path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    assert backup.integrity_check(info.path) == "ok"
    assert (info.people, info.conversations) == (1, 1)
    assert info.schema_revision == HEAD
    assert info.app_version is not None and info.reason == "manual"
    assert [p.name for p in paths.backups.iterdir()] == [info.path.name]  # no leftovers
    with sqlite3.connect(info.path) as conn:
        body = conn.execute("SELECT body FROM conversation_sections WHERE section='reflection'")
        assert "Led the rota review" in body.fetchone()[0]


def test_backup_to_a_chosen_file_never_overwrites(paths, store, tmp_path):
    add_people(store, "Aroha Ngata")
    target = tmp_path / "elsewhere.sqlite3"
    info = make_backup(paths.store, paths.backups, reason="manual", target=target)
    assert info.path == target and describe_backup(target).people == 1

    before = snapshot(target)
    with pytest.raises(BackupError, match="already exists"):
        make_backup(paths.store, paths.backups, reason="manual", target=target)
    assert snapshot(target) == before


def test_a_damaged_store_gives_no_backup(paths, store):
    add_people(store, *[f"Person {i:04d} Ødegård" for i in range(400)])
    store.close()
    scribble_over_staff(paths.store)
    assert backup.integrity_check(paths.store) != "ok"

    with pytest.raises(BackupError, match="did not pass its check"):
        make_backup(paths.store, paths.backups, reason="automatic")
    assert list(paths.backups.iterdir()) == []


def test_nothing_to_back_up_is_said_plainly(paths):
    with pytest.raises(BackupError, match="no store"):
        make_backup(paths.store, paths.backups, reason="manual")


@pytest.mark.parametrize("content, expected", [
    (b"", "not a database file"),
    (b"name,band\nAroha Ngata,5\n", "not a database file"),
    (os.urandom(4096), "not a database file"),
    (b"SQLite format 3\x00" + b"\x00" * 40, "cannot be read as a backup"),
])
def test_a_file_that_is_not_a_backup_is_refused_plainly(tmp_path, content, expected):
    odd = tmp_path / "odd.sqlite3"
    odd.write_bytes(content)
    with pytest.raises(NotABackup, match=expected) as caught:
        describe_backup(odd)
    assert "Traceback" not in str(caught.value)
    assert odd.read_bytes() == content


def test_a_database_from_another_program_is_not_a_backup(tmp_path):
    other = tmp_path / "contacts.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts(name TEXT)")
    with pytest.raises(NotABackup, match="not one made by Realising My Potential"):
        describe_backup(other)
    with pytest.raises(NotABackup, match="is not a file"):
        describe_backup(tmp_path / "missing.sqlite3")


def test_restore_round_trip_backs_up_what_it_replaces(paths, store):
    (pid,) = add_people(store, "Nguyễn Thị Lan")
    cid = add_conversation(store, pid, "first version")
    kept = make_backup(paths.store, paths.backups, reason="manual")
    store.conversations.save_section(cid, "reflection", {"went_well": "second version"})
    add_people(store, "Kwame Mensah")
    store.close()

    result = restore_backup(kept.path, paths.store, paths.backups, confirm=True)

    assert result.restored.path == kept.path and result.migrated_from is None
    assert result.kept_aside is None
    assert (result.safety_backup.people, result.safety_backup.reason) == (2, "before-restore")
    assert stat.S_IMODE(paths.store.stat().st_mode) == 0o600
    assert sidecars(paths.store) == []
    assert sorted(p.name for p in paths.data_dir.iterdir()) == [".busy.lock", "backups", "logs",
                                                               "rmp-desktop.sqlite3"]
    reopened = Store(paths.store)
    try:
        assert reopened.staff.count(include_archived=True) == 1
        assert reopened.conversations.document(cid)["reflection"]["went_well"] == "first version"
        assert reopened.integrity_report() == []
        assert reopened.meta(backup.META_CREATED) is None  # the backup's own stamp is not carried
        with reopened.engine.connect() as conn:
            events = [r[0] for r in conn.exec_driver_sql("SELECT event FROM audit_log")]
        assert events[-1] == "restored"
    finally:
        reopened.close()
    # The store that was replaced can itself be restored: nothing is ever lost by a restore.
    again = restore_backup(result.safety_backup.path, paths.store, paths.backups, confirm=True)
    assert again.restored.people == 2


def test_restore_needs_confirmation_and_changes_nothing_without_it(paths, store):
    add_people(store, "Siobhán Ní Bhriain")
    kept = make_backup(paths.store, paths.backups, reason="manual")
    add_people(store, "Farhan Qureshi")
    store.close()
    before = snapshot(paths.store)
    with pytest.raises(RestoreNotConfirmed, match="must be confirmed"):
        restore_backup(kept.path, paths.store, paths.backups, confirm=False)
    assert snapshot(paths.store) == before
    assert len(list(paths.backups.iterdir())) == 1


def test_restore_refuses_while_the_store_is_open(paths, store):
    add_people(store, "Olusegun Adeyemi")
    kept = make_backup(paths.store, paths.backups, reason="manual")
    add_people(store, "Hana Kobayashi")
    with pytest.raises(StoreLocked, match="still open"):
        restore_backup(kept.path, paths.store, paths.backups, confirm=True)
    assert store.staff.count() == 2
    assert sorted(p.name for p in paths.data_dir.iterdir() if p.name.startswith(".")) == [
        ".busy.lock"]  # the lock a backup or restore holds; no temporary file is left


def test_a_backup_from_a_newer_version_is_refused(paths, store, tmp_path):
    add_people(store, "Ingrid Solberg")
    newer = make_backup(paths.store, paths.backups, reason="manual", target=tmp_path / "new.sqlite3")
    with sqlite3.connect(newer.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    store.close()
    before = snapshot(paths.store)
    assert describe_backup(newer.path).newer_than_this_app
    with pytest.raises(BackupTooNew, match="newer version.*Install the newer version"):
        restore_backup(newer.path, paths.store, paths.backups, confirm=True)
    assert snapshot(paths.store) == before


def test_a_backup_from_an_older_version_is_migrated_on_restore(paths, store, tmp_path):
    from rmp_desktop.storage.migrate import upgrade_to_head

    old = tmp_path / "old-store.sqlite3"
    upgrade_to_head(old, "0001")
    with sqlite3.connect(old) as conn:
        conn.execute("INSERT INTO staff(full_name, band, functional_area, search_text, created_at, "
                     "updated_at) VALUES ('Dagný Jónsdóttir', '6', 'hr-policy', 'dagny jonsdottir', "
                     "'2024-01-01 00:00:00', '2024-01-01 00:00:00')")
    old_backup = make_backup(old, tmp_path / "old-backups", reason="manual")
    old_bytes = snapshot(old_backup.path)
    assert (old_backup.schema_revision, old_backup.conversations) == ("0001", 0)
    add_people(store, "Someone Current")
    store.close()

    result = restore_backup(old_backup.path, paths.store, paths.backups, confirm=True)

    assert result.migrated_from == "0001"
    assert snapshot(old_backup.path) == old_bytes  # migrated on a copy, never in place
    assert bootstrap.read_revision(paths.store) == HEAD
    assert bootstrap.prepare(paths.store, paths.backups).migrated_from is None
    reopened = Store(paths.store)
    try:
        assert [m.full_name for m in reopened.staff.all()] == ["Dagný Jónsdóttir"]
        assert reopened.conversations.all() == []
        assert reopened.integrity_report() == []
    finally:
        reopened.close()
    # Only the safety backup of the replaced store was added; the migration left nothing behind.
    assert [p.name.endswith("-before-restore.sqlite3") for p in paths.backups.iterdir()] == [True]


def test_a_damaged_store_is_kept_aside_byte_for_byte_when_restoring_over_it(paths, store):
    add_people(store, "Ayşe Yılmaz")
    kept = make_backup(paths.store, paths.backups, reason="manual")
    store.close()
    with sqlite3.connect(paths.store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(paths.store, "r+b") as fh:
        fh.truncate(paths.store.stat().st_size // 2)
    damaged = snapshot(paths.store)

    result = restore_backup(kept.path, paths.store, paths.backups, confirm=True,
                            quarantine_dir=paths.quarantine)

    assert result.safety_backup is None
    assert result.kept_aside.parent == paths.quarantine
    assert result.kept_aside.read_bytes() == damaged
    assert describe_backup(paths.store).people == 1


def test_a_damaged_backup_is_refused_and_nothing_changes(paths, store, tmp_path):
    add_people(store, *[f"Colleague {i:03d} Øyelaran" for i in range(300)])
    bad = make_backup(paths.store, paths.backups, reason="manual", target=tmp_path / "bad.sqlite3")
    scribble_over_staff(bad.path)
    store.close()
    before = snapshot(paths.store)
    with pytest.raises(BackupError, match="damaged|cannot be read"):
        restore_backup(bad.path, paths.store, paths.backups, confirm=True)
    assert snapshot(paths.store) == before


def test_restore_onto_a_new_computer_with_no_store_yet(paths, store, tmp_path):
    add_people(store, "Rangi Parata", "Mei Lin Tan")
    carried = make_backup(paths.store, paths.backups, reason="manual",
                          target=tmp_path / "usb-stick.sqlite3")
    fresh = tmp_path / "new-laptop" / "data"
    result = restore_backup(carried.path, fresh / "rmp-desktop.sqlite3", fresh / "backups",
                            confirm=True)
    assert result.safety_backup is None and result.kept_aside is None
    assert describe_backup(fresh / "rmp-desktop.sqlite3").people == 2
    assert stat.S_IMODE((fresh / "rmp-desktop.sqlite3").stat().st_mode) == 0o600


def test_a_backup_taken_during_steady_writes_is_a_consistent_snapshot(paths, store):
    (pid,) = add_people(store, "Chidi Okafor")
    cid = add_conversation(store, pid, "")
    stop = threading.Event()
    written: list[int] = []

    def keep_typing() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            store.conversations.save_section(cid, "reflection", {"went_well": "x" * n})
            written.append(n)

    writer = threading.Thread(target=keep_typing)
    writer.start()
    try:
        while len(written) < 20:  # wait until saves are flowing (each one is a full commit)
            writer.join(timeout=0.01)
        infos = [make_backup(paths.store, paths.backups, reason="automatic") for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    for info in infos:
        assert backup.integrity_check(info.path) == "ok"
        with sqlite3.connect(info.path) as conn:
            body = conn.execute("SELECT body FROM conversation_sections "
                                "WHERE section = 'reflection'").fetchone()[0]
        saved = len(json.loads(body)["went_well"])
        assert 20 <= saved <= written[-1]
