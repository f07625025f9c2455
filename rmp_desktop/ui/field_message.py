"""A message shown under a form field that says what is wrong with it.

The field is marked three ways, so colour is never the only signal: a warning
sign and words in the label, a border on the field, and the message in the
field's accessible description for screen readers, who also hear it said as it
appears (the keyboard is usually on the button that found the problem).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.contrast import error_colour
from rmp_desktop.ui.widgets import colour_words

WARNING_SIGN = "⚠"


class FieldMessage(QLabel):
    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self._description = field.accessibleDescription()
        self.setWordWrap(True)
        colour_words(self, error_colour)
        self.hide()

    def show_error(self, message: str | None) -> None:
        if not message:
            self.clear_error()
            return
        self.setText(f"{WARNING_SIGN} {message}")
        self.field.setAccessibleDescription(message)
        announce(self.field, message, assertive=True)
        class_name = self.field.metaObject().className()
        colour = error_colour(self.field.palette()).name()
        self.field.setStyleSheet(f"{class_name} {{ border: 2px solid {colour}; }}")
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
