"""Reads the team off the GUI thread, so the window paints before the store is touched.

The read uses storage.team_query (the standard library's sqlite3 only), never
SQLAlchemy, whose import alone costs about twice a bare window's start-up.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from rmp_desktop.storage.team_query import load_team
from rmp_desktop.ui.team_model import TeamColumn, TeamOrders

log = logging.getLogger(__name__)


class _Reply(QObject):
    """Carries one load's result back; signals cross to the GUI thread queued."""

    done = Signal(int, object, object)  # generation, rows, orders
    failed = Signal(int, str)


class _LoadTeam(QRunnable):
    def __init__(self, store_path: Path, generation: int, reply: _Reply):
        super().__init__()
        self._path = store_path
        self._generation = generation
        self._reply = reply

    def run(self) -> None:
        try:
            rows = load_team(self._path)
            orders = TeamOrders(rows)
            orders.ascending(TeamColumn.NAME)  # the first order shown, sorted here not on the GUI
        except Exception as exc:  # reported to the user; the log gets the type only
            log.exception("loading the team failed")
            self._reply.failed.emit(self._generation, type(exc).__name__)
            return
        self._reply.done.emit(self._generation, rows, orders)


class TeamLoader(QObject):
    """`load()` starts a read; `loaded(rows, orders)` arrives on the GUI thread.

    Only the newest request's answer is delivered, so a slow read cannot
    overwrite a newer one.
    """

    loaded = Signal(object, object)
    failed = Signal(str)

    def __init__(self, store_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self._path = store_path
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._answered = 0
        self._reply = _Reply()
        self._reply.done.connect(self._on_done)
        self._reply.failed.connect(self._on_failed)

    def load(self) -> None:
        self._generation += 1
        self._pool.start(_LoadTeam(self._path, self._generation, self._reply))

    def is_loading(self) -> bool:
        return self._answered != self._generation

    def wait(self) -> None:
        """Block until any read in flight ends (used when the window closes)."""
        self._pool.waitForDone()

    def _on_done(self, generation: int, rows, orders) -> None:
        if generation == self._generation:
            self._answered = generation
            self.loaded.emit(rows, orders)

    def _on_failed(self, generation: int, reason: str) -> None:
        if generation == self._generation:
            self._answered = generation
            self.failed.emit(reason)
