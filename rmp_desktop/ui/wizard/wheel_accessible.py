"""The exposure wheel as a screen reader meets it: a list of its avenues, each with its status.

The wheel is painted, so Qt alone shows it as one blank object. Here it is a list whose
items are its segments: each named with its avenue and status ("Shadowing: planned"),
placed where it is drawn, selected when chosen, and focused while the wheel has the
keyboard. The wheel tells the bus when the chosen segment moves (focus) and when a
status changes (the item's new name, and an announcement).
"""

from __future__ import annotations

from typing import Protocol

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QObject, QPoint, QPointF, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface, QPainterPath
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from rmp_desktop.domain.conversation import AVENUE_STATUSES
from rmp_desktop.ui.wizard.avenue_model import AvenueModel

# Qt's C++ returns a null pointer where PySide's stubs promise an interface: the overrides
# below that may answer "none" say so, and their return types differ from the stubs'.
NO_INTERFACE = None


class ExposureWheelView(Protocol):
    """What this module reads of the wheel (ui/wizard/exposure_wheel.py), which imports it."""

    model: AvenueModel
    selection: QItemSelectionModel

    def current_row(self) -> int: ...
    def row_at(self, point: QPointF) -> int: ...
    def segment_path(self, row: int) -> QPainterPath: ...
    def hasFocus(self) -> bool: ...  # noqa: N802 - QWidget's
    def isVisible(self) -> bool: ...  # noqa: N802 - QWidget's
    def window(self) -> QWidget: ...
    def mapToGlobal(self, point: QPoint) -> QPoint: ...  # noqa: N802 - QWidget's
    def mapFromGlobal(self, point: QPoint) -> QPoint: ...  # noqa: N802 - QWidget's

Role = QAccessible.Role
Text = QAccessible.Text


class SegmentAccessible(QAccessibleInterface):
    """One segment (one avenue) of the wheel."""

    def __init__(self, owner: WheelAccessible, row: int):
        super().__init__()
        self.owner = owner
        self.row = row

    def wheel(self) -> ExposureWheelView | None:
        return self.owner.wheel()

    def isValid(self) -> bool:  # noqa: N802 - Qt's name
        wheel = self.wheel()
        return wheel is not None and self.row < wheel.model.rowCount()

    def object(self) -> QObject | None:  # type: ignore[override]
        return NO_INTERFACE

    def window(self):
        wheel = self.wheel()
        return wheel.window().windowHandle() if wheel is not None else None

    def parent(self) -> QAccessibleInterface:
        return self.owner

    def child(self, _index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return NO_INTERFACE

    def childCount(self) -> int:  # noqa: N802 - Qt's name
        return 0

    def indexOfChild(self, _child) -> int:  # noqa: N802 - Qt's name
        return -1

    def childAt(self, _x: int, _y: int) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        return NO_INTERFACE

    def text(self, kind: QAccessible.Text) -> str:
        wheel = self.wheel()
        if wheel is None or not self.isValid():
            return ""
        avenue = wheel.model.avenues[self.row]
        if kind == Text.Name:
            return f"{avenue.name}: {AVENUE_STATUSES[wheel.model.status(self.row)]}"
        if kind == Text.Description:
            group = wheel.model.wheel.group(avenue.group)
            return f"{group.name}. {avenue.description}" if group else avenue.description
        return ""

    def setText(self, _kind, _text: str) -> None:  # noqa: N802 - Qt's name
        pass

    def rect(self) -> QRect:
        wheel = self.wheel()
        if wheel is None or not self.isValid():
            return QRect()
        local = wheel.segment_path(self.row).boundingRect().toAlignedRect()
        return QRect(wheel.mapToGlobal(local.topLeft()), local.size())

    def role(self) -> QAccessible.Role:
        return Role.ListItem

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        wheel = self.wheel()
        state.focusable = True
        state.selectable = True
        state.invisible = wheel is None or not wheel.isVisible()
        if wheel is not None and wheel.current_row() == self.row:
            state.selected = True
            state.focused = wheel.hasFocus()
        state.readOnly = wheel is not None and wheel.model.read_only
        return state


class WheelAccessible(QAccessibleWidget):
    """The wheel: a list of its segments."""

    def __init__(self, wheel: QWidget):
        super().__init__(wheel, Role.List, "")
        self._wheel = wheel
        self._segments: dict[int, SegmentAccessible] = {}

    def wheel(self) -> ExposureWheelView | None:
        wheel = self._wheel
        return wheel if shiboken6.isValid(wheel) else None  # type: ignore[return-value]

    def childCount(self) -> int:  # noqa: N802 - Qt's name
        wheel = self.wheel()
        return wheel.model.rowCount() if wheel is not None else 0

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        if not 0 <= index < self.childCount():
            return None
        if index not in self._segments:
            self._segments[index] = SegmentAccessible(self, index)
        return self._segments[index]

    def indexOfChild(self, child) -> int:  # noqa: N802 - Qt's name
        return child.row if isinstance(child, SegmentAccessible) and child.owner is self else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        wheel = self.wheel()
        if wheel is None:
            return None
        row = wheel.row_at(QPointF(wheel.mapFromGlobal(QPoint(x, y))))
        return self.child(row) if row >= 0 else None

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]  # noqa: N802
        wheel = self.wheel()
        if wheel is None or not wheel.hasFocus() or wheel.current_row() < 0:
            return None
        return self.child(wheel.current_row())


def wheel_accessible(key: str, obj: QObject) -> QAccessibleInterface | None:
    """Qt's factory hook: the wheel's own accessible, nothing for any other object."""
    if key == "ExposureWheelView" and isinstance(obj, QWidget):
        return WheelAccessible(obj)
    return NO_INTERFACE


def segment_focused(wheel: QWidget, row: int) -> None:
    """Tell the bus the chosen segment moved (said as focus while the wheel has it)."""
    if not wheel.hasFocus() or row < 0:
        return
    event = QAccessibleEvent(wheel, QAccessible.Event.Focus)
    event.setChild(row)
    QAccessible.updateAccessibility(event)


def segment_renamed(wheel: QWidget, row: int) -> None:
    """A segment's status, hence its name, changed."""
    event = QAccessibleEvent(wheel, QAccessible.Event.NameChanged)
    event.setChild(row)
    QAccessible.updateAccessibility(event)


_installed = False


def install_factory() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(wheel_accessible)
        _installed = True
