"""Equality monitoring in My development: the person's own answers, kept apart from their
records, and their choice whether their preparation carries them to their manager."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rmp_desktop.domain.equality import SOURCE_SELF, WHY_ASKED, EqualityAnswers
from rmp_desktop.ui.accessibility import announce
from rmp_desktop.ui.equality_form import EqualityQuestions
from rmp_desktop.ui.widgets import heading, note, wrapping_label


class MyEquality(QWidget):
    saved = Signal()

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.my_uid = ""
        self.setAccessibleName("Equality monitoring")
        self.title = heading("Equality monitoring", 1.3)
        self.intro = wrapping_label(WHY_ASKED)
        self.questions = EqualityQuestions()
        self.share = QCheckBox("Send my answers with my prepa&ration, for my organisation's "
                               "reports")
        self.share.setAccessibleName("Send my answers with my preparation, for my "
                                     "organisation's reports")
        self.share.setAccessibleDescription(
            "Your manager's store keeps them apart from your records and only counts them. "
            "To withdraw answers sent before, set them to Not answered and send again.")
        self.save_button = QPushButton("Sa&ve my answers")
        self.save_button.setAccessibleName("Save my answers")
        self.status = wrapping_label()  # speaks its own words, and is announced when set
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.questions)
        layout.addWidget(self.share)
        layout.addWidget(note("Nothing here is in your records, your preparation's answers or "
                              "any PDF. Unless you tick the box above, your answers stay on "
                              "this computer."))
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setAccessibleName("Equality monitoring questions")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.save_button.clicked.connect(self.save)

    def _repository(self):
        from rmp_desktop.storage.equality_repo import EqualityRepository

        return EqualityRepository(self.context.store().sessions)

    def show_mine(self, my_uid: str) -> None:
        self.my_uid = my_uid
        mine = self._repository().mine(my_uid) if my_uid else None
        self.questions.show_answers(mine[0].answers if mine else {})
        self.share.setChecked(bool(mine and mine[1]))
        self.status.setText("")

    def save(self) -> bool:
        if not self.my_uid:
            return False
        answers = EqualityAnswers(self.questions.answers(), SOURCE_SELF)
        self._repository().save_mine(self.my_uid, answers, share=self.share.isChecked())
        self.status.setText("Saved." + (" Your next preparation carries them."
                                         if self.share.isChecked() else
                                         " They stay on this computer."))
        announce(self.status, self.status.text())
        self.saved.emit()
        return True
