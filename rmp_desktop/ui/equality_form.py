"""The equality monitoring questions as a form: one choice per question, each optional, each
with "prefer not to say". Used in My development (the person's own answers) and in the
manager's consent dialog (answers the person gave them, never read back).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from rmp_desktop.domain.equality import QUESTIONS
from rmp_desktop.ui.widgets import wrapping_label

NOT_ANSWERED = "Not answered"


class EqualityQuestions(QWidget):
    """The questions; `answers()` gives {question id: answer id} for those answered."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QVBoxLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        widest = self.fontMetrics().averageCharWidth() * 70
        self.boxes: dict[str, QComboBox] = {}
        for question in QUESTIONS:
            box = QComboBox()
            box.setAccessibleName(question.title)
            box.setAccessibleDescription(question.asked)
            box.addItem(NOT_ANSWERED, "")
            heading = ""
            for answer in question.answers:
                if answer.group and answer.group != heading:
                    heading = answer.group
                    box.insertSeparator(box.count())
                text = f"{answer.group}: {answer.label}" if answer.group else answer.label
                box.addItem(text, answer.id)
            if question.help:
                box.setToolTip(question.help)
            box.setMaximumWidth(widest)
            label = wrapping_label(question.asked)
            label.setBuddy(box)
            self.boxes[question.id] = box
            form.addWidget(label)
            form.addWidget(box)
            form.addSpacing(self.fontMetrics().height() // 2)

    def answers(self) -> dict[str, str]:
        return {q: box.currentData() for q, box in self.boxes.items() if box.currentData()}

    def show_answers(self, answers: Mapping[str, str]) -> None:
        for question, box in self.boxes.items():
            box.setCurrentIndex(max(0, box.findData(answers.get(question, ""))))

    def clear(self) -> None:
        self.show_answers({})
