"""The coaching prompts beside each step: the pack's open questions and its note on good practice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from rmp_desktop.domain.packs import ConversationPrompts
from rmp_desktop.ui.widgets import heading, wrapping_label


class PromptsPanel(QScrollArea):
    def __init__(self, prompts: ConversationPrompts, parent: QWidget | None = None):
        super().__init__(parent)
        self._prompts = prompts
        self.setAccessibleName("Prompts for this step")
        self.setAccessibleDescription("Questions to ask and good practice; the arrow keys "
                                      "scroll them")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.questions_heading = heading("Questions to ask", 1.05)
        self.questions = wrapping_label(rich=True, selectable=True)
        self.practice_heading = heading("Good practice", 1.05)
        self.practice = wrapping_label(selectable=True)
        for widget in (self.questions_heading, self.questions, self.practice_heading,
                       self.practice):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setWidget(inner)

    def show_step(self, step: str) -> None:
        prompt = self._prompts.steps.get(step)
        questions = prompt.questions if prompt else ()
        items = "".join(f"<li>{_escape(q)}</li>" for q in questions)
        self.questions.setText(f"<ul style='margin-left: 0; -qt-list-indent: 1'>{items}</ul>")
        self.practice.setText(prompt.good_practice if prompt else "")
        self.practice_heading.setVisible(bool(prompt and prompt.good_practice))


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)
