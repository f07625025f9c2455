"""Saving as the user types: at most a second behind, without a save per keystroke.

A change marks its section dirty and (re)starts a short idle timer; a steady
stream of typing is still written at least once a second by a deadline timer.
`flush()` writes everything pending at once (step change, closing, switching
person). Only QtCore is used, so a headless process can drive the same path.

Given a thread-safe `write_off_thread`, the sections it names are written by a pause
on a worker thread (one at a time, in order), so the GUI thread only hands a body
over; `flush()` still returns with everything on disk. A background write that fails
is done again here through `save`, whose own handling (words for the user, a record
signed elsewhere) then applies. The worker is also given the body this saver last
had written for the section (None before the first), so it can send only the change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection

from PySide6.QtCore import QObject, QTimer, Signal

from rmp_desktop.ui.operations import BackgroundRunner

log = logging.getLogger(__name__)

IDLE_MS = 300  # a pause in typing this long saves
DEADLINE_MS = 700  # continuous typing is saved at least this often (margin under a second)


class Autosaver(QObject):
    saved = Signal(str)  # section
    failed = Signal(str, str)  # section, message for the user

    def __init__(self, save: Callable[[str, dict], None], parent: QObject | None = None, *,
                 write_off_thread: Callable[[str, dict | None, dict], None] | None = None,
                 off_thread_sections: Collection[str] = ()):
        super().__init__(parent)
        self._save = save
        self._pending: dict[str, dict] = {}
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._deadline = QTimer(self, singleShot=True, interval=DEADLINE_MS)
        self._write = write_off_thread
        self._off_thread = frozenset(off_thread_sections) if write_off_thread else frozenset()
        self._runner = BackgroundRunner(self, name="autosave") if write_off_thread else None
        self._writing: tuple[str, dict] | None = None  # handed to the worker, not yet written
        self._on_disk: dict[str, dict] = {}  # the body last written for each section
        self._idle.timeout.connect(self._paused)
        self._deadline.timeout.connect(self._paused)

    @property
    def pending(self) -> bool:
        """Something typed is not on disk yet (a background write under way included)."""
        return bool(self._pending)

    def changed(self, section: str, body: dict) -> None:
        self._pending[section] = body
        self._idle.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> bool:
        """Write every pending section now; True if nothing is left unsaved."""
        self._idle.stop()
        self._deadline.stop()
        if self._runner is not None:
            self._runner.wait()  # the write under way ends and is accounted for first
        for section in list(self._pending):
            if not self._save_here(section):
                return False
        return True

    def _paused(self) -> None:
        if self._runner is None:
            self.flush()
            return
        for section in [s for s in self._pending if s not in self._off_thread]:
            if not self._save_here(section):
                return
        self._write_next()

    def _save_here(self, section: str) -> bool:
        """One section written on this (the GUI) thread; False, kept pending, if it failed."""
        body = self._pending[section]
        try:
            self._save(section, body)
        except Exception as exc:  # noqa: BLE001 - reported to the user, kept pending
            from rmp_desktop.storage.safety import describe_storage_error

            log.warning("saving section %s failed: %s", section, type(exc).__name__)
            # Plain words only: the database's own message would carry what was typed.
            self.failed.emit(section, describe_storage_error(exc))
            self._deadline.start()  # try again shortly; nothing typed is dropped
            return False
        self._done(section, body)
        return True

    def _done(self, section: str, body: dict) -> None:
        self._on_disk[section] = body
        if self._pending.get(section) is body:  # not typed over meanwhile
            del self._pending[section]
        self.saved.emit(section)

    def _write_next(self) -> None:
        """Hand the next pending off-thread section to the worker, if none is being written."""
        if self._writing is not None or self._runner is None or self._write is None:
            return
        section = next((s for s in self._pending if s in self._off_thread), None)
        if section is None:
            return
        body = self._pending[section]
        before = self._on_disk.get(section)
        write = self._write
        self._writing = (section, body)
        self._runner.run(lambda _task: write(section, before, body),
                         on_success=lambda _none: self._written(section, body),
                         on_failure=lambda _exc: self._write_failed(section))

    def _written(self, section: str, body: dict) -> None:
        self._writing = None
        self._done(section, body)
        self._write_next()

    def _write_failed(self, section: str) -> None:
        self._writing = None
        if section in self._pending:
            self._save_here(section)
