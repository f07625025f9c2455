"""Open a store before anything else touches it: check it, back it up, migrate it, or refuse.

Uses only the standard library's sqlite3 on the common path (a current, healthy
store), so start-up does not pay for importing SQLAlchemy and Alembic before
the window shows. A file that cannot be read is never written to: it is
opened read-only for the checks and, if bad, moved aside whole.

An organisation's PostgreSQL store is only read here (its schema revision, with psycopg):
it is migrated by its administrators (`rmp-desktop store-admin upgrade`), never from a
manager's window or command, and backed up by them too.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rmp_desktop.storage.errors import (
    ReportsOnly,
    StoreError,
    StoreLocked,
    StoreNeedsAdmin,
    StoreTooNew,
    StoreUnavailable,
    StoreUnreadable,
)
from rmp_desktop.storage.schema import HEAD, REVISIONS
from rmp_desktop.store_location import StoreLocation

if TYPE_CHECKING:
    from rmp_desktop.storage.team_query import TeamRow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    path: Path | None  # None for a PostgreSQL store
    created: bool
    migrated_from: str | None
    pre_migration_backup: Path | None
    verdict_pending: bool = False  # the file's check still runs (prepare's verdict_later)


def read_revision(path: Path) -> str | None:
    """The Alembic revision stamped in a store, read without changing anything."""
    with _read_only(path) as conn:
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as exc:
            if "no such table" in str(exc):
                return None
            raise
    return row[0] if row else None


def quick_check(path: Path) -> str:
    """'ok', or SQLite's description of the damage."""
    try:
        with _read_only(path) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    messages = [r[0] for r in rows]
    return "ok" if messages == ["ok"] else "; ".join(messages[:5])


class BackgroundCheck:
    """quick_check on a worker thread, so the window can paint and show the team first.

    With `deferred`, the file's check begins only when `start()` is called (the window calls
    it once the team is on screen) or when something needs the verdict: on two cores a
    check of a large file running beside Qt's start slows the first paint by half.
    `prepare(check=...)` waits for the verdict before relying on it, and whatever writes
    waits for it too (`require_healthy`).

    On PostgreSQL the thread reads the schema revision instead, and the team on the same
    trip, through libpq alone (storage/libpq_reader.py), which lets Qt load meanwhile; that
    always starts at once, as start-up needs the revision.
    """

    def __init__(self, source: StoreLocation | Path, *, deferred: bool = False):
        self._location = StoreLocation.of(source)
        self._verdict: str | None = None
        self._revision: str | None = None
        self._revision_read = False
        self._team_json: str | None = None  # PostgreSQL: the team, read on the same trip
        self._revision_known = threading.Event()
        self._listeners: list[Callable[[str], None]] = []
        self._listening = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="store-check", daemon=True)
        self._started = False
        if self._location.is_postgres or not deferred:
            self.start()

    def start(self) -> None:
        """Begin the check, once; nothing to do if it has begun or there is no file."""
        with self._listening:
            if self._started:
                return
            if self._location.is_postgres or self._location.sqlite_path.exists():
                self._started = True
                self._thread.start()

    def _run(self) -> None:
        if self._location.is_postgres:
            from rmp_desktop.storage import libpq_reader
            from rmp_desktop.storage.team_query import TEAM_JSON_SQL_PG

            try:
                with libpq_reader.LibpqConnection(self._location.pg_url) as conn:
                    self._revision = libpq_reader.read_revision(conn)
                    self._revision_read = True
                    self._revision_known.set()  # prepare() may go on; the team follows
                    if self._revision == HEAD:  # the server works on it while Qt loads here
                        self._team_json = conn.value(TEAM_JSON_SQL_PG)
            except libpq_reader.LibpqUnavailable:
                pass  # prepare() reads the revision again through psycopg, and says what failed
            finally:
                self._revision_known.set()
            return
        verdict = quick_check(self._location.sqlite_path)
        with self._listening:
            self._verdict = verdict
            listeners, self._listeners = self._listeners, []
        for listener in listeners:
            listener(verdict)

    def when_done(self, listener: Callable[[str], None]) -> None:
        """Call `listener(verdict)` once the file's check is done: on the checking thread, or
        at once if it is done already. Does not start a deferred check."""
        with self._listening:
            if self._verdict is None and (self._thread.is_alive() or not self._started):
                self._listeners.append(listener)
                return
        listener(self.result())

    def _wait(self) -> None:
        if self._thread.is_alive() or self._thread.ident is not None:
            self._thread.join()

    @property
    def running(self) -> bool:
        """The file's verdict is still to come: its check is under way, or deferred and not
        begun (start-up may paint meanwhile)."""
        with self._listening:
            if self._location.is_postgres or self._verdict is not None:
                return False
            return self._thread.is_alive() or (not self._started
                                               and self._location.sqlite_path.exists())

    def settle(self) -> None:
        """Wait for a check that has begun; a deferred one not yet begun never will (the
        window is closing and nothing needs its verdict)."""
        with self._listening:
            begun, self._started = self._started, True
        if begun:
            self._thread.join()

    def result(self) -> str:
        """The verdict, waiting for it (and starting a deferred check) if need be."""
        self.start()
        self._wait()
        if self._verdict is None:  # the thread never ran (no file then) or found no verdict
            self._verdict = quick_check(self._location.sqlite_path)
        return self._verdict

    def require_healthy(self, backups_dir: Path) -> None:
        """Wait for the verdict; StoreUnreadable if the file is damaged. What is allowed to
        write to a store opened before its verdict calls this first."""
        verdict = self.result()
        if verdict != "ok":
            path = self._location.sqlite_path
            raise StoreUnreadable(f"The store {path} is damaged ({verdict}).", path,
                                  newest_backup(backups_dir))

    def first_team(self) -> list[TeamRow] | None:
        """The team read beside Qt's loading (PostgreSQL), once, as TeamRows; None if not."""
        if not self._location.is_postgres:
            return None  # never wait for a file's check to read the team
        self._wait()
        text, self._team_json = self._team_json, None
        if text is None:
            return None
        from rmp_desktop.storage.team_query import rows_from_json

        return rows_from_json(text)

    def revision(self) -> str | None:
        """The PostgreSQL store's revision; read again through psycopg (raising a StoreError in
        plain words) if libpq alone could not read it."""
        if self._thread.ident is not None:
            self._revision_known.wait()
        return self._revision if self._revision_read else pg_revision(self._location)


