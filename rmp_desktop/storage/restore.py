"""Putting a backup back in place of the store: all or nothing, once the backup has proven itself.

Apart from backup.py because an older backup is brought up to date through
bootstrap.prepare, which itself backs a store up before migrating it.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rmp_desktop.domain.dates import display_moment
from rmp_desktop.storage import bootstrap, locks
from rmp_desktop.storage.backup import (
    _STAMP,
    BackupInfo,
    _connect_read_only,
    _count,
    _create_private,
    _fsync,
    _fsync_dir,
    _make_private_dir,
    _remove_with_journals,
    _sqlite_words,
    copy_online,
    describe_backup,
    integrity_check,
    make_backup,
)
from rmp_desktop.storage.errors import (
    BackupError,
    BackupTooNew,
    NotABackup,
    RestoreNotConfirmed,
    StoreLocked,
    UntrustedBackup,
)
from rmp_desktop.storage.schema import HEAD
from rmp_desktop.storage.untrusted import open_untrusted

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_backup: BackupInfo | None  # the store that was replaced, backed up first
    kept_aside: Path | None  # a damaged store that could not be backed up, copied here whole
    migrated_from: str | None
    people_now: int | None = None  # what the store holds once restored
    records_now: int | None = None

    def report(self) -> str:
        """That it worked, what the store holds now, and where the old store went (the window
        and the command line say the same)."""
        made = display_moment(self.restored.created_at)
        holds = (f"{_counted(self.people_now, 'person', 'people')} and "
                 f"{_counted(self.records_now, 'record', 'records')}")
        words = [f"Restored the backup made on {made}. The store now holds {holds}."]
        if self.migrated_from:
            words.append(f"It was brought up to date from schema {self.migrated_from}.")
        if self.safety_backup is not None:
            words.append(f"What it held before is kept as a backup made on "
                         f"{display_moment(self.safety_backup.created_at)} "
                         f"({self.safety_backup.path.name}): restore that one to go back.")
        elif self.kept_aside is not None:
            words.append(f"The store it replaced could not be backed up and is kept whole at "
                         f"{self.kept_aside}.")
        return " ".join(words)


def _counted(number: int | None, one: str, many: str) -> str:
    if number is None:
        return f"an unknown number of {many}"
    return f"{number:,} {one if number == 1 else many}"



def restore_backup(backup: Path, store_path: Path, backups_dir: Path, *, confirm: bool,
                   quarantine_dir: Path | None = None) -> RestoreResult:
    """Replace the store with a backup, all or nothing, once the backup has proven itself.

    A backup is a file from outside: its schema must be exactly that of its revision
    before anything is written to a copy of it (so no trigger or view inside it ever
    runs), and the copy must pass every check `rmp-desktop check` makes before it
    replaces anything. The store must be closed: a window of another process that has it
    open is detected by its lock (this process's own window closes its store first), other
    connections when the store is settled. The copy is made beside the store, migrated if
    it is older, checked, and only then swapped in with os.replace; a store that is a
    symbolic link has its target replaced, never the link. The store being replaced is
    backed up first; if it is too damaged to back up, it is copied whole into
    `quarantine_dir`.
    """
    if not confirm:
        raise RestoreNotConfirmed(
            "Nothing was restored: restoring replaces every record in the application, so it "
            "must be confirmed (answer yes, or pass --yes).")
    store_path = Path(store_path).absolute()
    if locks.window_is_open(store_path.parent):
        raise StoreLocked(
            "The store is open in the Realising My Potential window. Restore from that window "
            "(File > Restore from a backup), or close it and try again. Nothing was changed.")
    target = store_path.resolve() if store_path.is_symlink() else store_path
    info = describe_backup(backup)
    if info.newer_than_this_app:
        raise BackupTooNew(
            f"{info.path.name} was made by a newer version of Realising My Potential "
            f"(schema {info.schema_revision}). Install the newer version to restore it. "
            "Nothing was changed.")
    if info.schema_revision is None:
        raise NotABackup(f"{info.path.name} holds no schema version, so it is not a complete "
                         "backup. Choose another one. Nothing was changed.")
    _prove_schema(info)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / f".{target.name}.restoring"
    with locks.busy(folder):
        scratch = Path(tempfile.mkdtemp(prefix=".restore-", dir=folder))
        _remove_with_journals(staging)
        try:
            _create_private(staging)
            copy_online(info.path, staging)
            _prove_records(staging, info)
            migrated_from = _make_current(staging, info, scratch)
            safety, kept_aside = _retire_current_store(store_path, backups_dir,
                                                       quarantine_dir or folder / "unreadable")
            _fsync(staging)
            os.replace(staging, target)
            _fsync_dir(folder)
            os.chmod(target, 0o600)
        finally:
            _remove_with_journals(staging)
            shutil.rmtree(scratch, ignore_errors=True)
    log.info("restored backup %s (schema %s, migrated from %s)", info.path.name,
             info.schema_revision, migrated_from)
    with closing(_connect_read_only(target)) as conn:
        people_now, records_now = _count(conn, "staff"), _count(conn, "conversations")
    return RestoreResult(restored=info, safety_backup=safety, kept_aside=kept_aside,
                         migrated_from=migrated_from, people_now=people_now,
                         records_now=records_now)


def _prove_schema(info: BackupInfo) -> None:
    """Refuse a file whose schema is not exactly its revision's; read-only, nothing runs."""
    from rmp_desktop.storage.schema_check import check_schema

    try:
        with closing(open_untrusted(info.path)) as conn:
            problems = check_schema(conn, str(info.schema_revision))
    except sqlite3.DatabaseError as exc:
        raise NotABackup(f"{info.path.name} cannot be read as a backup ({_sqlite_words(exc)}). "
                         "Choose another backup. Nothing was changed.") from exc
    if problems:
        log.warning("restore refused: the backup's schema differs from its revision's")
        raise UntrustedBackup(
            f"{info.path.name} cannot be restored: its structure is not what Realising My "
            f"Potential makes, so another program made or changed it ({_first(problems)}). "
            "Choose another backup. Nothing was changed.")


def _prove_records(staging: Path, info: BackupInfo) -> None:
    """Every check `rmp-desktop check` makes, on the copy, before it replaces anything."""
    from rmp_desktop.storage.integrity import check_store

    try:
        findings = [str(f) for f in check_store(staging)]
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{info.path.name} is damaged ({_sqlite_words(exc)}). Choose an older "
                          "backup. Nothing was changed.") from exc
    if findings:
        log.warning("restore refused: the backup failed %d check(s)", len(findings))
        raise UntrustedBackup(
            f"{info.path.name} cannot be restored: it did not pass the store's checks "
            f"({_first(findings)}). Choose another backup. Nothing was changed.")


