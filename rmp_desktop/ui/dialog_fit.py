"""Keep a dialog as tall as its wrapped text needs, at the width it has.

Qt does not grow a top-level window when a word-wrapped label gains lines or
a hidden part appears, so text would be clipped; nor shrink it when parts
hide, leaving an empty gap. `fit_height` asks the layout for the height it
needs at the current width (height-for-width) and resizes to that.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QWidget

from rmp_desktop.ui.window_fit import FRAME_ALLOWANCE, keep_on_screen, screen_area


def fit_height(widget: QWidget) -> None:
    layout = widget.layout()
    if layout is None:
        return
    layout.activate()
    area = screen_area(widget)
    width = min(max(widget.width(), widget.minimumSizeHint().width()),
                area.width() - FRAME_ALLOWANCE.width())
    if layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(width)
    else:
        height = layout.totalSizeHint().height()
    height = max(height, layout.totalMinimumSize().height())
    height = min(height, int(area.height() * 0.9))
    if height != widget.height() or width != widget.width():
        widget.resize(width, height)
    if widget.isVisible():
        keep_on_screen(widget)


def fit_height_soon(widget: QWidget) -> None:
    """After the current events, when the layout has taken in what just changed."""
    QTimer.singleShot(0, widget, lambda: fit_height(widget))


class FittedDialog(QDialog):
    """A dialog that starts `chars` wide and keeps its height fitted to its contents."""

    def __init__(self, parent: QWidget | None = None, *, chars: int = 96, min_chars: int = 70):
        super().__init__(parent)
        char = self.fontMetrics().averageCharWidth()
        room = screen_area(self).width() - FRAME_ALLOWANCE.width()
        self.setMinimumWidth(min(char * min_chars, room))
        self.resize(min(char * chars, room), self.height())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        fit_height(self)

    def refit(self) -> None:
        fit_height_soon(self)
