"""Amend a signed record: say why, then a new version is made from it and opened.

A signed record never changes; the amendment is a new draft copied from it that
keeps the reason, points at the version it replaces, and is signed again. If
an amendment is already under way the dialog offers to open that one instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.dates import display_date
from rmp_desktop.storage.errors import AmendmentRefused
from rmp_desktop.storage.signoff_repo import SignoffRepository
from rmp_desktop.ui.dialog_fit import FittedDialog
from rmp_desktop.ui.field_message import field_with_message
from rmp_desktop.ui.widgets import scaled_font, wrapping_label

log = logging.getLogger(__name__)

Opener = Callable[[object, int, QWidget | None], object]


class AmendDialog(FittedDialog):
    amendmentStarted = Signal(int)  # the new version's conversation id
    opened = Signal(object)  # the window the amendment was opened in

    def __init__(self, context, conversation_id: int, parent: QWidget | None = None, *,
                 opener: Opener):
        super().__init__(parent, chars=84, min_chars=64)
        self.context = context
        self.conversation_id = conversation_id
        self._opener = opener
        self._existing_id: int | None = None
        store = context.store()
        self.repo = SignoffRepository.of(store)
        meta = store.conversations.get(conversation_id)
        person = self.repo.record_for(conversation_id).person.display_name
        self.setWindowTitle(f"Amend a signed record — {person}")
        self.setAccessibleName("Amend a signed record")

        title = wrapping_label(f"Amend {person}'s {meta.kind.label.lower()} of "
                               f"{display_date(meta.held_on)}")
        title.setFont(scaled_font(title, 1.2))
        v = meta.version
        explain = wrapping_label(
            f"Version {v} was signed by both and never changes. An amendment is version {v + 1}: "
            f"it starts as a copy of version {v}, keeps the reason you give here, and must be "
            f"signed again by both. Version {v} stays readable, and is marked superseded once "
            "the amendment is signed.")
        label = QLabel("&Why is the record being amended? (required)")
        label.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Why is the record being amended? (required)")
        self.reason.setAccessibleDescription("Required. Kept with the new version and shown in "
                                             "the person's history.")
        self.reason.setPlaceholderText("For example: the target date of the second objective "
                                       "was agreed wrongly.")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        label.setBuddy(self.reason)
        reason_box, self.reason_error = field_with_message(self.reason)

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton("&Start amendment",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setAccessibleName("Start amendment")
        self.start_button.setAccessibleDescription("Makes the new version and opens it")
        self.open_existing_button = QPushButton("&Open the amendment under way")
        self.open_existing_button.setAccessibleName("Open the amendment already under way")
        self.buttons.addButton(self.open_existing_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_existing_button.hide()
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel the amendment")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.open_existing_button.clicked.connect(self._open_existing)
        self.reason.textChanged.connect(self.reason_error.clear_error)

        layout = QVBoxLayout(self)
        for widget in (title, explain, label, reason_box):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def start(self) -> int | None:
        """Make the amendment and open it; its id, or None with the reason shown."""
        try:
            meta = self.repo.start_amendment(self.conversation_id, self.reason.toPlainText())
        except AmendmentRefused as refused:
            self._existing_id = refused.existing_id
            self.open_existing_button.setVisible(refused.existing_id is not None)
            self.reason_error.show_error(str(refused))
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            self.refit()
            return None
        except Exception:
            log.exception("starting an amendment of conversation %s failed", self.conversation_id)
            self.reason_error.show_error("The amendment could not be saved: the store could not "
                                         "be written. Try again.")
            return None
        log.info("amendment %s started from conversation %s", meta.id, self.conversation_id)
        self.amendmentStarted.emit(meta.id)
        self._open(meta.id)
        return meta.id

    def _open_existing(self) -> None:
        if self._existing_id is not None:
            self._open(self._existing_id)

    def _open(self, conversation_id: int) -> None:
        window = self._opener(self.context, conversation_id, _lasting_parent(self.parentWidget()))
        self.opened.emit(window)
        self.accept()


def _lasting_parent(widget: QWidget | None) -> QWidget | None:
    """The window to own the new one: never a conversation window, which may close first."""
    window = widget.window() if widget is not None else None
    while window is not None and hasattr(window, "conversation_id"):
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return window
