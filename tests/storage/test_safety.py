"""When the disk, the folder or another program gets in the way: a plain message, nothing lost."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage import bootstrap, safety
from rmp_desktop.storage.backup import NotABackup, make_backup
from rmp_desktop.storage.bootstrap import StoreLocked, StoreUnreadable
from rmp_desktop.storage.restore import restore_backup
from rmp_desktop.storage.safety import (
    DataFolderNotWritable,
    check_writable,
    describe_location_risk,
    describe_storage_error,
)
from rmp_desktop.storage.store import Store


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # about what only a SQLite store has: its file

SECRET = "Confidential: struggling after Dad's diagnosis"  # what must never reach a message


@pytest.fixture
def limits(store):
    """Knobs applied to every connection the store checks out: a disk size and a lock wait."""
    knobs = {"max_page_count": None, "busy_timeout_ms": 50}

    @event.listens_for(store.engine, "checkout")
    def _apply(dbapi_connection, _record, _proxy):  # noqa: ANN001
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout={knobs['busy_timeout_ms']}")
        cur.execute(f"PRAGMA max_page_count={knobs['max_page_count'] or 4294967294}")
        cur.close()

    return knobs


@pytest.fixture
def conversation(store):
    person = store.staff.add(StaffMember(full_name="Eilidh MacLeod", job_title="OD lead"))
    meta = store.conversations.create(person.id, "appraisal", date(2025, 5, 2), document={})
    store.conversations.save_section(meta.id, "reflection", {"went_well": "The wellbeing pilot"})
    store.conversations.save_section(meta.id, "aspirations", {"summary": "Band 7 in two years"})
    return meta.id


def recording_saver(store, cid):
    from rmp_desktop.ui.autosave import Autosaver

    errors: list[BaseException] = []

    def save(section: str, body: dict) -> None:
        try:
            store.conversations.save_section(cid, section, body)
        except Exception as exc:
            errors.append(exc)
            raise

    return Autosaver(save), errors


def assert_plain(message: str) -> None:
    for leak in (SECRET, "INSERT", "UPDATE", "SELECT", "conversation_sections", "[SQL", "Traceback"):
        assert leak not in message


def page_count(store) -> int:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA page_count").scalar()


# -- a full disk -------------------------------------------------------------------------------


def test_a_full_disk_during_a_save_is_told_loses_nothing_and_saving_resumes(
        qtbot, store, limits, conversation):
    saver, errors = recording_saver(store, conversation)
    limits["max_page_count"] = page_count(store)  # the disk is now exactly full
    big = {"went_well": SECRET + " " + "Ŵ" * 200_000}

    with qtbot.waitSignal(saver.failed, timeout=2000):
        saver.changed("reflection", big)
        saver.flush()

    message = describe_storage_error(errors[-1])
    assert message == safety.DISK_FULL
    assert "[SQL:" in str(errors[-1])  # the raw error carries SQL and typed text, hence the rule
    assert_plain(message)
    assert saver.pending  # what was typed is kept, waiting for room
    document = store.conversations.document(conversation)
    assert document["reflection"]["went_well"] == "The wellbeing pilot"
    assert document["aspirations"]["summary"] == "Band 7 in two years"
    assert store.integrity_report() == []

    limits["max_page_count"] = None  # space returns
    with qtbot.waitSignal(saver.saved, timeout=5000) as saved:
        pass  # the autosaver retries by itself
    assert saved.args == ["reflection"]
    assert not saver.pending
    assert store.conversations.document(conversation)["reflection"]["went_well"] == big["went_well"]
    assert store.integrity_report() == []


# -- a store locked by another program ---------------------------------------------------------


@contextmanager
def held_exclusively(path: Path):
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_store_locked_by_another_program_is_told_and_saving_resumes(
        qtbot, paths, store, limits, conversation):
    saver, errors = recording_saver(store, conversation)
    with held_exclusively(paths.store):
        with qtbot.waitSignal(saver.failed, timeout=2000):
            saver.changed("reflection", {"went_well": SECRET})
            saver.flush()
        message = describe_storage_error(errors[-1])
        assert message == safety.LOCKED
        assert_plain(message)
        # Reading still works in WAL mode: nothing already saved is out of reach.
        assert store.conversations.document(conversation)["aspirations"]["summary"] == \
            "Band 7 in two years"
    with qtbot.waitSignal(saver.saved, timeout=5000):
        pass
    assert store.conversations.document(conversation)["reflection"]["went_well"] == SECRET


def test_restore_refuses_a_store_another_program_holds(paths, store, conversation):
    kept = make_backup(paths.store, paths.backups, reason="manual")
    store.close()
    with held_exclusively(paths.store):
        before = paths.store.read_bytes()
        with pytest.raises(StoreLocked, match="Close it and try again"):
            restore_backup(kept.path, paths.store, paths.backups, confirm=True)
        assert paths.store.read_bytes() == before


# -- a data folder that cannot be written ------------------------------------------------------


@contextmanager
def unwritable(path: Path):
    """Make `path` unwritable for real: chmod, or, for root (whom chmod does not stop), chattr +i."""
    mode = path.stat().st_mode
    os.chmod(path, 0o500 if path.is_dir() else 0o400)
    immutable = False
    try:
        if _still_writable(path):
            os.chmod(path, mode)
            if shutil.which("chattr") is None or subprocess.run(
                    ["chattr", "+i", str(path)], capture_output=True).returncode != 0:
                pytest.skip("running as root on a file system without chattr +i: "
                            "no way to make a folder unwritable for this account")
            immutable = True
            if _still_writable(path):
                pytest.skip("this file system ignores the immutable flag")
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        os.chmod(path, mode)


def _still_writable(path: Path) -> bool:
    probe = path / ".probe" if path.is_dir() else path
    try:
        if path.is_dir():
            probe.write_bytes(b"x")
            probe.unlink()
        else:
            with open(probe, "ab"):
                pass
        return True
    except OSError:
        return False


def test_an_unwritable_data_folder_is_explained_and_nothing_is_overwritten(paths, store,
                                                                            conversation):
    store.close()
    before = paths.store.read_bytes()
    with unwritable(paths.data_dir):
        with pytest.raises(DataFolderNotWritable) as caught:
            check_writable(paths.data_dir, paths.store)
        assert str(paths.data_dir) in str(caught.value) and "--data-dir" in str(caught.value)
        reopened = Store(paths.store)
        try:
            with pytest.raises(Exception) as failed:
                reopened.conversations.save_section(conversation, "reflection",
                                                    {"went_well": SECRET})
        finally:
            reopened.close()
        message = describe_storage_error(failed.value)
        assert message in (safety.CANNOT_OPEN, safety.READ_ONLY)
        assert_plain(message)
    assert paths.store.read_bytes() == before


def test_a_read_only_store_file_is_explained(paths, store, conversation):
    store.close()
    before = paths.store.read_bytes()
    with unwritable(paths.store):
        with pytest.raises(DataFolderNotWritable, match="read-only"):
            check_writable(paths.data_dir, paths.store)
        reopened = Store(paths.store)
        try:
            with pytest.raises(Exception) as failed:
                reopened.conversations.save_section(conversation, "reflection",
                                                    {"went_well": SECRET})
        finally:
            reopened.close()
        assert describe_storage_error(failed.value) in (safety.READ_ONLY, safety.CANNOT_OPEN)
    assert paths.store.read_bytes() == before


def test_a_data_folder_that_cannot_be_created_is_explained(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DataFolderNotWritable, match="cannot be created.*--data-dir"):
        check_writable(blocker / "data")
    assert blocker.read_text() == "not a folder"


def test_a_writable_folder_passes_and_is_left_clean(tmp_path):
    check_writable(tmp_path / "new" / "data")
    assert list((tmp_path / "new" / "data").iterdir()) == []


# -- files that are not what they claim --------------------------------------------------------


def test_a_backup_file_that_is_not_a_backup_changes_nothing(paths, store, conversation, tmp_path):
    store.close()
    before = paths.store.read_bytes()
    fake = tmp_path / "rmp-desktop-20250101-120000-000000-manual.sqlite3"
    fake.write_text("name,band\nEilidh MacLeod,7\n", encoding="utf-8")
    with pytest.raises(NotABackup, match="not a Realising My Potential backup") as caught:
        restore_backup(fake, paths.store, paths.backups, confirm=True)
    assert_plain(str(caught.value))
    assert paths.store.read_bytes() == before
    assert list(paths.backups.iterdir()) == []


def test_a_truncated_store_is_unreadable_never_overwritten_and_recoverable(paths, store,
                                                                          conversation):
    good = make_backup(paths.store, paths.backups, reason="automatic")
    store.close()
    with sqlite3.connect(paths.store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(paths.store, "r+b") as fh:
        fh.truncate(paths.store.stat().st_size * 2 // 3)
    damaged = paths.store.read_bytes()

    with pytest.raises(StoreUnreadable) as caught:
        bootstrap.prepare(paths.store, paths.backups)
    assert caught.value.newest_backup == good.path
    assert paths.store.read_bytes() == damaged  # looked at, never written
    assert describe_storage_error(caught.value) == str(caught.value)

    result = restore_backup(caught.value.newest_backup, paths.store, paths.backups, confirm=True,
                            quarantine_dir=paths.quarantine)
    assert result.kept_aside.read_bytes() == damaged
    assert bootstrap.prepare(paths.store, paths.backups).created is False
    reopened = Store(paths.store)
    try:
        assert reopened.conversations.document(conversation)["reflection"]["went_well"] == \
            "The wellbeing pilot"
    finally:
        reopened.close()


# -- every kind of error, in plain words -------------------------------------------------------


def real_sqlite_error(make) -> sqlite3.Error:
    try:
        make()
    except sqlite3.Error as exc:
        return exc
    raise AssertionError("no error raised")


def test_each_sqlite_failure_has_its_own_plain_message(tmp_path):
    text_file = tmp_path / "notes.sqlite3"
    text_file.write_bytes(b"x" * 4096)
    db = tmp_path / "real.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t(x)")
    ro = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    cases = {
        safety.NOT_A_STORE: real_sqlite_error(
            lambda: sqlite3.connect(text_file).execute("SELECT * FROM sqlite_master")),
        safety.READ_ONLY: real_sqlite_error(lambda: ro.execute("INSERT INTO t VALUES (1)")),
        safety.CANNOT_OPEN: real_sqlite_error(
            lambda: sqlite3.connect(tmp_path / "missing" / "x.sqlite3")),
    }
    ro.close()
    for expected, exc in cases.items():
        assert describe_storage_error(exc) == expected


def test_os_errors_are_described_too():
    assert describe_storage_error(OSError(errno.ENOSPC, "No space left")) == safety.DISK_FULL
    assert describe_storage_error(OSError(errno.EROFS, "Read-only")) == safety.READ_ONLY
    assert describe_storage_error(OSError(errno.EIO, "I/O error")) == safety.IO_ERROR
    other = describe_storage_error(ValueError(SECRET))
    assert_plain(other) and "log file" in other


def test_a_wrapped_error_is_described_by_its_cause_without_its_text(store, conversation):
    from sqlalchemy.exc import OperationalError

    wrapped = OperationalError("INSERT INTO conversation_sections VALUES (?)", (SECRET,),
                               sqlite3.OperationalError("disk I/O error"))
    assert SECRET in str(wrapped)
    assert describe_storage_error(wrapped) == safety.IO_ERROR
    try:
        try:
            raise sqlite3.DatabaseError("database disk image is malformed")
        except sqlite3.DatabaseError as inner:
            raise RuntimeError(SECRET) from inner
    except RuntimeError as outer:
        assert describe_storage_error(outer) == safety.DAMAGED


# -- where the data folder is ------------------------------------------------------------------


def fake_mounts(tmp_path: Path, *entries: tuple[str, str]) -> str:
    lines = ["/dev/vda1 / ext4 rw,relatime 0 0"]
    lines += [f"server:/export {point.replace(' ', chr(92) + '040')} {fs} rw 0 0"
              for point, fs in entries]
    mounts = tmp_path / "mounts"
    mounts.write_text("\n".join(lines) + "\n")
    return str(mounts)


@pytest.mark.parametrize("fs", ["nfs", "nfs4", "cifs", "smbfs", "fuse.sshfs"])
def test_a_network_drive_is_warned_about(tmp_path, fs):
    share = tmp_path / "mnt" / "team share"
    (share / "rmp").mkdir(parents=True)
    mounts = fake_mounts(tmp_path, (str(share), fs))
    warning = describe_location_risk(share / "rmp", mounts_file=mounts)
    assert warning and fs in warning and "network drive" in warning and "--data-dir" in warning
    # A folder that does not exist yet is judged by the drive it would be made on.
    assert describe_location_risk(share / "not-yet" / "data", mounts_file=mounts)


def test_a_local_disk_is_fine_even_beside_a_network_mount(tmp_path):
    (tmp_path / "local").mkdir()
    (tmp_path / "mnt" / "share").mkdir(parents=True)
    mounts = fake_mounts(tmp_path, (str(tmp_path / "mnt" / "share"), "cifs"),
                         (str(tmp_path / "mnt" / "share-local"), "ext4"))
    assert describe_location_risk(tmp_path / "local", mounts_file=mounts) is None
    assert describe_location_risk(tmp_path / "mnt" / "share-local", mounts_file=mounts) is None


@pytest.mark.parametrize("folder, service", [
    ("Dropbox/rmp", "Dropbox"),
    ("Dropbox (NHS Trust)/rmp", "Dropbox"),
    ("OneDrive - Fictional NHS Foundation Trust/Documents/rmp", "OneDrive"),
    ("OneDrive/rmp", "OneDrive"),
    ("Google Drive/My Drive/rmp", "Google Drive"),
    ("Library/Mobile Documents/com~apple~CloudDocs/rmp", "iCloud Drive"),
    ("Library/CloudStorage/OneDrive-Personal/rmp", "a cloud storage provider"),
])
def test_a_synced_folder_is_warned_about(tmp_path, folder, service):
    target = tmp_path / folder
    target.mkdir(parents=True)
    warning = describe_location_risk(target, mounts_file=fake_mounts(tmp_path))
    assert warning and service in warning and "--data-dir" in warning


def test_an_ordinary_folder_gets_no_warning(tmp_path):
    target = tmp_path / "Documents" / "drop box notes" / "rmp"
    target.mkdir(parents=True)
    assert describe_location_risk(target, mounts_file=fake_mounts(tmp_path)) is None
    assert describe_location_risk(target) is None or "network" in describe_location_risk(target)
