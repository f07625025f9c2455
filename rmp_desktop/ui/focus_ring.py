"""Where the keyboard is, always visible: a ring round the focused control, kept in view.

Styles draw focus their own way, some faintly (Fusion's frame is 2.25:1), and custom
controls not at all. One ring, drawn the same for every control in every window, 2 px
wide in the focus colour (3:1 against every background, from ui/contrast.py), leaves no
doubt. It is a thin masked widget beside the control, so it never covers what the
control shows or takes a click. When focus lands in a scrolling page, the page scrolls
so the control can be seen.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QRegion
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QScrollArea, QSplitter, QWidget

from rmp_desktop.ui.contrast import focus_colour

RING = 2  # px of colour
GAP = 1  # px between the ring and the control


class FocusRing(QWidget):
    """The ring itself: placed in the focused control's parent, just outside the control."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.target: QWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("focus_ring")

    def follow(self, target: QWidget) -> None:
        self.target = target
        self.place()

    def place(self) -> None:
        target = self.target
        host = self.parentWidget()
        if target is None or not shiboken6.isValid(target) or not target.isVisible() \
                or host is None:
            self.hide()
            return
        margin = RING + GAP
        inside = QRect(target.mapTo(host, QPoint(0, 0)), target.size())
        outer = inside.adjusted(-margin, -margin, margin, margin)
        self.setGeometry(outer)
        local = QRect(0, 0, outer.width(), outer.height())
        self.setMask(QRegion(local).subtracted(QRegion(local.adjusted(RING, RING, -RING,
                                                                       -RING))))
        self.raise_()
        self.show()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), focus_colour(self.palette()))
        painter.end()


class FocusTracker(QObject):
    """Moves the one ring to whatever has focus, and scrolls it into view."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.ring: FocusRing | None = None
        self._watched: list[QWidget] = []  # the control and its ancestors below the ring's
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._unwatch()
        host = ring_host(new) if new is not None and wants_ring(new) else None
        if new is None or host is None:
            if self.ring is not None and shiboken6.isValid(self.ring):
                self.ring.hide()
            return
        if self.ring is None or not shiboken6.isValid(self.ring):
            self.ring = FocusRing(host)
        elif self.ring.parentWidget() is not host:
            self.ring.setParent(host)
        self.ring.follow(new)
        # The control moves on the ring's host when it or any widget between them moves.
        widget: QWidget | None = new
        while widget is not None and widget is not host:
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        keep_in_view(new)

    def _unwatch(self) -> None:
        for widget in self._watched:
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)
        self._watched = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide, QEvent.Type.ZOrderChange) \
                and self.ring is not None and shiboken6.isValid(self.ring) \
                and watched in self._watched:
            self.ring.place()
        return False


def ring_host(widget: QWidget) -> QWidget | None:
    """Where the ring is placed: the nearest widget round the control with room for the
    ring on every side, so no edge of it is cut off. Never a splitter (which would take any
    new child for a pane of its own), and never out of a scrolling page (the ring scrolls
    with the control)."""
    margin = RING + GAP
    host = widget.parentWidget()
    while host is not None:
        if not isinstance(host, QSplitter):
            around = QRect(widget.mapTo(host, QPoint(0, 0)), widget.size()).adjusted(
                -margin, -margin, margin, margin)
            if host.rect().contains(around) or host.isWindow() or is_scrolling_page(host):
                return host
        host = host.parentWidget()
    return None


def is_scrolling_page(widget: QWidget) -> bool:
    """The page a scroll area scrolls (its viewport's child)."""
    viewport = widget.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    return isinstance(area, QScrollArea) and area.widget() is widget


def wants_ring(widget: QWidget) -> bool:
    """Every control inside a window, except menus (they highlight their own item)."""
    if widget.isWindow() or widget.parentWidget() is None:
        return False
    if isinstance(widget, QMenu | QMenuBar):
        return False
    return widget.window().windowType() != Qt.WindowType.Popup


def keep_in_view(widget: QWidget) -> None:
    """Scroll every scrolling page that holds `widget` until it shows (a field reached with
    Tab from outside the page would otherwise stay below the fold)."""
    margin = widget.fontMetrics().height()
    ancestor = widget.parentWidget()
    while ancestor is not None:
        page = ancestor.widget() if isinstance(ancestor, QScrollArea) else None
        if isinstance(ancestor, QScrollArea) and page is not None and page.isAncestorOf(widget):
            ancestor.ensureWidgetVisible(widget, margin, margin)
        ancestor = ancestor.parentWidget()


_installed: list[FocusTracker] = []  # the tracker made for the running application


def install(app: QApplication) -> FocusTracker:
    """The ring for every window of `app` (once; later calls give the same tracker).
    Remembered here rather than looked up with `app.findChild(FocusTracker)`, which costs
    PySide 15 ms of start-up the first time it is asked about a Python class."""
    for tracker in _installed:
        if shiboken6.isValid(tracker) and tracker.parent() is app:
            return tracker
    _installed[:] = [FocusTracker(app)]
    return _installed[0]
