"""File > Publish, and publishing in the background while the window is open.

On a laptop whose settings name the organisation's store (publish_url), publishing runs off
the GUI thread (ui/operations.py) a few seconds after the window has painted, then every few
minutes: when the store cannot be reached it waits quietly for the next try. File > Publish
runs it at once and says what happened, in a message when anything was not published.
Everything it does is storage/publish.py's; this only schedules it and reports back.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from rmp_desktop.ui.operations import BackgroundRunner, Task

if TYPE_CHECKING:
    from rmp_desktop.context import AppContext
    from rmp_desktop.storage.publish import PublishReport

log = logging.getLogger(__name__)

FIRST_TRY_MS = 5_000  # after the first paint: the team is read first
EVERY_MS = 5 * 60_000
BACKGROUND_TIMEOUT_S = 5  # a laptop off the network gives up this soon in the background


class Cancelled(Exception):
    """The window is closing: publishing stops after the batch in hand."""


class Publisher(QObject):
    # (report, automatic): what was published, on the GUI thread.
    published = Signal(object, bool)
    # (words, automatic, reachable): why publishing stopped.
    failed = Signal(str, bool, bool)
    progressed = Signal(int, int)  # batches done, batches in all

    def __init__(self, context: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self._context = context
        self._runner = BackgroundRunner(self, name="publish")
        self._timer = QTimer(self)
        self._timer.setInterval(EVERY_MS)
        self._timer.timeout.connect(lambda: self.publish_now(automatic=True))
        self.task: Task | None = None

    # -- what the window asks ------------------------------------------------------------------

    def applies(self) -> bool:
        """Publishing is for a laptop's store file; an organisation's store is the destination."""
        return not self._context.paths.location.is_postgres

    def url(self) -> str | None:
        """The organisation's store from the settings; StoreLocationError if it is unusable."""
        return self._context.paths.publish_url()

    def start(self) -> None:
        """Publish in the background from now on, if this laptop publishes at all."""
        from rmp_desktop.store_location import StoreLocationError

        try:
            url = self.url()
        except StoreLocationError as exc:
            self.failed.emit(str(exc), True, True)
            return
        if not self.applies() or not url:
            return
        self._timer.start()
        QTimer.singleShot(FIRST_TRY_MS, self, lambda: self.publish_now(automatic=True))

    def stop(self) -> None:
        """The window is closing: no new run, the one under way stops at its next step."""
        self._timer.stop()
        self._runner.cancel_all()
        self._runner.wait()

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def publish_now(self, *, automatic: bool = False) -> Task | None:
        """Start publishing, unless it is already under way; the outcome comes by signal."""
        from rmp_desktop.store_location import StoreLocationError

        if self._runner.busy:
            return None
        try:
            url = self.url()
        except StoreLocationError as exc:
            self.failed.emit(str(exc), automatic, True)
            return None
        if not url:
            if not automatic:
                self.failed.emit(
                    "Publishing needs the address of your organisation's store. Add the line "
                    "publish_url = postgresql://server/database (the address your "
                    f"administrators give) to {self._context.paths.settings}, then publish "
                    "again.", False, True)
            return None
        context = self._context
        timeout = BACKGROUND_TIMEOUT_S if automatic else None

        def work(task: Task) -> PublishReport:
            from rmp_desktop.storage.publish import publish

            def step(_stage: str, done: int, total: int) -> None:
                if task.cancelled:
                    raise Cancelled()
                task.progress(done, total)

            return publish(context.store(), url, on_step=step, connect_timeout=timeout)

        self.task = self._runner.run(
            work, on_success=lambda report: self.published.emit(report, automatic),
            on_failure=lambda error: self._failed(error, automatic),
            on_progress=self.progressed.emit)
        return self.task

    def _failed(self, error: BaseException, automatic: bool) -> None:
        from rmp_desktop.storage.publish import PublishError

        if isinstance(error, Cancelled):
            return
        if isinstance(error, PublishError):
            self.failed.emit(str(error), automatic, error.reachable)
            return
        log.error("publishing failed: %s", type(error).__name__)  # never what was said
        self.failed.emit(f"Publishing stopped unexpectedly ({type(error).__name__}). Nothing "
                         "is half-written; try again, and if it happens again see the log "
                         "file.", automatic, True)
