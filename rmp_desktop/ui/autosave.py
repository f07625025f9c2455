"""Saving as the user types: at most a second behind, without a save per keystroke.

A change marks its section dirty and (re)starts a short idle timer; a steady
stream of typing is still written at least once a second by a deadline timer.
`flush()` writes everything pending at once (step change, closing, switching
person). Only QtCore is used, so a headless process can drive the same path.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

IDLE_MS = 300  # a pause in typing this long saves
DEADLINE_MS = 700  # continuous typing is saved at least this often (margin under a second)


class Autosaver(QObject):
    saved = Signal(str)  # section
    failed = Signal(str, str)  # section, message for the user

    def __init__(self, save: Callable[[str, dict], None], parent: QObject | None = None):
        super().__init__(parent)
        self._save = save
        self._pending: dict[str, dict] = {}
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._deadline = QTimer(self, singleShot=True, interval=DEADLINE_MS)
        self._idle.timeout.connect(self.flush)
        self._deadline.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
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
        for section in list(self._pending):
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
            if self._pending.get(section) is body:
                del self._pending[section]
            self.saved.emit(section)
        return True
