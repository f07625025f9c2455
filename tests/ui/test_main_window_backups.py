"""The window keeps backups without being asked, and on request, off the GUI thread."""

from __future__ import annotations

from rmp_desktop.demo import load_demo
from rmp_desktop.storage.backup import describe_backup, list_backups
from rmp_desktop.ui.main_window import MainWindow


def open_window(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.teamShown, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: window.backups is not None)
    return window


def test_back_up_now_from_the_file_menu(qtbot, context):
    load_demo(context.store())
    window = open_window(qtbot, context)
    assert window.backup_action in window.file_menu.actions()
    with qtbot.waitSignal(window.backups.finished, timeout=30_000):
        window.backup_action.trigger()
    qtbot.waitUntil(lambda: "Backed up" in window.statusBar().currentMessage())
    made = list_backups(context.paths.backups)
    assert len(made) == 1 and describe_backup(made[0]).people == 13
    window.close()


def test_closing_after_a_change_leaves_a_checked_backup(qtbot, context):
    window = open_window(qtbot, context)
    load_demo(context.store())  # a change the window did not make itself
    assert list_backups(context.paths.backups) == []
    window.close()
    made = list_backups(context.paths.backups)
    assert len(made) == 1 and describe_backup(made[0]).people == 13