def prepare(source: StoreLocation | Path, backups_dir: Path, *,
            check: BackgroundCheck | None = None, verdict_later: bool = False) -> Prepared:
    """Make the store a healthy one at the head revision, or raise a StoreError saying why not.

    With `verdict_later` (the window's start-up), a store file already at the head revision is
    let through while `check` is still running: the window paints meanwhile, and whatever
    writes to the store first waits for the verdict (`check.require_healthy`). A store that
    needs creating or upgrading always waits, as those write."""
    location = StoreLocation.of(source)
    if location.is_postgres:
        return _prepare_postgres(location, check)
    path = location.sqlite_path
    if not path.exists():
        _migrate(path, None)
        return Prepared(path, created=True, migrated_from=None, pre_migration_backup=None)
    if not os.access(path, os.R_OK):
        raise StoreError(f"The store {path} cannot be read by your account. "
                         "Check the file's permissions, or start with --data-dir pointing elsewhere.")
    later = verdict_later and check is not None and check.running
    if not later:
        verdict = check.result() if check is not None else quick_check(path)
        if verdict != "ok":
            raise StoreUnreadable(
                f"The store {path} is damaged ({verdict}).", path, newest_backup(backups_dir))
    try:
        revision = read_revision(path)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise StoreLocked(f"The store {path} is locked by another program. "
                              "Close it and try again.") from exc
        raise StoreUnreadable(f"The store {path} could not be read ({exc}).", path,
                              newest_backup(backups_dir)) from exc
    except sqlite3.DatabaseError as exc:  # not a database at all: the check says what it is
        if later:
            assert check is not None
            check.require_healthy(backups_dir)
        raise StoreUnreadable(f"The store {path} could not be read ({exc}).", path,
                              newest_backup(backups_dir)) from exc
    if revision == HEAD:
        return Prepared(path, created=False, migrated_from=None, pre_migration_backup=None,
                        verdict_pending=later)
    if later:  # an upgrade writes: only on a store that passed its check
        assert check is not None
        check.require_healthy(backups_dir)
    if revision is not None and revision not in REVISIONS:
        raise StoreTooNew(
            f"The store {path} was written by a newer version of Realising My Potential "
            f"(schema {revision}). Install the newer version to open it; this version will not "
            "touch it.")
    if revision is None and _has_tables(path):
        raise StoreUnreadable(f"{path} is an SQLite file but not a Realising My Potential store.",
                              path, newest_backup(backups_dir))
    # Upgrades are rare and already load Alembic: the full, checked backup is affordable here.
    from rmp_desktop.storage.backup import make_backup

    backup = make_backup(path, backups_dir, reason=f"before-upgrade-from-{revision or 'empty'}")
    _migrate(path, revision)
    return Prepared(path, created=False, migrated_from=revision, pre_migration_backup=backup.path)


