"""The one way to run work off the GUI thread: where it runs, what comes back, and when."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject

from rmp_desktop.ui.operations import BackgroundRunner

GUI = threading.get_ident


class Outcomes:
    """Collects what a runner delivers, with the thread each callback ran on."""

    def __init__(self):
        self.events: list[tuple] = []
        self.threads: set[int] = set()

    def success(self, value):
        self.threads.add(GUI())
        self.events.append(("success", value))

    def failure(self, error):
        self.threads.add(GUI())
        self.events.append(("failure", type(error).__name__, str(error)))

    def progress(self, done, total):
        self.threads.add(GUI())
        self.events.append(("progress", done, total))

    def callbacks(self, with_progress=False):
        extra = {"on_progress": self.progress} if with_progress else {}
        return {"on_success": self.success, "on_failure": self.failure, **extra}


def test_work_runs_off_the_gui_thread_and_its_progress_then_result_arrive_on_it(qtbot):
    runner = BackgroundRunner()
    got = Outcomes()
    ran_on = []

    def work(task):
        ran_on.append(GUI())
        for done in range(1, 4):
            task.progress(done, 3)
        return "counted"

    task = runner.run(work, **got.callbacks(with_progress=True))
    assert runner.busy and not task.settled
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert ran_on and ran_on[0] != GUI()
    assert got.threads == {GUI()}
    assert got.events == [("progress", 1, 3), ("progress", 2, 3), ("progress", 3, 3),
                          ("success", "counted")]
    assert task.settled


def test_an_error_is_delivered_to_on_failure_not_raised(qtbot):
    runner = BackgroundRunner()
    got = Outcomes()

    def work(_task):
        raise OSError("disk full")

    runner.run(work, **got.callbacks())
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert got.events == [("failure", "OSError", "disk full")]
    assert got.threads == {GUI()}


def test_one_thread_runs_tasks_in_the_order_they_were_started(qtbot):
    runner = BackgroundRunner()
    got = Outcomes()
    gate = threading.Event()
    running = []

    def work(n):
        def step(_task):
            running.append(n)
            if n == 0:
                gate.wait(5)
            return n
        return step

    for n in range(4):
        runner.run(work(n), **got.callbacks())
    qtbot.waitUntil(lambda: running == [0], timeout=5000)
    assert running == [0]  # the others wait for the first: they never overlap
    gate.set()
    assert runner.wait(5000)
    assert got.events == [("success", n) for n in range(4)]


def test_cancel_reaches_running_work_and_skips_work_not_yet_started(qtbot):
    runner = BackgroundRunner()
    got = Outcomes()
    started = threading.Event()
    steps = []

    def long_work(task):
        started.set()
        while not task.cancelled:  # one small unit of work per turn, on the worker thread
            steps.append(sum(range(1000)))
        return "stopped early"

    def never(_task):
        raise AssertionError("a task cancelled before it started must not run")

    first = runner.run(long_work, **got.callbacks())
    second = runner.run(never, **got.callbacks())
    assert started.wait(5)
    runner.cancel_all()
    assert first.cancelled and second.cancelled
    assert runner.wait(5000)
    assert got.events == [("success", "stopped early")]  # the stopped run's own answer
    assert first.settled and second.settled and not runner.busy


def test_newest_only_drops_the_answer_to_an_older_request(qtbot):
    runner = BackgroundRunner(newest_only=True)
    got = Outcomes()
    gate = threading.Event()

    def slow(_task):
        gate.wait(5)
        return "old"

    runner.run(slow, **got.callbacks())
    runner.run(lambda _task: "new", **got.callbacks())
    gate.set()
    assert runner.wait(5000)
    assert got.events == [("success", "new")]


def test_wait_delivers_what_callbacks_start_too(qtbot):
    runner = BackgroundRunner()
    got = Outcomes()

    def then_again(value):
        got.success(value)
        if value == "first":
            runner.run(lambda _task: "second", **got.callbacks())

    runner.run(lambda _task: "first", on_success=then_again, on_failure=got.failure)
    assert runner.wait(5000)
    assert got.events == [("success", "first"), ("success", "second")]
    assert not runner.busy


def test_wait_gives_up_after_its_timeout(qtbot):
    runner = BackgroundRunner()
    got = Outcomes()
    gate = threading.Event()
    runner.run(lambda _task: gate.wait(5), **got.callbacks())
    assert runner.wait(50) is False
    assert runner.busy and got.events == []
    gate.set()
    assert runner.wait(5000)
    assert got.events == [("success", True)]


def test_a_runner_destroyed_with_its_window_waits_for_its_work_and_delivers_nothing(qtbot):
    owner = QObject()
    runner = BackgroundRunner(owner)
    got = Outcomes()
    gate = threading.Event()
    finished = threading.Event()

    def work(task):
        gate.wait(5)
        task.progress(1, 1)
        finished.set()
        return "too late"

    runner.run(work, **got.callbacks(with_progress=True))
    owner.destroyed.connect(gate.set)  # the work goes on only once its owner is being destroyed
    with qtbot.waitSignal(owner.destroyed, timeout=5000):
        owner.deleteLater()
    assert finished.is_set()  # the pool's destructor waited for the work to end
    QCoreApplication.processEvents()  # what it posted went with the relay: nothing runs
    assert got.events == []


def test_more_threads_run_tasks_side_by_side(qtbot):
    threads = 2
    runner = BackgroundRunner(threads=threads)
    got = Outcomes()
    both = threading.Barrier(threads, timeout=5)

    def work(_task):
        both.wait()  # only passes if the two run at once
        return "met"

    for _ in range(threads):
        runner.run(work, **got.callbacks())
    assert runner.wait(5000)
    assert got.events == [("success", "met")] * threads
