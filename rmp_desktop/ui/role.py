"""Who uses this application: someone preparing for their own conversations, someone holding
conversations with a team, or both (a manager who also has a manager).

Asked on first run, changeable from the menu at any time, remembered in the data folder's
settings file. It only decides what the window shows; every store can hold both sides.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.keyboard import one_stop_radio_group
from rmp_desktop.ui.role_settings import Role, RoleSettings
from rmp_desktop.ui.widgets import heading, note, wrapping_label

__all__ = ["Role", "RoleDialog", "RoleSettings"]


class RoleDialog(FittedDialog):
    """The question. Nothing is chosen for the person; Continue waits for an answer."""

    chosen = Signal(str)  # Role value

    def __init__(self, current: Role | None, parent: QWidget | None = None):
        super().__init__(parent, chars=80, min_chars=60)
        self.setWindowTitle("Who uses this application?")
        self.setAccessibleName("Who uses this application?")
        self.radios: dict[Role, QRadioButton] = {}
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Who uses this application?", 1.2))
        layout.addWidget(wrapping_label(
            "It serves both sides of a conversation. Say which you are, and it shows what you "
            "need. You can change this at any time from the Go menu."))
        for role in Role:
            radio = QRadioButton(role.label)
            radio.setAccessibleDescription(role.description)
            group.addButton(radio)
            self.radios[role] = radio
            hint = note(role.description)
            # A margin, not QLabel's indent: an indented wrapped label asks for too much height.
            indent = radio.style().pixelMetric(
                radio.style().PixelMetric.PM_ExclusiveIndicatorWidth) * 2
            hint.setContentsMargins(indent, 0, 0, 0)
            choice = QVBoxLayout()
            choice.setSpacing(0)
            choice.addWidget(radio)
            choice.addWidget(hint)
            layout.addLayout(choice)
        if current is not None:
            self.radios[current].setChecked(True)
        one_stop_radio_group(group)
        self.buttons = QDialogButtonBox()
        self.continue_button = self.buttons.addButton("C&ontinue",
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setAccessibleName("Continue")
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._continue)
        group.buttonToggled.connect(lambda *_: self._update())
        self._update()
        (self.radios[current] if current else self.radios[Role.MINE]).setFocus()

    def role(self) -> Role | None:
        return next((r for r, radio in self.radios.items() if radio.isChecked()), None)

    def _update(self) -> None:
        self.continue_button.setEnabled(self.role() is not None)

    def _continue(self) -> None:
        role = self.role()
        if role is not None:
            self.chosen.emit(role.value)
            self.accept()
