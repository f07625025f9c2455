"""Small building blocks the wizard pages and the dialogs use, so each control is made the same way.

Every control gets an accessible name; free text is a QPlainTextEdit that moves
focus on Tab and grows with its content; sizes follow the font, never pixels.
Controls hand Ctrl+Z and Ctrl+Shift+Z to the step's undo stack instead of
keeping a private undo history of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.contrast import error_colour

WARNING_SIGN = "⚠"
TICK = "✓"


class _StepUndoKeys(QObject):
    """Lets the undo and redo shortcuts reach the step's QUndoStack from inside a text field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            return True  # left unaccepted: the window's shortcut runs, not the field's own undo
        return False


_UNDO_KEYS = _StepUndoKeys()


def route_undo_keys(widget: QWidget) -> None:
    widget.installEventFilter(_UNDO_KEYS)
    if isinstance(widget, QComboBox):
        editable = widget.lineEdit()
        if editable is not None:
            editable.installEventFilter(_UNDO_KEYS)
    if isinstance(widget, QAbstractSpinBox):
        line = widget.findChild(QLineEdit)
        if line is not None:
            line.installEventFilter(_UNDO_KEYS)


def scaled_font(widget: QWidget, factor: float, *, bold: bool = True) -> QFont:
    """The widget's own font, larger: text keeps following the system font size."""
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class WrappingLabel(QLabel):
    """A word-wrapped label whose height comes from its width (height-for-width) alone.

    QLabel's own minimum size for wrapped text assumes a narrow width, so a page of
    them adds up to far more height than the text needs and the scroll area shows a
    long empty tail. A one-line minimum lets the layout use the real height instead.
    """

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 8, metrics.height())


def wrapping_label(text: str = "", *, rich: bool = False, selectable: bool = False) -> QLabel:
    label = WrappingLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SteadyLabel(WrappingLabel):
    """Wrapped text that changes with a choice above it (a level's typical roles, say), always
    as tall as the longest of the texts it can show, so choosing never moves the fields under
    it away from the pointer."""

    def __init__(self, texts: Sequence[str], parent: QWidget | None = None):
        super().__init__("", parent)
        self._texts = [t for t in texts if t]

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        margins = self.contentsMargins()
        room = max(1, width - margins.left() - margins.right())
        metrics = self.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        tallest = max((metrics.boundingRect(0, 0, room, 100_000, flags, t).height()
                       for t in [*self._texts, self.text()] if t), default=metrics.height())
        return tallest + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(self.width(), hint.width())))


def steady_note(texts: Sequence[str]) -> QLabel:
    """A quieter note whose height never changes with what it says (see SteadyLabel)."""
    label = SteadyLabel(texts)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


def heading(text: str, size: float = 1.2) -> QLabel:
    label = wrapping_label(text)
    label.setFont(scaled_font(label, size))
    return label


def note(text: str = "") -> QLabel:
    """A quieter explanatory line under a heading or field."""
    label = wrapping_label(text)
    font = label.font()
    font.setItalic(True)
    label.setFont(font)
    return label


class GrowingTextEdit(QPlainTextEdit):
    """Free text that is tall enough for its content (within limits) and passes Tab on."""

    def __init__(self, name: str, *, placeholder: str = "", min_lines: int = 3,
                 max_lines: int = 14, parent: QWidget | None = None):
        super().__init__(parent)
        self._min_lines = min_lines
        self._max_lines = max_lines
        self.setAccessibleName(name)
        if placeholder:
            self.setPlaceholderText(placeholder)
            self.setAccessibleDescription(placeholder)
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Each paragraph runs in its own script's direction (Arabic right to left), not the UI's.
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        self.document().setDefaultTextOption(option)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        route_undo_keys(self)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_args) -> None:
        lines = self.document().documentLayout().documentSize().height()
        lines = max(self._min_lines, min(self._max_lines, int(lines) + 1))
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        height = int(lines * self.fontMetrics().lineSpacing() + frame
                     + 2 * self.document().documentMargin())
        if self.minimumHeight() != height:
            self.setMinimumHeight(height)
            self.setMaximumHeight(height)

    def set_text(self, text: str) -> None:
        if self.toPlainText() != text:
            self.setPlainText(text)
            self.moveCursor(QTextCursor.MoveOperation.End)


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    route_undo_keys(edit)
    return edit


