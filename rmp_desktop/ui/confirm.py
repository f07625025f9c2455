"""A question before anything a user might regret, answered without a nested event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_confirm(parent: QWidget, title: str, text: str, confirm_label: str,
                   on_confirm: Callable[[], object], *, details: str = "") -> QMessageBox:
    """Open a window-modal question; `on_confirm` runs only if the user chooses `confirm_label`.

    Cancel is the default button, so Enter or Escape pressed by habit changes nothing.
    The box is returned (already open) so callers and tests can answer it.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    box.setAccessibleName(title)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if details:
        box.setInformativeText(details)
    confirm = box.addButton(confirm_label, QMessageBox.ButtonRole.AcceptRole)
    confirm.setAccessibleName(confirm_label.replace("&", ""))
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setAccessibleName("Cancel")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)

    def finished(_result: int) -> None:
        if box.clickedButton() is confirm:
            on_confirm()

    box.finished.connect(finished)
    box.open()
    return box
