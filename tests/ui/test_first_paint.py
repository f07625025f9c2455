"""Start-up as app.py runs it: the window paints before the store file's check gives its
verdict, and whatever the user asks of the store meanwhile waits for it, then goes ahead (or,
on a damaged file, never does and nothing is written)."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from rmp_desktop.context import AppContext
from rmp_desktop.domain.staff import StaffMember
from rmp_desktop.paths import AppPaths
from rmp_desktop.storage import bootstrap
from rmp_desktop.storage.errors import StoreUnreadable
from rmp_desktop.storage.store import Store
from rmp_desktop.ui.main_window import MainWindow


class HeldCheck(bootstrap.BackgroundCheck):
    """The deferred check of a large file: once begun, it runs only when the test lets it."""

    def __init__(self, path):
        self.go = threading.Event()
        super().__init__(path, deferred=True)

    def _run(self) -> None:
        self.go.wait(timeout=30)
        super()._run()


@pytest.fixture
def data(tmp_path) -> AppPaths:
    """A store of 60 fictional people, closed (so whole on disk), as start-up finds it."""
    paths = AppPaths(tmp_path / "data").ensure()
    bootstrap.prepare(paths.store, paths.backups)
    store = Store(paths.store)
    for n in range(60):
        store.staff.add(StaffMember(full_name=f"Testperson Number{n}", band="6",
                                    job_title="HR Adviser " * 15))
    store.close()
    paths.settings.write_text("[app]\nrole=team\n", encoding="utf-8")
    return paths


def start_window(qtbot, paths: AppPaths):
    """As app.py: the check deferred, the store let through at its revision, then the window;
    what the first frame showed, and the check."""
    check = HeldCheck(paths.store)
    prepared = bootstrap.prepare(paths.location, paths.backups, check=check, verdict_later=True)
    assert prepared.verdict_pending
    context = AppContext(paths)
    context.pending_check = check
    window = MainWindow(context)
    qtbot.addWidget(window)
    first_frame: list[tuple[bool, str, bool]] = []

    def painted() -> None:
        shown = window.pages.currentWidget()
        first_frame.append((window.team_area_built(),
                            shown.text() if isinstance(shown, QLabel) else "",
                            check.running))

    window.firstPainted.connect(painted)
    with qtbot.waitSignal(window.teamShown, timeout=10_000):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, context, check, first_frame


def press_f2_on(qtbot, window, name: str) -> None:
    window.team.select_person(window.model.rows()[0].id if not name else
                              next(r.id for r in window.model.rows() if r.name == name))
    window.team.table.setFocus()
    qtbot.keyClick(window.team.table, Qt.Key.Key_F2)


def job_title_on_disk(paths: AppPaths, name: str) -> str:
    with sqlite3.connect(paths.store) as conn:
        return conn.execute("SELECT job_title FROM staff WHERE full_name = ?", (name,)).fetchone()[0]


def test_the_window_paints_before_the_verdict_and_an_edit_waits_for_it(qtbot, data):
    window, context, check, first_frame = start_window(qtbot, data)
    # The first frame is the window itself, the team's place saying it is loading, and the
    # store's verdict still to come; the list followed.
    assert first_frame == [(False, "Loading the team…", True)]
    assert window.model.total_count() == 60 and check.running

    press_f2_on(qtbot, window, "Testperson Number7")
    assert window.open_dialog is None  # held: the store is not opened before its verdict
    assert "Checking the store" in window.statusBar().currentMessage()
    assert context._store is None

    check.go.set()  # the file passes
    qtbot.waitUntil(lambda: window.open_dialog is not None and window.open_dialog.isVisible())
    dialog = window.open_dialog
    assert dialog.windowTitle() == "Edit Testperson Number7"
    dialog.job_title.clear()
    qtbot.keyClicks(dialog.job_title, "Workforce Planner")
    dialog.save()
    assert job_title_on_disk(data, "Testperson Number7") == "Workforce Planner"
    assert "saved" in window.statusBar().currentMessage()
    window.close()


def test_an_edit_asked_for_before_a_failing_verdict_is_never_written(qtbot, data):
    with sqlite3.connect(data.store) as conn:  # pages at the end the team list never reads
        conn.executemany("INSERT INTO app_meta(key, value) VALUES (?, ?)",
                         [(f"filler-{n}", "x" * 3000) for n in range(8)])
    sqlite3.connect(data.store).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    raw = bytearray(data.store.read_bytes())
    raw[-4096:] = b"\x5a" * 4096  # the last page: far from the revision and the team
    data.store.write_bytes(bytes(raw))
    window, context, check, first_frame = start_window(qtbot, data)
    assert first_frame and first_frame[0][2]  # painted with the verdict to come

    press_f2_on(qtbot, window, "")
    assert window.open_dialog is None
    with qtbot.waitSignal(window.storeDamaged, timeout=10_000) as damaged:
        check.go.set()
    assert isinstance(damaged.args[0], StoreUnreadable)
    assert "is damaged" in str(damaged.args[0]) and "Nothing was written" in (
        window.statusBar().currentMessage())
    # Were the held edit to run anyway, it would have run in the verdict's handler, or
    # posted its dialog: every posted event is delivered now, without waiting on a clock.
    QApplication.processEvents()
    assert window.open_dialog is None
    with pytest.raises(StoreUnreadable):
        context.store()
    assert data.store.read_bytes() == bytes(raw)
    window.close()


def test_my_development_opens_once_the_store_has_passed(qtbot, data):
    data.settings.write_text("[app]\nrole=mine\n", encoding="utf-8")
    window, context, check, first_frame = start_window(qtbot, data)
    assert first_frame == [(False, "Opening My development…", True)]
    # It reads and writes the store: it says it is opening until the verdict, then opens.
    assert window.my_development is None and window.pages.currentWidget() is window.opening
    check.go.set()
    qtbot.waitUntil(lambda: window.my_development is not None
                    and window.pages.currentWidget() is window.my_development)
    assert window.my_development_action.isChecked()
    window.close()