def set_line_text(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)


class Combo(QComboBox):
    """A combo box that scrolling the page over it does not change."""

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def combo(name: str, items: Sequence[tuple[object, str]] | None = None) -> QComboBox:
    box = Combo()
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if items:
        set_combo_items(box, items)
    route_undo_keys(box)
    return box


def set_combo_items(box: QComboBox, items: Sequence[tuple[object, str]]) -> None:
    current = box.currentData()
    blocked = box.blockSignals(True)
    box.clear()
    for key, label in items:
        box.addItem(label, key)
    index = box.findData(current)
    box.setCurrentIndex(index if index >= 0 else 0)
    box.blockSignals(blocked)


def select_data(box: QComboBox, key) -> None:
    index = box.findData(key)
    if index < 0:
        index = 0
    if box.currentIndex() != index:
        box.setCurrentIndex(index)


def check_box(text: str, name: str | None = None) -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(name or text.replace("&", ""))
    return box


def group(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    """A titled box; the returned layout lives on an inner widget so wrapped labels get
    exactly the height their text needs (a group box's own layout over-allocates them)."""
    box = QGroupBox(title.replace("&", "&&"))  # "HR & OD Expert" is a name, not a shortcut
    box.setAccessibleName(title)
    outer = QVBoxLayout(box)
    inner = QWidget()
    outer.addWidget(inner)
    layout = QVBoxLayout(inner)
    layout.setContentsMargins(0, 0, 0, 0)
    return box, layout


def colour_words(label: QLabel, colour: Callable[[QPalette], QColor]) -> None:
    """Give a label's text a colour worked out from its own palette (4.5:1 on it)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour(palette))
    label.setPalette(palette)


class FieldFlag(QLabel):
    """Words under a field saying what does not fit; the value itself is kept as typed.

    Shown with a warning sign and words, and copied into the field's accessible
    description, so colour is never the only signal; said aloud when it appears beside a
    field the keyboard is not in.
    """

    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self._description = field.accessibleDescription()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        colour_words(self, error_colour)
        self.hide()

    def show_problem(self, message: str | None) -> None:
        if not message:
            if not self.isHidden() or self.text():
                self.setText("")
                self.field.setAccessibleDescription(self._description)
                self.hide()
            return
        text = f"{WARNING_SIGN} {message}"
        if self.text() != text:
            self.setText(text)
            self.field.setAccessibleDescription(message)
            if not self.field.hasFocus():  # in the field, its description says it on return
                announce(self.field, message)
        self.setVisible(True)

    def message(self) -> str:
        return self.text().removeprefix(f"{WARNING_SIGN} ") if self.text() else ""


def field_block(label_text: str, field: QWidget, hint: str = "", *,
                context: str = "") -> tuple[QWidget, FieldFlag]:
    """A label, an optional hint, the field and its flag, stacked: wraps at any width or font.

    The label is the field's label on the accessibility bus too (its buddy). `context` says
    what a label repeated on one page belongs to ("Strategic Operator" for "Self rating:"),
    so each field is heard apart: the label is then named "Strategic Operator, self rating",
    its own words still in it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(max(2, box.fontMetrics().height() // 6))
    label = wrapping_label(label_text)
    label.setBuddy(field)
    if context:
        label.setAccessibleName(in_context(context, label_text))
    layout.addWidget(label)
    if hint:
        layout.addWidget(note(hint))
    layout.addWidget(field)
    flag = FieldFlag(field)
    layout.addWidget(flag)
    return box, flag


def in_context(context: str, label_text: str) -> str:
    """ "Strategic Operator" and "Self rating:" make "Strategic Operator, self rating"."""
    words = label_text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    words = words.rstrip(":").strip()
    return f"{context}, {words[:1].lower()}{words[1:]}" if words else context


def clear_layout(layout: QLayout) -> None:
    """Take every item out of `layout`; its widgets leave the screen now and are freed when
    Qt is ready (never at once: one of them may be the sender of the signal being handled)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.deleteLater()


def set_editable(widget: QWidget, editable: bool) -> None:
    """Read-only for text (still selectable and readable); disabled for everything else."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        widget.setReadOnly(not editable)
    elif isinstance(widget, QAbstractButton | QComboBox | QAbstractSpinBox):
        widget.setEnabled(editable)
