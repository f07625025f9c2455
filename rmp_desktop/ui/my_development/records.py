"""My signed records: the copies my manager gave me, each checked and said genuine or not.

The list is the person page's conversation history (Enter opens a record in the wizard,
read-only like any signed record). For the record chosen, its content is hashed again and
compared with the fingerprint it was signed with, and the answer is said in words.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from rmp_desktop.domain.record import short_fingerprint
from rmp_desktop.ui.conversation_history import ConversationHistory
from rmp_desktop.ui.widgets import heading, note, wrapping_label


def genuine_words(check) -> str:
    """A stored record's check (storage.signoff_repo.StoredCheck) in words."""
    if not check.fixed:
        return "✎ A draft: not signed, so there is nothing to prove yet."
    if check.ok:
        return (f"✓ Genuine: this record's content gives the fingerprint it was signed with, "
                f"{short_fingerprint(check.stored_fingerprint or '')}. It is locked and cannot "
                "be changed here.")
    return ("✗ Not genuine: " + "; ".join(check.problems)
            + ". Ask your manager for a new copy of the record.")


class MyRecords(QWidget):
    importRequested = Signal()
    verifyRequested = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("My records")
        self.history = ConversationHistory(context)
        self.history.table.setAccessibleName("My signed records")
        self.empty = wrapping_label(
            "No signed records here yet. When your manager gives you a copy of your signed "
            "record (a file and its PDF), import it with Import a record copy.")
        self.verdict = wrapping_label(selectable=True)
        self.verdict.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict.setMargin(self.fontMetrics().height() // 2)
        self.verdict.setAccessibleDescription("Whether the chosen record is genuine")
        self.import_button = QPushButton("&Import a record copy…")
        self.import_button.setAccessibleName("Import a record copy")
        self.verify_button = QPushButton("&Verify a PDF…")
        self.verify_button.setAccessibleName("Verify a PDF")
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("My signed records", 1.3))
        layout.addWidget(note("Copies of the records you and your manager signed. Each is "
                              "checked against the fingerprint it was signed with, so you can "
                              "show what was agreed without your manager's computer."))
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.verdict)
        self.history.emptyChanged.connect(self._empty)
        self.history.table.selectionModel().currentRowChanged.connect(lambda *_: self._check())
        self.import_button.clicked.connect(self.importRequested)
        self.verify_button.clicked.connect(self.verifyRequested)

    def show_person(self, person_id: int) -> None:
        self.history.show_person(person_id)
        self._check()

    def _empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.history.setVisible(not empty)
        self.verdict.setVisible(not empty)

    def _check(self) -> None:
        from rmp_desktop.storage.signoff_repo import SignoffRepository

        chosen = self.history.current_id()
        if chosen is None:
            self.verdict.setText("")
            return
        check = SignoffRepository.of(self.context.store()).verify_stored(chosen)
        self.verdict.setText(genuine_words(check))
        self.verdict.setAccessibleDescription("Whether the chosen record is genuine")
