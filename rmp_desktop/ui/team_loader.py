"""Reads the team off the GUI thread, so the window paints before the store is touched.

The read uses storage.team_query (the standard library's sqlite3, or libpq), never
SQLAlchemy, whose import alone costs about twice a bare window's start-up.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from rmp_desktop.storage.team_query import TeamRow, load_team
from rmp_desktop.ui.operations import BackgroundRunner, Task
from rmp_desktop.ui.team_model import TeamColumn, TeamOrders

log = logging.getLogger(__name__)


def read_team(store, first=None) -> tuple[list[TeamRow], TeamOrders]:
    """`store`: a StoreLocation or a SQLite path; `first`: a callable giving the rows read
    already at start-up, or None."""
    rows = first() if first is not None else None
    if rows is None:
        rows = load_team(store)
    orders = TeamOrders(rows)
    orders.ascending(TeamColumn.NAME)  # the first order shown, sorted here not on the GUI thread
    return rows, orders


class TeamLoader(QObject):
    """`load()` starts a read; `loaded(rows, orders)` arrives on the GUI thread.

    Only the newest request's answer is delivered, so a slow read cannot
    overwrite a newer one.
    """

    loaded = Signal(object, object)
    failed = Signal(str)

    def __init__(self, store, parent: QObject | None = None, *, first=None):
        super().__init__(parent)
        self._path = store
        self._first = first  # start-up's rows, for the first load only
        self._runner = BackgroundRunner(self, newest_only=True, name="team-read")

    def load(self) -> None:
        path, first, self._first = self._path, self._first, None

        def read(_task: Task) -> tuple[list[TeamRow], TeamOrders]:
            return read_team(path, first)

        self._runner.run(read, on_success=self._on_done, on_failure=self._on_failed)

    def is_loading(self) -> bool:
        return self._runner.busy

    def wait(self) -> None:
        """Block until any read in flight ends (used when the window closes)."""
        self._runner.wait()

    def _on_done(self, answer: tuple[list[TeamRow], TeamOrders]) -> None:
        self.loaded.emit(*answer)

    def _on_failed(self, error: BaseException) -> None:
        # Reported to the user by type only; the log has the traceback, never a row.
        log.error("loading the team failed", exc_info=error)
        self.failed.emit(type(error).__name__)
