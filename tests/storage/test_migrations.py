"""Every released schema opens, upgrades and keeps its rows; a newer store is refused untouched."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage import bootstrap
from rmp_desktop.storage.backup import make_backup
from rmp_desktop.storage.migrate import script_head
from rmp_desktop.storage.restore import restore_backup
from rmp_desktop.storage.schema import HEAD, REVISIONS
from rmp_desktop.storage.store import Store


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # about what only a SQLite store has: its file

FIXTURES = Path(__file__).parents[1] / "fixtures" / "stores"


def test_schema_module_knows_alembic_head():
    assert script_head() == HEAD


@pytest.mark.parametrize("revision", [r for r in REVISIONS if r != HEAD])
def test_released_store_upgrades_and_keeps_rows(tmp_path, revision):
    source = FIXTURES / f"store-{revision}.sqlite3"
    store_path = tmp_path / "store.sqlite3"
    shutil.copyfile(source, store_path)
    before = sqlite3.connect(source).execute(
        "SELECT full_name, band, archived FROM staff ORDER BY id").fetchall()

    prepared = bootstrap.prepare(store_path, tmp_path / "backups")

    assert prepared.migrated_from == revision
    assert prepared.pre_migration_backup is not None
    assert bootstrap.read_revision(prepared.pre_migration_backup) == revision
    assert bootstrap.read_revision(store_path) == HEAD
    store = Store(store_path)
    try:
        after = [(m.full_name, m.band, m.archived) for m in store.staff.all()]
        assert sorted(after) == sorted((n, b, bool(a)) for n, b, a in before)
        # The upgraded store works for the features the new schema brings.
        person = store.staff.find("nguyen")[0]
        assert person.preferred_name == "Minh Anh"
        assert store.integrity_report() == []
    finally:
        store.close()


def test_store_from_newer_version_is_refused_and_untouched(tmp_path):
    store_path = tmp_path / "store.sqlite3"
    bootstrap.prepare(store_path, tmp_path / "backups")
    conn = sqlite3.connect(store_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    original = store_path.read_bytes()

    with pytest.raises(bootstrap.StoreTooNew, match="newer version"):
        bootstrap.prepare(store_path, tmp_path / "backups")

    assert store_path.read_bytes() == original


def test_damaged_store_is_reported_never_overwritten(tmp_path):
    store_path = tmp_path / "store.sqlite3"
    bootstrap.prepare(store_path, tmp_path / "backups")
    good_backup = make_backup(store_path, tmp_path / "backups", reason="automatic").path
    data = bytearray(store_path.read_bytes())
    data[4096:8192] = b"\x5a" * 4096  # scribble over the second page
    store_path.write_bytes(bytes(data))

    with pytest.raises(bootstrap.StoreUnreadable) as caught:
        bootstrap.prepare(store_path, tmp_path / "backups")

    assert caught.value.newest_backup == good_backup
    assert store_path.read_bytes() == bytes(data)
    # What start-up does when the user accepts the offer: the damaged file is kept aside whole.
    result = restore_backup(good_backup, store_path, tmp_path / "backups", confirm=True,
                            quarantine_dir=tmp_path / "unreadable")
    kept = result.kept_aside or result.safety_backup.path
    assert kept.read_bytes() == bytes(data)
    assert bootstrap.prepare(store_path, tmp_path / "backups").created is False


def test_file_that_is_not_a_store_is_refused(tmp_path):
    other = tmp_path / "store.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(bootstrap.StoreUnreadable, match="not a Realising My Potential store"):
        bootstrap.prepare(other, tmp_path / "backups")


def test_models_match_the_migrated_schema(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from rmp_desktop.storage.models import Base

    store_path = tmp_path / "store.sqlite3"
    bootstrap.prepare(store_path, tmp_path / "backups")
    store = Store(store_path)
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        store.close()
    # FTS5 shadow tables exist only in the migration, on purpose.
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name.startswith("staff_fts"))]
    assert diff == []


def test_background_check_refuses_a_damaged_store_like_the_inline_one(tmp_path):
    store_path = tmp_path / "store.sqlite3"
    bootstrap.prepare(store_path, tmp_path / "backups")
    data = bytearray(store_path.read_bytes())
    data[4096:8192] = b"\x5a" * 4096
    store_path.write_bytes(bytes(data))

    check = bootstrap.BackgroundCheck(store_path)
    with pytest.raises(bootstrap.StoreUnreadable):
        bootstrap.prepare(store_path, tmp_path / "backups", check=check)
    assert store_path.read_bytes() == bytes(data)


def test_identity_migration_gives_every_person_a_uid_and_keeps_every_fingerprint(tmp_path):
    """0002 -> 0003: people gain stable uids; no signed record's fingerprint moves."""
    from rmp_desktop.storage.signoff_repo import SignoffRepository

    store_path = tmp_path / "store.sqlite3"
    shutil.copyfile(FIXTURES / "store-0002.sqlite3", store_path)
    fixed_before = sqlite3.connect(store_path).execute(
        "SELECT uid, fingerprint FROM conversations WHERE fingerprint IS NOT NULL").fetchall()
    assert len(fixed_before) >= 5  # the fixture holds signed, awaiting and superseded records

    bootstrap.prepare(store_path, tmp_path / "backups")

    store = Store(store_path)
    try:
        people = store.staff.all()
        uids = [m.uid for m in people]
        assert all(len(u) == 32 for u in uids) and len(set(uids)) == len(uids)
        signoff = SignoffRepository.of(store)
        for uid, fingerprint in fixed_before:
            meta = store.conversations.by_uid(uid)
            assert signoff.record_for(meta.id).fingerprint() == fingerprint
        assert signoff.verify_all_stored() == []
        assert store.integrity_report() == []
        # A new person gets a uid of their own; an edit keeps it.
        added = store.staff.add(people[0].with_changes(id=None, uid="", assignment_number="",
                                                       full_name="Ilse Varga"))
        assert len(added.uid) == 32 and added.uid not in uids
        assert store.staff.update(added.with_changes(job_title="Adviser")).uid == added.uid
    finally:
        store.close()


