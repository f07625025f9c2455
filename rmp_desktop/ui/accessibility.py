"""What a screen reader says, and finding controls it could not name.

`announce` has a screen reader say an outcome that appears where the keyboard focus is
not (a verdict, an error beside another field, a status-bar message): Qt sends it as
AT-SPI's object:announcement on Linux, a UI Automation notification on Windows and an
announcement request on macOS. Labels speak their own text; anything more a control
needs said goes in its accessible description, never in place of its words.

Every control a person can reach or operate must carry an accessible name. The
parts Qt builds inside a compound control (the text field inside a date edit,
the list inside a combo box, a table's scroll bars and headers) are named and
announced by Qt through their owner, so they are not counted separately.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
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
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
               QLineEdit, QMenu, QMenuBar, QPlainTextEdit, QTabBar, QTextEdit)
# Controls whose inner widgets (a corner button, an overflow menu) Qt presents as
# parts of the control itself.
_COMPOUND = (QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QMenuBar)


class _Announcements(QObject):
    """Each announcement as a signal too, so the window's own tests can wait for it."""

    said = Signal(str)


announcements = _Announcements()


def announce(widget: QWidget, message: str, *, assertive: bool = False) -> None:
    """Have a screen reader say `message` now, from `widget` (which must be on screen or in a
    window that is). Assertive interrupts what is being said: for errors and refusals."""
    message = " ".join(message.split())
    if not message:
        return
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    announcements.said.emit(message)


def announce_status_messages(status_bar: QStatusBar) -> None:
    """Say every message the status bar shows (a sighted user sees it appear at the foot of
    the window; a listener would otherwise never know)."""
    status_bar.messageChanged.connect(lambda text: announce(status_bar, text))


def spoken_name(widget: QWidget) -> str:
    """The name Qt gives a widget on the accessibility bus: its accessible name, else what it
    shows (a button's words, a field's buddy label). A combo box is named by its value on
    Linux, so only its own accessible name counts here."""
    if widget.accessibleName().strip() or isinstance(widget, QComboBox):
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


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
        if not spoken_name(widget).strip():
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
