"""Backups of the store: made through SQLite's online backup API, checked, described.

No Qt here: the command line, the window's background scheduler and the
start-up recovery all call these functions; putting a backup back is `restore.py`. Every file is written under a
temporary name, checked, synced and then renamed into place, so a backup that
exists under its real name is always a complete, checked one, and the live
store is only ever replaced whole (os.replace), never written half-way.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from contextlib import closing, nullcontext, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rmp_desktop import __version__
from rmp_desktop.domain.dates import display_moment
from rmp_desktop.storage import locks
from rmp_desktop.storage.errors import (
    BackupError,
    NotABackup,
)
from rmp_desktop.storage.schema import REVISIONS
from rmp_desktop.storage.untrusted import open_untrusted

log = logging.getLogger(__name__)

# Every backup, automatic, manual or taken before an upgrade, is named alike, so all are
# listed, described and thinned together.
NAME_PREFIX = "rmp-desktop-"
SUFFIX = ".sqlite3"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME_RE = re.compile(r"^rmp-desktop-(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.sqlite3$")
SQLITE_HEADER = b"SQLite format 3\x00"

# Written into the backup's own app_meta (never into the live store), removed again on restore.
META_PREFIX = "backup."
META_CREATED = "backup.created_at"
META_VERSION = "backup.app_version"
META_REASON = "backup.reason"
META_HEAD_ENTRY = "backup.audit_head_entry"
META_HEAD_HASH = "backup.audit_head_hash"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime  # local time, as the person who made it saw the clock
    reason: str
    app_version: str | None  # None for copies made before backups were stamped
    schema_revision: str | None
    people: int | None
    conversations: int | None
    size_bytes: int

    @property
    def newer_than_this_app(self) -> bool:
        return self.schema_revision is not None and self.schema_revision not in REVISIONS

    def summary(self) -> str:
        """One line a person can judge a backup by (no names, no content)."""
        when = display_moment(self.created_at)
        people = "?" if self.people is None else str(self.people)
        records = "?" if self.conversations is None else str(self.conversations)
        version = f"version {self.app_version}" if self.app_version else \
            f"schema {self.schema_revision or 'unknown'}"
        return f"{when}: {people} people, {records} records ({version})"


# -- making ------------------------------------------------------------------------------------


def make_backup(store_path: Path, backups_dir: Path, *, reason: str,
                target: Path | None = None, replace: bool = False) -> BackupInfo:
    """Back the store up (safe while it is open and being written) and check the copy.

    With `target`, the backup goes to that file, which must not exist yet unless `replace`
    (callers check a user-named target with export.destination first); otherwise into
    `backups_dir` under a dated name. A copy that fails `integrity_check` is deleted and
    BackupError raised.
    """
    store_path = Path(store_path)
    if not store_path.is_file():
        raise BackupError(f"There is no store at {store_path} to back up yet.")
    reason = _clean_reason(reason)
    now = datetime.now()
    if target is None:
        _make_private_dir(Path(backups_dir))
        final = _free_name(Path(backups_dir), now, reason)
    else:
        final = Path(target).expanduser().absolute()
        if final.exists() and not replace:
            raise BackupError(f"{final} already exists. Choose a new file name; nothing was written.")
        if not final.parent.is_dir():
            raise BackupError(f"The folder {final.parent} does not exist; nothing was written.")
    partial = final.with_name(f".{final.name}.partial")
    # Only the backups folder is cleaned at start-up; its data folder holds the busy lock.
    try:
        with locks.busy(Path(backups_dir).parent) if target is None else nullcontext():
            _write_checked_backup(store_path, partial, final, now, reason, replace)
    except OSError as exc:  # the rename, a sync or the lock: a full or read-only disk
        from rmp_desktop.storage.safety import describe_storage_error

        raise BackupError(f"The backup could not be written. {describe_storage_error(exc)}") \
            from exc
    log.info("backup made: %s", final.name)
    return describe_backup(final)


def _write_checked_backup(store_path: Path, partial: Path, final: Path, now: datetime,
                          reason: str, replace: bool) -> None:
    _remove_with_journals(partial)
    try:
        try:
            _create_private(partial)
            copy_online(store_path, partial)
            _stamp(partial, now, reason)
        except sqlite3.DatabaseError as exc:
            from rmp_desktop.storage.safety import describe_storage_error

            full = _no_room_for(store_path, partial.parent)
            raise BackupError(full or "The store could not be backed up. "
                              + describe_storage_error(exc)) from exc
        except OSError as exc:
            from rmp_desktop.storage.safety import describe_storage_error

            raise BackupError(f"The backup could not be written. {describe_storage_error(exc)}") \
                from exc
        verdict = integrity_check(partial)
        if verdict != "ok":
            log.error("backup failed its integrity check; deleted")
            raise BackupError(
                "The backup did not pass its check and was deleted, so the store itself may be "
                "damaged. Run `rmp-desktop check`; your existing backups are untouched.")
        _fsync(partial)
        if final.exists() and not replace:  # only for an explicit target created meanwhile
            raise BackupError(f"{final} already exists. Choose a new file name; nothing was written.")
        os.replace(partial, final)
        _fsync_dir(final.parent)
    finally:
        _remove_with_journals(partial)


def copy_online(source: Path, target: Path) -> None:
    """Copy a (possibly open, possibly busy) store through SQLite's backup API.

    One step (pages=-1) copies a consistent snapshot under a single read
    transaction; in WAL mode that never blocks the application's writes, and
    unlike a step-wise copy it cannot be restarted for ever by steady typing.
    The sqlite3 module releases the GIL during the step, so a GUI thread keeps running.
    """
    with closing(_connect_read_only(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst, pages=-1)


def integrity_check(path: Path) -> str:
    """'ok', or the first problems SQLite's full integrity check finds."""
    try:
        with closing(_connect_read_only(path)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        return f"cannot be read: {exc}"
    return "ok" if rows == ["ok"] else "; ".join(rows[:5])


def _no_room_for(store_path: Path, folder: Path) -> str | None:
    """Words for a backup that failed because its disk is full (SQLite says only "I/O error")."""
    try:
        free = shutil.disk_usage(folder).free
        needed = Path(store_path).stat().st_size
    except OSError:
        return None
    if free >= needed:
        return None
    return (f"The backup could not be written: the disk holding {folder} is full (the backup "
            f"needs about {_megabytes(needed)}, {_megabytes(free)} is free). Free some space, or "
            "back up to another drive with --to. The store itself is unchanged.")


def _megabytes(size: int) -> str:
    return f"{max(size / 1_000_000, 0.1):.1f} MB"


def _stamp(path: Path, now: datetime, reason: str) -> None:
    # A backup is one self-contained file: no WAL beside it to lose when it is copied.
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        if mode.lower() != "delete":
            raise sqlite3.OperationalError(f"backup left in journal mode {mode}")
        if _has_table(conn, "app_meta"):
            stamps = [(META_CREATED, now.isoformat(timespec="microseconds")),
                      (META_VERSION, __version__), (META_REASON, reason)]
            if _has_table(conn, "audit_log"):
                # The log's head as it was: an anchor that a later rewrite of the live
                # store's log cannot move (`check --anchor BACKUP`).
                from rmp_desktop.storage.integrity import head_of_chain

                entry, digest = head_of_chain(conn)
                stamps += [(META_HEAD_ENTRY, str(entry)), (META_HEAD_HASH, digest)]
            conn.execute("BEGIN")
            conn.executemany("INSERT OR REPLACE INTO app_meta(key, value) VALUES (?, ?)", stamps)
            conn.execute("COMMIT")


# -- describing and listing --------------------------------------------------------------------


def describe_backup(path: Path) -> BackupInfo:
    """What a backup holds, read without changing it; NotABackup for anything else."""
    path = Path(path)
    shown = path.name
    if not path.is_file():
        raise NotABackup(f"{path} is not a file. Choose a backup file "
                         "(rmp-desktop-….sqlite3) from the backups folder.")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise NotABackup(f"{shown} cannot be read ({exc.strerror}). Check that the drive is "
                         "connected and the file is yours to read.") from exc
    if header != SQLITE_HEADER:
        raise NotABackup(f"{shown} is not a Realising My Potential backup: it is not a database "
                         "file at all. Choose a file from the backups folder "
                         "(named rmp-desktop-….sqlite3). Nothing was changed.")
    try:
        with closing(_connect_read_only(path)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "app_meta", "staff"} <= tables:
                raise NotABackup(f"{shown} is a database, but not one made by Realising My "
                                 "Potential. Choose a file from the backups folder. "
                                 "Nothing was changed.")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
            people = _count(conn, "staff")
            conversations = _count(conn, "conversations") if "conversations" in tables else 0
            meta = dict(conn.execute("SELECT key, value FROM app_meta WHERE key LIKE 'backup.%'"))
    except sqlite3.DatabaseError as exc:
        raise NotABackup(f"{shown} cannot be read as a backup: it is damaged or not a backup "
                         "(SQLite says: " + _sqlite_words(exc) + "). Choose another backup. "
                         "Nothing was changed.") from exc
    return BackupInfo(path=path, created_at=_created_at(path, meta.get(META_CREATED)),
                      reason=meta.get(META_REASON) or _name_reason(path) or "copy",
                      app_version=meta.get(META_VERSION), schema_revision=revision, people=people,
                      conversations=conversations, size_bytes=path.stat().st_size)


def list_backups(backups_dir: Path) -> list[Path]:
    """The application's backup files in a folder, newest first (other files are left alone)."""
    folder = Path(backups_dir)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if _NAME_RE.match(p.name) and p.is_file()]
    return sorted(found, key=backup_time, reverse=True)