def pg_revision(location: StoreLocation) -> str | None:
    """The revision stamped in a PostgreSQL store (None if it has none), read with psycopg;
    StoreUnavailable, in plain words, if the server cannot be reached or refuses us."""
    import psycopg

    from rmp_desktop.storage.pg_connect import connect

    try:
        with connect(location.pg_url, autocommit=True) as conn:
            exists = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
            if exists is None or not exists[0]:
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except psycopg.errors.InsufficientPrivilege as exc:
        if _reads_reports_only(location):
            raise ReportsOnly(f"Your sign-in to {location.describe()} reads the organisation's "
                              "reports only.") from exc
        raise StoreUnavailable(
            f"Your sign-in to {location.describe()} is not allowed to use the store. Ask the "
            "store's administrators to add you (rmp-desktop store-admin add-manager).") from exc
    except psycopg.OperationalError as exc:
        reason = (str(exc).strip().splitlines() or ["no answer"])[-1]
        raise StoreUnavailable(
            f"The organisation's store ({location.describe()}) cannot be reached: {reason}. "
            "Check that you are connected to your organisation's network, then try again.") from exc
    return str(row[0]) if row else None


def _reads_reports_only(location: StoreLocation) -> bool:
    """An HR/OD lead's login: a member of the lead role that cannot read people."""
    import psycopg

    from rmp_desktop.storage.pg_connect import connect
    from rmp_desktop.storage.pg_roles import LEAD_ROLE

    try:
        with connect(location.pg_url, autocommit=True) as conn:
            row = conn.execute("SELECT pg_has_role(%s, 'MEMBER') AND NOT has_table_privilege("
                               "'public.staff', 'SELECT')", (LEAD_ROLE,)).fetchone()
    except psycopg.Error:
        return False
    return bool(row and row[0])


def _prepare_postgres(location: StoreLocation, check: BackgroundCheck | None) -> Prepared:
    revision = check.revision() if check is not None else pg_revision(location)
    if revision == HEAD:
        return Prepared(None, created=False, migrated_from=None, pre_migration_backup=None)
    if revision is not None and revision not in REVISIONS:
        raise StoreTooNew(
            f"The organisation's store ({location.describe()}) was upgraded for a newer version "
            f"of Realising My Potential (schema {revision}). Install the newer version to use it.")
    if revision is None:
        raise StoreNeedsAdmin(
            f"There is no Realising My Potential store in {location.describe()} yet. Its "
            "administrators create it with `rmp-desktop store-admin init --store URL`.")
    raise StoreNeedsAdmin(
        f"The organisation's store ({location.describe()}) is at schema {revision} and this "
        f"version needs {HEAD}. Its administrators upgrade it with `rmp-desktop store-admin "
        "upgrade --store URL`; nothing was changed.")


def newest_backup(backups_dir: Path) -> Path | None:
    if not backups_dir.is_dir():
        return None
    candidates = sorted(backups_dir.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    for candidate in candidates:
        if quick_check(candidate) == "ok":
            return candidate
    return None


def _migrate(path: Path, from_revision: str | None) -> None:
    # Alembic is imported only here: new stores and upgrades, never the usual start.
    from rmp_desktop.storage.migrate import upgrade_to_head

    log.info("migrating store from %s to %s", from_revision or "nothing", HEAD)
    upgrade_to_head(path)
    os.chmod(path, 0o600)


def _has_tables(path: Path) -> bool:
    with _read_only(path) as conn:
        return bool(conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])


class _read_only:
    """A read-only connection that is closed, not just committed, on exit."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()
