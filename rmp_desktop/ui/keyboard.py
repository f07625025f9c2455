"""Keyboard habits every window shares: Tab in reading order, one stop per control.

- `tab_in_reading_order(root)`: Tab goes through `root`'s controls as a page is read, top
  to bottom and left to right, following its layouts (Qt's own order is the order the
  widgets were made in, so a button added later, or a form built before the buttons above
  it, is reached out of place).
- `one_stop_radio_group(group)`: Tab enters a group of radio buttons once, on the chosen
  one (or the first, if none is chosen); the arrow keys move between them.
- `one_tab_stop(widget)`: Tab leaves a control that would otherwise keep it (a date edit
  moves between day, month and year on Tab, three silent stops).
"""

from __future__ import annotations

from itertools import pairwise
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

# Controls whose inner widgets are parts of themselves, never Tab stops of their own.
_WHOLE = (QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractButton)


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value) \
        and widget.focusProxy() is None


def takes_focus(widget: QWidget) -> bool:
    """Any control that can have focus: one that is not a Tab stop now (a radio button not
    chosen) may be one later, so it keeps its place in the chain too."""
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.focusProxy() is None


def reading_order(root: QWidget) -> list[QWidget]:
    """The controls under `root` that can take focus, in the order the page reads."""
    found: dict[QWidget, None] = {}  # ordered, and quick to ask "already there?"
    _visit_children(root, found)
    return list(found)


def tab_in_reading_order(root: QWidget, *, after: QWidget | None = None) -> list[QWidget]:
    """Make Tab follow the reading order under `root` (just after `after`, if given, else
    where the first control already is). Returns the order."""
    chain = reading_order(root)
    for first, second in pairwise([after, *chain] if after is not None else chain):
        QWidget.setTabOrder(first, second)
    return chain


def _visit(widget: QWidget, found: dict[QWidget, None]) -> None:
    if widget.isWindow():
        return
    if takes_focus(widget) and widget not in found:
        found[widget] = None
    if isinstance(widget, _WHOLE) or (isinstance(widget, QAbstractScrollArea)
                                      and not isinstance(widget, QScrollArea)):
        return
    if isinstance(widget, QScrollArea):
        parts = [widget.widget()]
    elif isinstance(widget, QTabWidget):
        parts = [widget.tabBar(), *(widget.widget(i) for i in range(widget.count()))]
    elif isinstance(widget, QStackedWidget):
        parts = [widget.widget(i) for i in range(widget.count())]
    else:
        _visit_children(widget, found)
        return
    for part in parts:
        if part is not None:
            _visit(part, found)


def _visit_children(widget: QWidget, found: dict[QWidget, None]) -> None:
    layout = widget.layout()
    placed: set[QWidget] = set()
    if layout is not None:
        _visit_layout(layout, found, placed)
    # Anything not placed by the layout (rare: an overlay) comes after what it holds.
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child not in placed:
            _visit(child, found)


def _visit_layout(layout: QLayout, found: dict[QWidget, None], placed: set[QWidget]) -> None:
    for item in _items_in_reading_order(layout):
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            placed.add(widget)
            _visit(widget, found)
        elif inner is not None:
            _visit_layout(inner, found, placed)


def _items_in_reading_order(layout: QLayout) -> list[QLayoutItem]:
    items = [item for i in range(layout.count()) if (item := layout.itemAt(i)) is not None]
    if isinstance(layout, QGridLayout):
        def place(item: QLayoutItem) -> tuple[int, int]:
            position = cast(tuple[int, int, int, int],
                            layout.getItemPosition(layout.indexOf(item)))
            return position[0], position[1]

        return sorted(items, key=place)
    if isinstance(layout, QFormLayout):
        ordered = []
        for row in range(layout.rowCount()):
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                         QFormLayout.ItemRole.SpanningRole):
                item = layout.itemAt(row, role)
                if item is not None:
                    ordered.append(item)
        return ordered
    return items


class _RovingRadios(QObject):
    def __init__(self, group: QButtonGroup):
        super().__init__(group)
        self.group = group
        group.buttonToggled.connect(lambda *_args: self.update())
        self.update()

    def update(self) -> None:
        """Only the chosen button (or the first that can be used) is a Tab stop."""
        buttons = self.group.buttons()
        stop = self.group.checkedButton() or next(
            (b for b in buttons if b.isEnabled() and not b.isHidden()), None)
        for button in buttons:
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is stop
                                  else Qt.FocusPolicy.ClickFocus)


def one_stop_radio_group(group: QButtonGroup) -> None:
    """Tab reaches the group once, on its chosen button; arrows move within it (Qt's own).
    Call again after adding buttons to the group."""
    roving = group.findChild(_RovingRadios)
    if roving is None:
        _RovingRadios(group)
    else:
        roving.update()


class _LeaveOnTab(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                and modifiers == Qt.KeyboardModifier.NoModifier:
            backwards = event.key() == Qt.Key.Key_Backtab \
                or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            _move_focus(watched, forwards=not backwards)
            return True
        return False


_LEAVE_ON_TAB = _LeaveOnTab()


def one_tab_stop(widget: QWidget) -> None:
    """Tab and Shift+Tab leave `widget` at once, as they leave any other control."""
    widget.installEventFilter(_LEAVE_ON_TAB)


def _move_focus(widget: QWidget, *, forwards: bool) -> None:
    """Give focus to the next (or previous) control in the window's Tab chain."""
    step = QWidget.nextInFocusChain if forwards else QWidget.previousInFocusChain
    candidate = step(widget)
    while candidate is not None and candidate is not widget:
        if takes_tab(candidate) and candidate.isVisible() and candidate.isEnabled() \
                and not widget.isAncestorOf(candidate) and candidate.window() is widget.window():
            candidate.setFocus(Qt.FocusReason.TabFocusReason if forwards
                               else Qt.FocusReason.BacktabFocusReason)
            return
        candidate = step(candidate)
