"""Automatic backups while the window is open: after changes, at most every 30 minutes, and at close.

The backup itself (copy, integrity check, thinning old backups) runs off the
GUI thread through ui.operations; the GUI thread only starts it and hears the
result. SQLite's backup step and integrity check release
the GIL, so the window keeps painting while a large store is copied.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from rmp_desktop.ui.operations import BackgroundRunner, Task

log = logging.getLogger(__name__)

INTERVAL_MS = 30 * 60 * 1000


def back_up_and_thin(store_path: Path, backups_dir: Path, reason: str):
    """One checked backup, then the old ones thinned (worker thread)."""
    from rmp_desktop.storage.backup import make_backup
    from rmp_desktop.storage.retention import prune

    info = make_backup(store_path, backups_dir, reason=reason)
    prune(backups_dir)
    return info


class BackupScheduler(QObject):
    """Call `note_change()` after every save and `backup_on_close()` when the window closes."""

    started = Signal(str)  # reason
    finished = Signal(object)  # BackupInfo of the new backup
    failed = Signal(str)  # a message for the user
    idle = Signal()  # no backup running any more

    def __init__(self, store_path: Path, backups_dir: Path, *, interval_ms: int = INTERVAL_MS,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._store_path = Path(store_path)
        self._backups_dir = Path(backups_dir)
        self._interval_ms = interval_ms
        self._dirty = False
        self._running = False
        self._again: str | None = None  # asked for while one was running
        self._last_started: float | None = None  # time.monotonic()
        self._runner = BackgroundRunner(self, name="backup")
        self._timer = QTimer(self, singleShot=True)
        # A coarse timer may fire 5% early; "at most every 30 minutes" should mean it.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def dirty(self) -> bool:
        return self._dirty

    def note_change(self) -> None:
        """Something was saved: make sure a backup follows within the interval (cheap; call freely)."""
        self._dirty = True
        if not self._timer.isActive() and not self._running:
            self._timer.start(self._ms_until_due())

    def backup_now(self, reason: str = "manual") -> bool:
        """Start a backup in the background; False if one is already running (it is then repeated)."""
        if self._running:
            self._again = reason
            return False
        self._timer.stop()
        self._dirty = False  # changes from now on are for the next backup
        self._running = True
        self._last_started = time.monotonic()
        self.started.emit(reason)
        store_path, backups_dir = self._store_path, self._backups_dir

        def back_up(_task: Task):
            return back_up_and_thin(store_path, backups_dir, reason)

        self._runner.run(back_up, on_success=self._on_done, on_failure=self._on_failed)
        return True

    def backup_on_close(self) -> bool:
        """At close: back up if anything changed since the last backup. True if one was started.

        Also catches changes nobody reported with note_change(), by comparing the
        store's modification time with the newest backup's.
        """
        self._timer.stop()
        if self._running:
            self._again = "on-close"
            return True
        if self._dirty or self._store_newer_than_backups():
            return self.backup_now("on-close")
        return False

    def wait_for_idle(self, timeout_ms: int = 120_000) -> bool:
        """Block until no backup runs (for the last moment of closing, window already hidden)."""
        # The outcome is delivered inside the wait, and a backup asked for meanwhile runs too.
        return self._runner.wait(timeout_ms)

    def watch_store(self, every_ms: int = 60_000) -> None:
        """Notice saves by the store file's modification time, whoever made them (the window,
        a conversation, the command line), so no saving path has to remember to report."""
        self._watch = QTimer(self)
        self._watch.timeout.connect(self._check_store)
        self._watch.start(every_ms)

    def _check_store(self) -> None:
        if not self._dirty and not self._running and self._store_newer_than_backups():
            self.note_change()

    def stop(self) -> None:
        self._timer.stop()
        if getattr(self, "_watch", None) is not None:
            self._watch.stop()

    # -- internals -----------------------------------------------------------------------------

    def _ms_until_due(self) -> int:
        if self._last_started is None:
            return self._interval_ms
        elapsed_ms = (time.monotonic() - self._last_started) * 1000
        return max(0, int(self._interval_ms - elapsed_ms))

    def _store_newer_than_backups(self) -> bool:
        from rmp_desktop.storage.backup import backup_time, list_backups

        try:
            changed = max(Path(str(self._store_path) + s).stat().st_mtime
                          for s in ("", "-wal") if Path(str(self._store_path) + s).exists())
        except ValueError:
            return False  # no store at all
        newest = list_backups(self._backups_dir)
        return not newest or backup_time(newest[0]).timestamp() < changed

    @Slot()
    def _on_timer(self) -> None:
        if self._dirty:
            self.backup_now("automatic")

    @Slot(object)
    def _on_done(self, info) -> None:
        self.finished.emit(info)
        self._after_job()

    def _on_failed(self, error: BaseException) -> None:
        from rmp_desktop.storage.safety import describe_storage_error

        log.warning("automatic backup failed: %s", type(error).__name__)
        self.failed.emit(describe_storage_error(error))
        self._after_job()

    def _after_job(self) -> None:
        self._running = False
        again, self._again = self._again, None
        if again is not None:
            self.backup_now(again)
            return
        if self._dirty:
            self._timer.start(self._ms_until_due())
        self.idle.emit()
