"""Windows that fit the screen they open on.

A size worked out from the font (so text has room at any font size) can be larger
than a 1366x768 laptop, more so at 150% scaling or with large fonts; a size
remembered from a bigger monitor can be too. Every top-level window goes through
here: it gets the size it wants, never more than the screen's free area (less the
panel and taskbar), with its title bar on screen, centred on its parent or screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for a window manager's frame and title bar, which are not known until the
# window is shown; once it is, `keep_on_screen` uses the real ones.
FRAME_ALLOWANCE = QSize(16, 40)


def screen_area(widget: QWidget) -> QRect:
    """The free area of the screen the widget is on (or its parent's, or the main screen)."""
    for candidate in (widget, widget.parentWidget()):
        if candidate is not None and candidate.screen() is not None:
            return candidate.screen().availableGeometry()
    return QGuiApplication.primaryScreen().availableGeometry()


def size_in_font(widget: QWidget, chars: int, lines: int) -> QSize:
    """A size of so many average characters by so many lines of the widget's font."""
    metrics = widget.fontMetrics()
    return QSize(metrics.averageCharWidth() * chars, metrics.lineSpacing() * lines)


def open_fitted(window: QWidget, wanted: QSize) -> None:
    """Size a window that is about to be shown: `wanted`, within the screen, centred."""
    area = screen_area(window)
    room = QSize(area.width() - FRAME_ALLOWANCE.width(), area.height() - FRAME_ALLOWANCE.height())
    size = wanted.boundedTo(room).expandedTo(window.minimumSizeHint().boundedTo(room))
    window.resize(size)
    parent = window.parentWidget()
    centre = (parent.window().frameGeometry().center() if parent is not None and parent.isVisible()
              else area.center())
    frame = QRect(0, 0, size.width() + FRAME_ALLOWANCE.width(),
                  size.height() + FRAME_ALLOWANCE.height())
    frame.moveCenter(centre)
    window.move(_inside(frame, area).topLeft())


def keep_on_screen(window: QWidget) -> None:
    """After showing or restoring: shrink and move the window, frame and all, into the free area."""
    area = screen_area(window)
    frame = window.frameGeometry()
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    room = QSize(area.width() - extra.width(), area.height() - extra.height())
    if window.width() > room.width() or window.height() > room.height():
        window.resize(window.size().boundedTo(room))
        frame = window.frameGeometry()
    if not area.contains(frame):
        window.move(_inside(frame, area).topLeft())


def fits_screen(window: QWidget) -> bool:
    return screen_area(window).contains(window.frameGeometry())


def _inside(frame: QRect, area: QRect) -> QRect:
    """`frame` moved (not resized) as little as possible to lie inside `area`, top-left first."""
    moved = QRect(frame)
    if moved.right() > area.right():
        moved.moveRight(area.right())
    if moved.bottom() > area.bottom():
        moved.moveBottom(area.bottom())
    if moved.left() < area.left():
        moved.moveLeft(area.left())
    if moved.top() < area.top():
        moved.moveTop(area.top())
    return moved
