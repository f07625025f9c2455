"""A message shown under a form field that says what is wrong with it.

The field is marked three ways, so colour is never the only signal: a warning
sign and words in the label, a border on the field, and the message in the
field's accessible description for screen readers.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

WARNING_SIGN = "⚠"
# A dark red that keeps 4.5:1 contrast against the light window colours of
# Windows, macOS and Fusion; the sign and the words carry the meaning anyway.
_ERROR_COLOUR = "#a4262c"


class FieldMessage(QLabel):
    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self._description = field.accessibleDescription()
        self.setWordWrap(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, _ERROR_COLOUR)
        self.setPalette(palette)
        self.hide()

    def show_error(self, message: str | None) -> None:
        if not message:
            self.clear_error()
            return
        self.setText(f"{WARNING_SIGN} {message}")
        self.field.setAccessibleDescription(message)
        class_name = self.field.metaObject().className()
        self.field.setStyleSheet(f"{class_name} {{ border: 2px solid {_ERROR_COLOUR}; }}")
        self.show()

    def clear_error(self) -> None:
        self.setText("")
        self.field.setAccessibleDescription(self._description)
        self.field.setStyleSheet("")
        self.hide()

    def has_error(self) -> bool:
        return not self.isHidden()


def field_with_message(field: QWidget, marked: QWidget | None = None
                       ) -> tuple[QWidget, FieldMessage]:
    """The field with its (hidden) message under it, as one widget for a form row.

    `marked` is the control that carries the error when `field` is a row of several
    (a date with its "known" tick box, say); by default the field itself.
    """
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field)
    message = FieldMessage(marked or field)
    layout.addWidget(message)
    return box, message
