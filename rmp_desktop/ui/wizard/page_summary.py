"""Step 10, summary: everything agreed on one screen, the person's comments, what is still missing.

Sign-off itself is another module's job: this page offers `signRequested`
(with the conversation id) and shows its button once something listens
(`set_sign_available(True)`).
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QTextBrowser

from rmp_desktop.domain.completeness import empty_steps, worth_checking
from rmp_desktop.domain.conversation import STEP_TITLES, set_section, step_section
from rmp_desktop.domain.signoff import missing_for_signoff
from rmp_desktop.ui.widgets import GrowingTextEdit, field_block, group, wrapping_label
from rmp_desktop.ui.wizard.page_base import StepPage
from rmp_desktop.ui.wizard.summary_html import render


class SummaryPage(StepPage):
    step_id = "summary"
    signRequested = Signal(int)  # conversation id; connected by the sign-off dialog's owner

    def build(self) -> None:
        # Whether it can be signed, and the way there, come first: above the fold on a laptop.
        self.missing_box, missing_layout = group("Still missing for sign-off")
        self.missing = wrapping_label()
        missing_layout.addWidget(self.missing)
        self.empty_note = wrapping_label()
        missing_layout.addWidget(self.empty_note)
        self.sign_button = QPushButton("Go to sign-off…")
        self.sign_button.setAccessibleName("Go to sign-off")
        self.sign_button.clicked.connect(lambda: self.signRequested.emit(self.env.conversation_id))
        self.sign_button.hide()
        self.second_signature_due = False  # awaiting sign-off: read-only, yet still to sign
        missing_layout.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.form.addWidget(self.missing_box)
        advice, advice_layout = group("Worth checking before you sign")
        self.advice = wrapping_label()
        advice_layout.addWidget(self.advice)
        self.advice_box = advice
        self.form.addWidget(advice)

        self.record = QTextBrowser()
        self.record.setAccessibleName("Everything agreed")
        self.record.setOpenLinks(False)
        self.record.setTabChangesFocus(True)  # no keyboard trap in the long read-back
        self.record.setFrameShape(QFrame.Shape.StyledPanel)
        self.record.setMinimumHeight(self.fontMetrics().height() * 18)
        self.form.addWidget(self.record, 4)  # the read-back takes the spare height, not a gap

        prompt = self.env.packs.prompts.steps.get(self.step_id)
        self.comments = GrowingTextEdit("The person's own comments", min_lines=4)
        self.comments.textChanged.connect(lambda: self.changed("employee_comments"))
        block, _ = field_block("The person's own comments:", self.comments,
                               prompt.hints.get("employee_comments", "") if prompt else "")
        self.form.addWidget(block)

    def set_sign_available(self, available: bool) -> None:
        self.sign_button.setVisible(available)

    def current_state(self) -> dict:
        state = copy.deepcopy(step_section(self.env.document, self.step_id))
        if not self.env.read_only and not state.get("comments_visited"):
            state["comments_visited"] = True  # reading the summary together is the step
            self.publish(state)
        return state

    def refresh_context(self) -> None:
        name = self.env.person.display_name
        scroll = self.record.verticalScrollBar().value()
        self.record.setHtml(render(self.env.document, self.env.details, self.env.packs, name))
        self.record.verticalScrollBar().setValue(scroll)

    def load(self, state: dict) -> None:
        self.comments.set_text(state.get("employee_comments", ""))

    def collect(self) -> dict:
        state = dict(self._state)
        state["employee_comments"] = self.comments.toPlainText()
        return state

    def after_change(self, field: str) -> None:
        self.empty_note.hide()
        if self.env.read_only:
            if self.second_signature_due:
                self.missing_box.setTitle("Awaiting the second signature")
                self.missing.setText("The first signature has fixed the content; the second "
                                     "signature is awaited.")
            else:
                self.missing_box.setTitle("Sign-off")
                self.missing.setText("Signed: nothing can be added to this record. To change "
                                     "it, start an amendment.")
            self.advice_box.hide()
            self.sign_button.setEnabled(self.second_signature_due)
            return
        document = copy.copy(self.env.document)
        if self._loaded:
            set_section(document, "summary", self.collect())
        missing = missing_for_signoff(document)
        self.missing_box.setTitle("Still missing for sign-off" if missing else "Ready to sign")
        if missing:
            self.missing.setText("\n".join(f"• {m}" for m in missing))
        else:
            self.missing.setText("Nothing required for sign-off is missing.")
        empty = empty_steps(document, self.env.details["kind"])
        if empty:
            names = [STEP_TITLES[step] for step in empty]
            self.empty_note.setText(
                f"Nothing is recorded yet in {_listed(names)}. "
                + ("It is not required for sign-off, but look at it together before you sign."
                   if len(names) == 1 else "They are not required for sign-off, but look at "
                   "them together before you sign."))
            self.empty_note.show()
        advice = worth_checking(document, self.env.details, self.env.packs)
        self.advice.setText("\n".join(f"• {a}" for a in advice))
        self.advice_box.setVisible(bool(advice))
        self.sign_button.setEnabled(not missing)

    def field_label(self, field: str) -> str:
        return "comments"

    def first_field(self):
        return self.record


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
