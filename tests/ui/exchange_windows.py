"""Makings for the exchange tests through the windows: a data folder per side, its main
window, files dropped on it, and the dialogs the windows open (fictional people only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton

from rmp_desktop.context import AppContext
from rmp_desktop.paths import AppPaths
from rmp_desktop.storage import bootstrap
from rmp_desktop.ui.main_window import MainWindow
from rmp_desktop.ui.role import Role, RoleSettings

LEFT = Qt.MouseButton.LeftButton


def data_folder(folder: Path, role: str | None) -> AppContext:
    """A data folder with its store, for someone who answered "who uses it" with `role`."""
    paths = AppPaths(folder).ensure()
    bootstrap.prepare(paths.store, paths.backups)
    if role is not None:
        RoleSettings(paths.settings).set_role(Role(role))
    return AppContext(paths)


def main_window(qtbot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.teamShown, timeout=10000):
        window.show()
    role = RoleSettings(context.paths.settings).role()
    if role is Role.MINE:
        qtbot.waitUntil(lambda: window.my_development is not None
                        and window.pages.currentWidget() is window.my_development)
    return window


def drop_file(window, path: Path) -> None:
    """Drag a file from a file manager and drop it on the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    centre = window.rect().center()
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, LEFT,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window refused the drag"
    drop = QDropEvent(QPointF(QPoint(centre)), Qt.DropAction.CopyAction, mime, LEFT,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)


def type_text(qtbot, widget, text: str) -> None:
    """Each character as a key press (QTest's own typing knows ASCII only)."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)


def focus(qtbot, widget) -> None:
    """Bring the widget's window forward, as a person clicking into it would, and focus it."""
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def set_text(qtbot, edit, text: str) -> None:
    """Focus the field, select what it holds and type over it."""
    focus(qtbot, edit)
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(qtbot, edit, text)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    if isinstance(button, QCheckBox | QRadioButton):  # on its box: a wide one's middle is air
        qtbot.mouseClick(button, LEFT, pos=QPoint(button.height() // 2, button.height() // 2))
    else:
        qtbot.mouseClick(button, LEFT)


def press(qtbot, button) -> None:
    """Tab to a button or radio button and press Space, as from the keyboard alone. (Two quick
    mouse clicks in a row count as a double click to QTest, which a radio button ignores.)"""
    assert button.isVisible() and button.isEnabled(), button.text()
    focus(qtbot, button)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def choose_in_combo(qtbot, combo, text: str) -> None:
    """Pick an entry of a combo box with the keyboard: focus it, arrow down to it."""
    focus(qtbot, combo)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith(text), combo.currentText()


def save_as(qtbot, dialog, path: Path) -> None:
    """Type where a SaveFileDialog writes, then press its save button."""
    set_text(qtbot, dialog.path, str(path))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        click(qtbot, dialog.save_button)
