"""One way to run work off the GUI thread: progress, cancel, and the outcome back on the GUI thread.

In the spirit of Anki's CollectionOp/QueryOp: a window hands `BackgroundRunner.run`
a plain function and the callbacks for its outcome. The function runs on the
runner's own thread pool (one thread unless asked otherwise, so a runner's tasks
never overlap); whatever it returns or raises, and any progress it reports, is
delivered to the callbacks on the GUI thread, in the order it happened.

The function must not touch widgets. It receives its `Task`, to report progress
(`task.progress(done, total)`) and to notice a cancel (`task.cancelled`).

Lifetime: the runner is a QObject; if it is destroyed (its window closed) while
work runs, its thread pool waits for that work and nothing more is delivered.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)

T = TypeVar("T")


class Task(Generic[T]):
    """One call of a function on a worker thread, as seen by the caller and by the function."""

    def __init__(self, work: Callable[[Task[T]], T], on_success: Callable[[T], object],
                 on_failure: Callable[[BaseException], object],
                 on_progress: Callable[[int, int], object] | None):
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._cancel = threading.Event()
        self._post: Callable[[Callable[[], None]], None] | None = None  # set by the runner
        self._wanted: Callable[[], bool] = lambda: True  # whether its outcome is still wanted
        self.settled = False  # its outcome was delivered, dropped or skipped (GUI thread)

    # -- for the caller (GUI thread) -----------------------------------------------------------

    def cancel(self) -> None:
        """Ask the work to stop. Not started yet: it never runs and nothing is delivered.
        Running: the function sees `cancelled` and decides what a stopped run returns,
        which is delivered as usual."""
        self._cancel.set()

    # -- for the function (worker thread) ------------------------------------------------------

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def progress(self, done: int, total: int) -> None:
        """Report progress; `on_progress(done, total)` is called on the GUI thread."""
        if self._on_progress is not None and self._post is not None:
            self._post(lambda: self._report(done, total))

    def _report(self, done: int, total: int) -> None:
        if not self.settled and self._on_progress is not None and self._wanted():
            self._on_progress(done, total)


class _Relay(QObject):
    """Lives on the GUI thread; a closure emitted from a worker is run here, queued."""

    deliver = Signal(object)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, closure: Callable[[], None]) -> None:
        closure()


class _Job(QRunnable):
    def __init__(self, task: Task, relay: _Relay, settle: Callable[..., None]):
        super().__init__()
        self._task = task
        self._relay = relay
        self._settle = settle

    def run(self) -> None:
        # Hand the GIL straight back: this thread takes it the moment the pool wakes it, while
        # the GUI thread is still returning from QThreadPool.start(), which would otherwise
        # wait until this task's first blocking call (measured: 0.6 ms a pause, not 0.2).
        time.sleep(0)
        task = self._task
        if task.cancelled:  # cancelled while queued: never started
            self._relay.deliver.emit(lambda: self._settle(task, skipped=True))
            return
        try:
            value = task._work(task)
        except BaseException as exc:  # noqa: BLE001 - every outcome goes back to the GUI thread
            error = exc  # `exc` is unbound when this block ends; the closure runs later
            self._relay.deliver.emit(lambda: self._settle(task, error=error))
            return
        self._relay.deliver.emit(lambda: self._settle(task, value=value))


class BackgroundRunner(QObject):
    """Runs functions off the GUI thread, `threads` at a time (one by default: in order).

    With `newest_only`, only the most recently started task's outcome is delivered: a
    slow answer to an older request can never overwrite a newer one.
    """

    def __init__(self, parent: QObject | None = None, *, threads: int = 1,
                 newest_only: bool = False, name: str = "background"):
        super().__init__(parent)
        # The pool is made before the relay: children are destroyed in that order, so the
        # pool's destructor waits for running work while the relay it reports to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._pool.setObjectName(name)
        self._relay = _Relay(self)
        self._newest_only = newest_only
        self._newest: Task | None = None
        self._unsettled: list[Task] = []

    def run(self, work: Callable[[Task[T]], T], *, on_success: Callable[[T], object],
            on_failure: Callable[[BaseException], object],
            on_progress: Callable[[int, int], object] | None = None) -> Task[T]:
        """Start `work(task)` on a worker thread; its outcome arrives on the GUI thread."""
        task = Task(work, on_success, on_failure, on_progress)
        task._post = self._relay.deliver.emit
        task._wanted = lambda: not self._newest_only or task is self._newest
        self._newest = task
        self._unsettled.append(task)
        self._pool.start(_Job(task, self._relay, self._settle))
        return task

    @property
    def busy(self) -> bool:
        """Some task has not yet had its outcome delivered (or dropped)."""
        return bool(self._unsettled)

    def cancel_all(self) -> None:
        for task in self._unsettled:
            task.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every task has run and its outcome has been delivered; False on timeout.

        For closing: the outcomes (and any task their callbacks start) are delivered here,
        so afterwards nothing of this runner is left in flight.
        """
        deadline = None if timeout_ms < 0 else time.monotonic() + timeout_ms / 1000
        while self._unsettled:
            if deadline is None:
                slice_ms = 100
            else:
                remaining = int((deadline - time.monotonic()) * 1000)
                if remaining <= 0:
                    return False
                slice_ms = min(remaining, 100)
            self._pool.waitForDone(slice_ms)
            QCoreApplication.sendPostedEvents(self._relay, QEvent.Type.MetaCall)
        return True

    def _settle(self, task: Task, *, value: object = None, error: BaseException | None = None,
                skipped: bool = False) -> None:
        if task.settled:
            return
        task.settled = True
        self._unsettled.remove(task)
        if skipped or not task._wanted():
            return
        if error is None:
            task._on_success(value)
        elif isinstance(error, Exception):
            task._on_failure(error)
        else:  # SystemExit, KeyboardInterrupt: not ours to turn into a message
            raise error
