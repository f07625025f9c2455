"""Step 3, looking back (appraisal): last period's objectives with outcome and evidence, and feedback."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from rmp_desktop.domain.conversation import OBJECTIVE_OUTCOMES, CarriedItem
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.plan_rules import past_objective_problems
from rmp_desktop.ui.widgets import (
    GrowingTextEdit,
    field_block,
    group,
    note,
    wrapping_label,
)
from rmp_desktop.ui.wizard.list_editor import RecordListEditor, new_id
from rmp_desktop.ui.wizard.list_model import FieldSpec
from rmp_desktop.ui.wizard.page_base import StepPage

OUTCOME_CHOICES = [("", "Not yet decided"), *OBJECTIVE_OUTCOMES.items()]


class LookingBackPage(StepPage):
    step_id = "looking_back"

    def build(self) -> None:
        own = self.env.own_view
        box, layout = group("My objectives from last time" if own else "Previous objectives")
        self.objectives = RecordListEditor(
            "previous objective",
            [FieldSpec("text", "Objective", "text"),
             FieldSpec("outcome", "Outcome", "choice", choices=lambda _row: OUTCOME_CHOICES),
             FieldSpec("evidence", "Evidence", "text", column=False,
                       hint="What shows the outcome: results, examples, feedback.")],
            past_objective_problems,
            new_row=lambda: {"id": new_id(), "text": "", "outcome": "", "evidence": ""},
            empty_text=("No objectives from a signed plan of yours are here. Add each one you "
                        "agreed last time, with how it went and what shows it.") if own else
                       "No previous objectives yet. Add each one agreed last time, or bring in "
                       "those carried forward from the last signed plan.")
        self.objectives.rowsChanged.connect(lambda _f: self.changed("objectives"))
        self.bring_in = QPushButton("Bring in objectives from the last signed plan")
        self.bring_in.setAccessibleName("Bring in objectives from the last signed plan")
        self.bring_in.clicked.connect(self._bring_in_carried)
        self.bring_in_note = note()
        layout.addWidget(self.objectives)
        layout.addWidget(self.bring_in)
        layout.addWidget(self.bring_in_note)
        self.form.addWidget(box)

        # What the person wrote about the last plan's actions in their preparation, to review.
        self.progress_box, progress_layout = group("Progress on the last plan's actions, "
                                                   "from the person's preparation")
        self.progress = wrapping_label(rich=True, selectable=True)
        self.progress.setAccessibleName("Progress on the last plan's actions")
        progress_layout.addWidget(self.progress)
        self.form.addWidget(self.progress_box)
        self.progress_box.hide()

        prompt = self.env.packs.prompts.steps.get(self.step_id)
        self.feedback = GrowingTextEdit("Feedback summary", min_lines=4)
        self.feedback.textChanged.connect(lambda: self.changed("feedback"))
        hint = prompt.hints.get("feedback", "") if prompt and not own else ""
        block, _flag = field_block("Feedback from colleagues and customers, in summary:",
                                   self.feedback, hint)
        self.form.addWidget(block)

    def load(self, state: dict) -> None:
        self.objectives.set_rows(state.get("objectives") or [])
        self.feedback.set_text(state.get("feedback", ""))
        self._show_progress(state.get("action_progress") or [])

    def _show_progress(self, rows: list) -> None:
        rows = [r for r in rows if isinstance(r, dict)]
        self.progress_box.setVisible(bool(rows) and not self.env.own_view)
        items = []
        for row in rows:
            done = (f" <b>Done {html.escape(display_date(row.get('done_on')))}.</b>"
                    if row.get("done_on") else " Not done yet.")
            note_text = html.escape(str(row.get("note", "")))
            items.append(f"<li><b>{html.escape(str(row.get('text', '')))}</b>{done}"
                         + (f"<br>{note_text}" if note_text else "") + "</li>")
        self.progress.setTextFormat(Qt.TextFormat.RichText)
        self.progress.setText(f"<ul style='-qt-list-indent: 1'>{''.join(items)}</ul>")

    def collect(self) -> dict:
        state = dict(self._state)
        state["objectives"] = self.objectives.rows()
        state["feedback"] = self.feedback.toPlainText()
        return state

    def after_change(self, field: str) -> None:
        waiting = [] if self.env.own_view else self._carried_not_listed()
        self.bring_in.setVisible(bool(waiting))
        self.bring_in.setEnabled(bool(waiting) and not self.env.read_only)
        self.bring_in_note.setVisible(bool(waiting))
        if waiting:
            self.bring_in_note.setText(f"{len(waiting)} objective(s) from the last signed plan "
                                       "are not in this list yet.")

    def _carried_not_listed(self) -> list[CarriedItem]:
        listed = {r.get("text", "").strip() for r in self.objectives.rows()}
        return [item for item in self.env.document["setup"].get("carried_forward") or []
                if item.get("source") == "objective" and item.get("text", "").strip() not in listed]

    def _bring_in_carried(self) -> None:
        for item in self._carried_not_listed():
            self.objectives.model.append_row(
                {"id": new_id(), "text": item.get("text", ""), "outcome": "", "evidence": ""})
        self.objectives.set_rows(self.objectives.rows())
        self.changed("objectives")
        self.objectives.table.setFocus()

    def field_label(self, field: str) -> str:
        return {"objectives": "previous objectives", "feedback": "feedback"}.get(field, field)

    def apply_read_only(self, read_only: bool) -> None:
        self.objectives.set_read_only(read_only)
        self.after_change("")

    def first_field(self):
        return self.objectives.table if self.objectives.model.rowCount() else self.objectives.add_button
