"""Finding controls a screen reader could not name.

Every control a person can reach or operate must carry an accessible name. The
parts Qt builds inside a compound control (the text field inside a date edit,
the list inside a combo box, a table's scroll bars and headers) are named and
announced by Qt through their owner, so they are not counted separately.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
               QLineEdit, QMenu, QMenuBar, QPlainTextEdit, QTabBar, QTextEdit)
# Controls whose inner widgets (a corner button, an overflow menu) Qt presents as
# parts of the control itself.
_COMPOUND = (QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QMenuBar)


def is_control(widget: QWidget) -> bool:
    """Something a person can operate, or move the keyboard focus to."""
    takes_focus = bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)
    return isinstance(widget, INTERACTIVE) or takes_focus


def is_inner_part(widget: QWidget, root: QWidget) -> bool:
    if isinstance(widget, QScrollBar | QHeaderView):
        return _has_ancestor(widget, QAbstractScrollArea, root)
    return _has_ancestor(widget, _COMPOUND, root)


def unnamed_controls(root: QWidget) -> Iterator[QWidget]:
    """Every control under `root` (and `root` itself) without an accessible name."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not is_control(widget) or is_inner_part(widget, root):
            continue
        if not widget.accessibleName().strip():
            yield widget


def mnemonic(text: str) -> str | None:
    """The Alt+letter a label or button offers ('&Save' -> 's'), or None."""
    at = text.replace("&&", "").find("&")
    plain = text.replace("&&", "")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def clashing_mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt+letters offered by more than one visible label, button or menu title under `root`.

    Two controls on one Alt+letter make the key cycle between them instead of acting.
    """
    offered: dict[str, list[str]] = {}
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy()):
            texts.append(widget.text())
        elif isinstance(widget, QMenuBar):
            texts += [action.text() for action in widget.actions() if action.isVisible()]
    for text in texts:
        key = mnemonic(text)
        if key:
            offered.setdefault(key, []).append(text)
    return {key: found for key, found in offered.items() if len(found) > 1}


def describe(widget: QWidget) -> str:
    """How a test failure names a widget: class, object name and visible text if any."""
    text = getattr(widget, "text", None)
    label = text() if callable(text) else ""
    return f"{type(widget).__name__}({widget.objectName()!r}, {label!r})"


def _has_ancestor(widget: QWidget, kinds, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        if parent is root:
            return False
        parent = parent.parentWidget()
    return False