def backup_time(path: Path) -> datetime:
    """When a backup in the folder was made: from its name, which survives copying; else its mtime."""
    match = _NAME_RE.match(Path(path).name)
    if match:
        with suppress(ValueError):
            return datetime.strptime(match.group(1), _STAMP)
    return datetime.fromtimestamp(Path(path).stat().st_mtime)


# -- helpers -----------------------------------------------------------------------------------


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # Any backup may come from outside: SQLite's defensive settings on every read.
    return open_untrusted(path)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                        (name,)).fetchone() is not None


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    try:
        count: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
        return count
    except sqlite3.DatabaseError:
        return None


def _created_at(path: Path, stamped: str | None) -> datetime:
    if stamped:
        with suppress(ValueError):
            return datetime.fromisoformat(stamped)
    return backup_time(path)


def _name_reason(path: Path) -> str | None:
    match = _NAME_RE.match(path.name)
    return match.group(2) if match else None


def _clean_reason(reason: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-")
    return cleaned[:40] or "manual"


def _free_name(folder: Path, now: datetime, reason: str) -> Path:
    candidate = folder / f"{NAME_PREFIX}{now.strftime(_STAMP)}-{reason}{SUFFIX}"
    n = 1
    while candidate.exists():  # two backups in one microsecond: keep both
        n += 1
        candidate = folder / f"{NAME_PREFIX}{now.strftime(_STAMP)}-{reason}-{n}{SUFFIX}"
    return candidate


def _sqlite_words(exc: sqlite3.Error) -> str:
    # SQLite's own short description; never an SQLAlchemy message, which carries SQL and values.
    return str(exc.args[0]) if exc.args else type(exc).__name__


def _make_private_dir(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with suppress(OSError):
        os.chmod(folder, 0o700)


def _create_private(path: Path) -> None:
    # Created 0600 before SQLite opens it; SQLite gives its journal files the same mode.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    with suppress(OSError):
        os.chmod(path, 0o600)


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; directories cannot be opened on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
