"""Automatic backups: after changes, not too often, at close, always off the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest

from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.storage import backup
from rmp_desktop.storage.backup import list_backups
from rmp_desktop.ui.backup_scheduler import BackupScheduler


@pytest.fixture
def worker_threads(monkeypatch):
    """Records which thread each backup ran on."""
    seen: list[int] = []
    original = backup.make_backup

    def recording(*args, **kwargs):
        seen.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(backup, "make_backup", recording)
    return seen


@pytest.fixture
def scheduler(paths):
    """Makes schedulers on the test's data folder; none is left running after the test."""
    made: list[BackupScheduler] = []

    def make(interval_ms: int) -> BackupScheduler:
        made.append(BackupScheduler(paths.store, paths.backups, interval_ms=interval_ms))
        return made[-1]

    yield make
    for sched in made:
        sched.stop()
        assert sched.wait_for_idle(10_000)


def test_a_burst_of_changes_gives_one_backup_off_the_gui_thread(qtbot, paths, store,
                                                                  worker_threads, scheduler):
    sched = scheduler(interval_ms=50)
    started: list[str] = []
    sched.started.connect(started.append)
    with qtbot.waitSignal(sched.finished, timeout=5000) as done:
        for _ in range(25):
            sched.note_change()
    assert done.args[0].reason == "automatic"
    assert started == ["automatic"]
    assert worker_threads and threading.get_ident() not in worker_threads
    assert [p.name for p in list_backups(paths.backups)] == [done.args[0].path.name]
    with qtbot.assertNotEmitted(sched.started, wait=200):
        pass  # nothing changed since: no further backup
    assert not sched.dirty and not sched.running


def test_backups_are_at_most_one_interval_apart(qtbot, paths, store, scheduler):
    sched = scheduler(interval_ms=400)
    starts: list[float] = []
    sched.started.connect(lambda _reason: starts.append(time.monotonic()))
    with qtbot.waitSignal(sched.finished, timeout=5000):
        sched.backup_now("manual")
    with qtbot.waitSignal(sched.finished, timeout=5000):
        store.staff.add(StaffMember(full_name="Ilse Vandermeer"))
        sched.note_change()
        sched.note_change()
    assert len(starts) == 2
    assert starts[1] - starts[0] >= 0.39


def test_a_request_during_a_backup_is_done_after_it(qtbot, paths, store, scheduler):
    sched = scheduler(interval_ms=60_000)
    reasons: list[str] = []
    sched.started.connect(reasons.append)
    with qtbot.waitSignals([sched.finished, sched.finished], timeout=10_000):
        assert sched.backup_now("manual") is True
        assert sched.backup_now("manual") is False  # queued, not dropped
    qtbot.waitUntil(lambda: not sched.running, timeout=5000)
    assert reasons == ["manual", "manual"]


def test_closing_backs_up_what_changed_and_waits_for_it(qtbot, paths, store, scheduler):
    sched = scheduler(interval_ms=60_000)
    finished = []
    sched.finished.connect(finished.append)
    store.staff.add(StaffMember(full_name="Mateus Carvalho"))
    sched.note_change()
    assert sched.backup_on_close() is True
    assert sched.wait_for_idle(10_000)
    assert [info.reason for info in finished] == ["on-close"]
    assert finished[0].people == 1
    # Nothing changed since that backup: closing again makes none.
    assert sched.backup_on_close() is False


def test_closing_notices_changes_nobody_reported(qtbot, paths, store, scheduler):
    sched = scheduler(interval_ms=60_000)
    with qtbot.waitSignal(sched.finished, timeout=5000):
        sched.backup_now("manual")
    store.staff.add(StaffMember(full_name="Yusuf Demir"))  # saved without note_change()
    assert sched.backup_on_close() is True
    assert sched.wait_for_idle(10_000)
    assert list_backups(paths.backups)[0].name.endswith("-on-close.sqlite3")


def test_a_failed_backup_is_reported_in_plain_words(qtbot, paths, scheduler):
    sched = scheduler(interval_ms=60_000)
    with qtbot.waitSignal(sched.failed, timeout=5000) as failed:
        sched.backup_now("manual")
    assert "no store" in failed.args[0]
    qtbot.waitUntil(lambda: not sched.running, timeout=5000)


def test_old_backups_are_thinned_after_each_backup(qtbot, paths, store, scheduler):
    for day in range(1, 29):
        old = paths.backups / f"rmp-desktop-202401{day:02d}-120000-000000-automatic.sqlite3"
        old.write_bytes(b"old")
    sched = scheduler(interval_ms=60_000)
    with qtbot.waitSignal(sched.finished, timeout=5000):
        sched.backup_now("manual")
    qtbot.waitUntil(lambda: not sched.running, timeout=5000)
    names = [p.name for p in list_backups(paths.backups)]
    # January 2024 is long past: thinned to the newest of its days, weeks and month.
    assert len(names) < 12 and names[0].endswith("-manual.sqlite3")
