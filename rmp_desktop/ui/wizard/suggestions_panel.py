"""Suggested actions, each with Accept, Edit and Ignore, built from suggestions.suggest_actions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from rmp_desktop.domain.suggestions import Suggestion
from rmp_desktop.ui.widgets import note, wrapping_label

FIRST_SHOWN = 3  # the best few (ranked by domain.suggestions); the rest are one key press away


class SuggestionRow(QFrame):
    def __init__(self, suggestion: Suggestion, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.suggestion = suggestion
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Suggestion {number}")
        layout = QVBoxLayout(self)
        self.text = wrapping_label(f"{number}. {suggestion.text}", selectable=True)
        self.reason = note(f"Why: {suggestion.reason}")
        layout.addWidget(self.text)
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        short = suggestion.text if len(suggestion.text) < 70 else suggestion.text[:67] + "…"
        self.accept = QPushButton("Accept")
        self.edit = QPushButton("Accept and edit")
        self.ignore = QPushButton("Ignore")
        for button, verb in ((self.accept, "Accept"), (self.edit, "Accept and edit"),
                             (self.ignore, "Ignore")):
            button.setAccessibleName(f"{verb} suggestion {number}")
            button.setAccessibleDescription(short)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)


class SuggestionsPanel(QWidget):
    accepted = Signal(object)  # Suggestion
    editRequested = Signal(object)
    ignored = Signal(object)
    restoreRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Suggested actions")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.empty = note()
        self._layout.addWidget(self.empty)
        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.rows_box)
        self.more = QPushButton()
        self.more.setCheckable(True)
        self.more.toggled.connect(self._show_rows)
        self._layout.addWidget(self.more)
        self.restore = QPushButton()
        self.restore.clicked.connect(self.restoreRequested)
        self._layout.addWidget(self.restore)
        self.rows: list[SuggestionRow] = []
        self._keys: list[str] = []
        self._editable = True

    def set_suggestions(self, suggestions: list[Suggestion], dismissed: int, editable: bool) -> None:
        keys = [s.key + "\x00" + s.text for s in suggestions]
        if keys != self._keys or editable != self._editable:
            self._keys = keys
            self._editable = editable
            for row in self.rows:
                row.hide()
                row.deleteLater()
            self.rows = []
            for number, suggestion in enumerate(suggestions, start=1):
                row = SuggestionRow(suggestion, number)
                row.accept.clicked.connect(lambda _c=False, s=suggestion: self.accepted.emit(s))
                row.edit.clicked.connect(lambda _c=False, s=suggestion: self.editRequested.emit(s))
                row.ignore.clicked.connect(lambda _c=False, s=suggestion: self.ignored.emit(s))
                for button in (row.accept, row.edit, row.ignore):
                    button.setEnabled(editable)
                self.rows_layout.addWidget(row)
                self.rows.append(row)
        self.more.setVisible(len(suggestions) > FIRST_SHOWN)
        self._show_rows()
        self.empty.setVisible(not suggestions)
        self.empty.setText("No suggestions at the moment: gaps found in Competencies, Career "
                           "transition and the Exposure wheel show here as they are recorded, "
                           "until each has an action in the plan.")
        self.restore.setVisible(dismissed > 0)
        self.restore.setEnabled(editable)
        words = f"Bring back {dismissed} ignored suggestion{'s' if dismissed != 1 else ''}"
        self.restore.setText(words)
        self.restore.setAccessibleName(words)

    def _show_rows(self, *_args) -> None:
        show_all = self.more.isChecked()
        for number, row in enumerate(self.rows):
            row.setVisible(show_all or number < FIRST_SHOWN)
        hidden = max(0, len(self.rows) - FIRST_SHOWN)
        words = ("Show fewer suggestions" if show_all
                 else f"Show {hidden} more suggestion{'s' if hidden != 1 else ''}")
        self.more.setText(words)
        self.more.setAccessibleName(words)