def _first(problems: list[str], shown: int = 3) -> str:
    more = len(problems) - shown
    return "; ".join(problems[:shown]) + (f"; and {more} more" if more > 0 else "")


def _make_current(staging: Path, info: BackupInfo, scratch: Path) -> str | None:
    """Bring the staged copy to this version's schema, record the restore, leave one checked file."""
    with closing(sqlite3.connect(staging, isolation_level=None)) as conn:
        conn.execute("DELETE FROM app_meta WHERE key LIKE 'backup.%'")
    migrated_from = None
    if info.schema_revision != HEAD:
        # The backup file itself stays as it was; prepare's own pre-upgrade copy goes to scratch.
        bootstrap.prepare(staging, scratch)
        migrated_from = info.schema_revision
    _audit_restore(staging, info, migrated_from)
    with closing(sqlite3.connect(staging, isolation_level=None)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    if mode.lower() != "delete":
        raise BackupError("The restored copy could not be finished; nothing was changed.")
    verdict = integrity_check(staging)
    if verdict != "ok":
        raise BackupError(f"The restored copy did not pass its check ({verdict}); nothing was "
                          "changed.")
    return migrated_from


def _audit_restore(staging: Path, info: BackupInfo, migrated_from: str | None) -> None:
    from rmp_desktop.storage import audit
    from rmp_desktop.storage.store import Store

    store = Store(staging)
    try:
        with store.sessions.begin() as session:
            audit.append(session, "restored",
                         backup_made=info.created_at.isoformat(timespec="seconds"),
                         backup_version=info.app_version or "", migrated_from=migrated_from or "")
    finally:
        store.close()


def _retire_current_store(store_path: Path, backups_dir: Path,
                          quarantine_dir: Path) -> tuple[BackupInfo | None, Path | None]:
    """Make sure the store about to be replaced is kept: backed up, or copied aside whole."""
    if not store_path.exists():
        return None, None
    if bootstrap.quick_check(store_path) == "ok":
        _settle_live_store(store_path)
        return make_backup(store_path, backups_dir, reason="before-restore"), None
    # Too damaged to back up through SQLite: keep the bytes exactly as they are.
    _make_private_dir(quarantine_dir)
    stamp = datetime.now().strftime(_STAMP)
    kept = quarantine_dir / f"{store_path.stem}-{stamp}{store_path.suffix}"
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(store_path) + suffix)
        if part.exists():
            shutil.copy2(part, str(kept) + suffix)
    _fsync(kept)
    for suffix in ("-wal", "-shm"):
        # A WAL left beside the new file would be replayed into it.
        Path(str(store_path) + suffix).unlink(missing_ok=True)
    log.warning("damaged store copied aside before restore: %s", kept.name)
    return None, kept


def _settle_live_store(store_path: Path) -> None:
    """Fold the WAL into the store and leave it as one file; refuse if anyone still has it open.

    Leaving WAL mode needs the only connection, so this is also the check that
    the application (or another program) has let go of the store.
    """
    locked = StoreLocked(
        f"The store {store_path} is still open in Realising My Potential or another program. "
        "Close it and try again; nothing was changed.")
    try:
        with closing(sqlite3.connect(store_path, isolation_level=None, timeout=1)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise locked from exc
        raise
    if mode.lower() != "delete":
        raise locked