class _HeldCheck(bootstrap.BackgroundCheck):
    """The store check of a large file: still running until the test lets it finish."""

    def __init__(self, path):
        self.go = threading.Event()
        super().__init__(path)

    def _run(self) -> None:
        self.go.wait()
        super()._run()

    def require_healthy(self, backups_dir) -> None:
        self.waited = True
        self.go.set()  # someone waits for the verdict: let the check finish
        super().require_healthy(backups_dir)


def _damage_last_page(store_path):
    """Overwrite the file's last page (table data, far from the schema and the revision)."""
    data = bytearray(store_path.read_bytes())
    data[-4096:] = b"\x5a" * 4096
    store_path.write_bytes(bytes(data))
    return bytes(data)


def _filled_store(tmp_path):
    store_path = tmp_path / "data" / "rmp-desktop.sqlite3"
    store_path.parent.mkdir()
    bootstrap.prepare(store_path, tmp_path / "backups")
    store = Store(store_path)
    for n in range(60):
        store.staff.add(StaffMember(full_name=f"Testperson Number{n}", band="6",
                                    job_title="HR Adviser " * 15))
    store.close()
    return store_path


def test_a_store_at_head_opens_before_its_check_ends_and_is_opened_only_once_it_passed(tmp_path):
    from rmp_desktop.context import AppContext
    from rmp_desktop.paths import AppPaths

    store_path = _filled_store(tmp_path)
    check = _HeldCheck(store_path)
    prepared = bootstrap.prepare(store_path, tmp_path / "backups", check=check,
                                 verdict_later=True)
    assert prepared.verdict_pending and check.running
    heard: list[str] = []
    check.when_done(heard.append)
    context = AppContext(AppPaths(store_path.parent))
    context.pending_check = check
    assert context.store().staff.count() == 60  # waits for the verdict, which is "ok"
    assert heard == ["ok"] and context.pending_check is None
    context.close()


def test_a_store_found_damaged_after_the_first_paint_is_never_opened_nor_written(tmp_path):
    from rmp_desktop.context import AppContext
    from rmp_desktop.paths import AppPaths

    store_path = _filled_store(tmp_path)
    damaged = _damage_last_page(store_path)
    check = _HeldCheck(store_path)
    prepared = bootstrap.prepare(store_path, tmp_path / "backups", check=check,
                                 verdict_later=True)
    assert prepared.verdict_pending  # the revision reads fine; the damage is further in
    heard: list[str] = []
    check.when_done(heard.append)
    context = AppContext(AppPaths(store_path.parent))
    context.pending_check = check
    with pytest.raises(bootstrap.StoreUnreadable, match="is damaged"):
        context.store()
    assert heard and heard[0] != "ok"
    with pytest.raises(bootstrap.StoreUnreadable):  # and again: it never opens
        context.store()
    assert store_path.read_bytes() == damaged


def test_a_store_that_needs_an_upgrade_waits_for_its_check_even_when_painting_first(tmp_path):
    store_path = tmp_path / "store.sqlite3"
    shutil.copy(FIXTURES / "store-0004.sqlite3", store_path)
    damaged = _damage_last_page(store_path)
    check = _HeldCheck(store_path)
    with pytest.raises(bootstrap.StoreUnreadable, match="is damaged"):
        bootstrap.prepare(store_path, tmp_path / "backups", check=check, verdict_later=True)
    assert check.waited  # the upgrade waited for the verdict, and so never began
    assert store_path.read_bytes() == damaged
