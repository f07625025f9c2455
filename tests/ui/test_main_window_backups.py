"""The window keeps backups without being asked, and on request, off the GUI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

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
    window.backup_action.trigger()
    dialog = window.open_dialog
    assert dialog.to_folder.isChecked()  # the backups folder, unless another is chosen
    with qtbot.waitSignal(window.backups.finished, timeout=30_000):
        qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
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


def test_back_up_now_to_a_file_of_ones_choosing(qtbot, context, tmp_path):
    load_demo(context.store())
    window = open_window(qtbot, context)
    stick = tmp_path / "USB stick"
    stick.mkdir()
    window.backup_action.trigger()
    dialog = window.open_dialog
    dialog._choose = lambda _parent, _suggested: stick / "team backup"
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.to_folder.hasFocus())
    assert not dialog.path.isEnabled()
    qtbot.keyClick(dialog.to_folder, Qt.Key.Key_Down)  # the other choice, by keyboard
    assert dialog.to_file.isChecked() and dialog.path.isEnabled()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.path.text() == str(stick / "team backup.sqlite3")
    with qtbot.waitSignal(dialog.backedUp, timeout=30_000) as made:
        qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    assert made.args[0].path == stick / "team backup.sqlite3"
    assert describe_backup(stick / "team backup.sqlite3").people == 13
    assert f"Backed up to {stick / 'team backup.sqlite3'}" in window.statusBar().currentMessage()

    # Again to the same file: an earlier backup is replaced only after a question.
    window.backup_action.trigger()
    dialog = window.open_dialog
    assert dialog.path.text().startswith(str(stick))  # the folder chosen last time
    dialog.to_file.setChecked(True)
    dialog.path.setText(str(stick / "team backup.sqlite3"))
    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    question = dialog.replace_question
    assert question is not None and "already exists" in question.text()
    with qtbot.waitSignal(dialog.backedUp, timeout=30_000):
        [replace] = [b for b in question.buttons() if b.text() == "&Replace"]
        qtbot.mouseClick(replace, Qt.MouseButton.LeftButton)
    window.close()


@pytest.mark.parametrize("where", ["the store itself", "a file that is not a backup"])
def test_back_up_now_never_writes_over_what_it_must_not(qtbot, context, tmp_path, where):
    window = open_window(qtbot, context)
    target = context.paths.store if where == "the store itself" else tmp_path / "notes.sqlite3"
    if where != "the store itself":
        target.write_text("my own notes")
    window.backup_action.trigger()
    dialog = window.open_dialog
    dialog.to_file.setChecked(True)
    dialog.path.setText(str(target))
    with qtbot.assertNotEmitted(dialog.backedUp):
        qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    assert dialog.path_error.isVisible() and dialog.isVisible()
    if where != "the store itself":
        assert target.read_text() == "my own notes"
    dialog.reject()
    window.close()


def test_after_a_restore_the_window_says_it_worked_and_what_the_store_holds(
        qtbot, context):
    from rmp_desktop.storage.backup import make_backup

    load_demo(context.store())
    made = make_backup(context.paths.store, context.paths.backups, reason="manual")
    window = open_window(qtbot, context)
    dialog = window.restore_from_backup()
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=10_000)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.restored, timeout=30_000):
        qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    box = window.open_dialog
    assert box.windowTitle() == "Backup restored"
    assert box.text().startswith("Restored the backup made on ")
    assert "The store now holds 13 people and" in box.text()
    assert "What it held before is kept as a backup made on" in box.text()
    assert window.statusBar().currentMessage() == box.text()
    qtbot.waitUntil(lambda: window.model.rowCount() == 13)
    assert made.path.is_file()
    box.accept()
    window.close()
